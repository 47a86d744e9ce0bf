import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import type { ApiAccessView } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AccessError } from './AccessError';
import { RequestAccessDialog } from './RequestAccessDialog';
import { useKeyIssuer } from './useKeyIssuer';

/**
 * "Request access" and its dialog; an auto-approved request goes straight to claiming the key, which is shown
 * once.
 */
export function RequestAccessButton({ view }: { view: ApiAccessView }) {
  const [open, setOpen] = useState(false);
  const keys = useKeyIssuer();
  const button = (
    <span>
      <Button
        variant="contained"
        disabled={!view.can.request}
        onClick={() => setOpen(true)}
      >
        Request access
      </Button>
    </span>
  );
  return (
    <Box>
      {view.can.request ? (
        button
      ) : (
        <Tooltip title="You are not allowed to request access to this API">
          {button}
        </Tooltip>
      )}
      {open && (
        <RequestAccessDialog
          view={view}
          onClose={() => setOpen(false)}
          onGranted={grantId => {
            setOpen(false);
            keys.issue(grantId, 'claim', {
              ref: view.apiRef,
              type: view.apiType,
            });
          }}
        />
      )}
      {!!keys.error && (
        <AccessError
          title="Access was approved, but the key could not be claimed (get it on the consumer's AI access tab)"
          error={keys.error}
        />
      )}
      {keys.dialog}
    </Box>
  );
}
