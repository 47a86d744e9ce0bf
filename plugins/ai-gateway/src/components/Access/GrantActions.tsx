import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { AccessGrant } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { useGrantAction } from '../../query/access';
import { ReapplyDialog, RevokeDialog } from './GrantDialogs';
import { isLive } from './format';

export interface GrantActionsProps {
  grant: AccessGrant;
  /** consumer side: Get key / Rotate key / effective access; both: Re-apply (drifted) and Revoke when allowed */
  side: 'consumer' | 'api';
  canRevoke: boolean;
  /** claims or rotates (the page's one key dialog shows the key) */
  onKey?: (grant: AccessGrant, mode: 'claim' | 'rotate') => void;
  keyBusy?: boolean;
  effectiveOpen?: boolean;
  onToggleEffective?: () => void;
}

/** The buttons of one grant row; revoke and re-apply ask for confirmation first. */
export function GrantActions(props: GrantActionsProps) {
  const { grant, side, onKey } = props;
  const action = useGrantAction();
  const [confirm, setConfirm] = useState<'revoke' | 'reapply'>();
  if (!isLive(grant)) return null;
  const run = async (what: 'revoke' | 'reapply') => {
    try {
      await action.mutateAsync({ grantId: grant.id, action: what });
      setConfirm(undefined);
    } catch {
      // shown in the dialog from action.error
    }
  };
  const close = () => {
    setConfirm(undefined);
    action.reset();
  };
  return (
    <Box display="flex" gap={1} flexWrap="wrap">
      {side === 'consumer' && grant.state === 'awaiting-key' && onKey && (
        <Button
          size="small"
          variant="contained"
          disabled={props.keyBusy}
          onClick={() => onKey(grant, 'claim')}
        >
          Get key
        </Button>
      )}
      {side === 'consumer' && grant.state === 'active' && onKey && (
        <Button
          size="small"
          variant="outlined"
          disabled={props.keyBusy}
          onClick={() => onKey(grant, 'rotate')}
        >
          Rotate key
        </Button>
      )}
      {grant.drift && props.canRevoke && (
        <Button
          size="small"
          color="warning"
          variant="outlined"
          onClick={() => setConfirm('reapply')}
        >
          Re-apply
        </Button>
      )}
      {side === 'consumer' && props.onToggleEffective && (
        <Button
          size="small"
          aria-expanded={!!props.effectiveOpen}
          onClick={props.onToggleEffective}
        >
          {props.effectiveOpen ? 'Hide effective access' : 'Effective access'}
        </Button>
      )}
      {props.canRevoke && (
        <Button size="small" color="error" onClick={() => setConfirm('revoke')}>
          Revoke access
        </Button>
      )}
      {confirm === 'revoke' && (
        <RevokeDialog
          grant={grant}
          busy={action.isPending}
          error={action.error}
          onConfirm={() => run('revoke')}
          onClose={close}
        />
      )}
      {confirm === 'reapply' && (
        <ReapplyDialog
          grant={grant}
          busy={action.isPending}
          error={action.error}
          onConfirm={() => run('reapply')}
          onClose={close}
        />
      )}
    </Box>
  );
}
