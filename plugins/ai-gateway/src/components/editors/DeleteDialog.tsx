import { useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useApi } from '@backstage/core-plugin-api';
import { useQuery } from '@tanstack/react-query';
import type { ResourceRow } from '../../api/AiGatewayApi';
import { aiGatewayApiRef } from '../../api/AiGatewayApi';
import { aiGatewayQueryKeys } from '../../query/keys';
import { WriteTarget, useDeleteResource } from '../../query/mutations';
import { messageOf, statusOf } from '../../api/errors';
import { CollapsedList } from '../shared/CollapsedList';

export interface DeleteDialogProps {
  open: boolean;
  onClose(): void;
  target: WriteTarget;
  item: ResourceRow;
  onDeleted?(): void;
}

function DeleteDialogBody(props: DeleteDialogProps) {
  const { item, target } = props;
  const api = useApi(aiGatewayApiRef);
  const deletion = useDeleteResource(target);
  const referrers = useQuery({
    queryKey: aiGatewayQueryKeys.referrers(
      target.scope === 'entity' ? target.entityRef : 'platform',
      item.kind,
      item.name,
    ),
    queryFn: () =>
      target.scope === 'entity'
        ? api.getReferrers(target.entityRef, item.kind, item.name)
        : Promise.resolve({ items: [] }),
    staleTime: 0,
  });
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const refs = referrers.data?.items ?? [];
  const mustType = refs.length > 0 || referrers.isError;
  const confirmed = !mustType || typed === item.name;

  const remove = async () => {
    setError(undefined);
    try {
      const result = await deletion.mutateAsync(item);
      props.onDeleted?.();
      // 202: accepted, but the object stays (Terminating) until its finalizers are done — say so
      if (result.pending) setPending(true);
      else props.onClose();
    } catch (e) {
      setError(
        statusOf(e) === 409
          ? `${item.kind} ${
              item.name
            } was changed by someone else since this page loaded; reload and check it before deleting. (${messageOf(
              e,
            )})`
          : messageOf(e),
      );
    }
  };

  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby="ai-gateway-delete-title"
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id="ai-gateway-delete-title">
        Delete {item.kind} {item.name}?
      </DialogTitle>
      {pending ? (
        <>
          <DialogContent>
            <Alert severity="info" role="status">
              <AlertTitle>Deletion pending</AlertTitle>
              The cluster accepted the delete. {item.kind} {item.name} stays,
              marked Terminating, until its finalizers are done.
            </Alert>
          </DialogContent>
          <DialogActions>
            <Button variant="contained" onClick={props.onClose}>
              Close
            </Button>
          </DialogActions>
        </>
      ) : (
        <>
          <DialogContent>
            {referrers.isPending && (
              <CircularProgress
                size={20}
                aria-label="Looking for objects that reference it"
              />
            )}
            {referrers.isError && (
              <Alert severity="warning" sx={{ mb: 2 }}>
                Could not check what references it: {messageOf(referrers.error)}
              </Alert>
            )}
            {refs.length > 0 && (
              <Alert
                severity="warning"
                sx={{ mb: 2 }}
                aria-label="Referenced by"
              >
                <AlertTitle>
                  Referenced by {refs.length} object(s) — they will break
                </AlertTitle>
                <CollapsedList
                  items={refs}
                  variant="list"
                  first={10}
                  noun="referrers"
                  render={r =>
                    `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`
                  }
                />
              </Alert>
            )}
            {referrers.isSuccess && refs.length === 0 && (
              <DialogContentText>
                Nothing in this entity references it.
              </DialogContentText>
            )}
            {mustType && (
              <TextField
                fullWidth
                size="small"
                margin="dense"
                label={`Type ${item.name} to confirm`}
                value={typed}
                onChange={e => setTyped(e.target.value)}
              />
            )}
            {error && (
              <Alert severity="error" role="alert" sx={{ mt: 2 }}>
                {error}
              </Alert>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>Cancel</Button>
            <Button
              color="error"
              variant="contained"
              onClick={remove}
              disabled={!confirmed || deletion.isPending || referrers.isPending}
            >
              Delete
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}

/**
 * Confirms a delete, listing what references the object (it would break them). With referrers the user must
 * type the object's name. The delete carries the resourceVersion the user saw (a changed object is not deleted).
 */
export function DeleteDialog(props: DeleteDialogProps) {
  if (!props.open) return null;
  return <DeleteDialogBody {...props} />;
}
