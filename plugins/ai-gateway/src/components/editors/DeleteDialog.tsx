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
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResourceItem } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayApiRef } from '../../api/AiGatewayApi';
import { aiGatewayQueryKeys } from '../../query/AiGatewayQueryProvider';
import { messageOf, statusOf } from './causes';
import type { EditorTarget } from './ResourceEditorDialog';

export interface DeleteDialogProps {
  open: boolean;
  onClose(): void;
  target: EditorTarget;
  item: ResourceItem;
  onDeleted?(): void;
}

function DeleteDialogBody(props: DeleteDialogProps) {
  const { item, target } = props;
  const api = useApi(aiGatewayApiRef);
  const queryClient = useQueryClient();
  const referrers = useQuery({
    queryKey: [
      'ai-gateway',
      'referrers',
      target.scope === 'entity' ? target.entityRef : 'platform',
      item.kind,
      item.name,
    ],
    queryFn: () =>
      target.scope === 'entity'
        ? api.getReferrers(target.entityRef, item.kind, item.name)
        : Promise.resolve({ items: [] }),
    staleTime: 0,
  });
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const refs = referrers.data?.items ?? [];
  const mustType = refs.length > 0 || referrers.isError;
  const confirmed = !mustType || typed === item.name;

  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      if (target.scope === 'entity')
        await api.deleteResource(
          target.entityRef,
          item.kind,
          item.name,
          item.resourceVersion,
        );
      else
        await api.deletePlatformResource(
          item.kind,
          item.namespace ?? '',
          item.name,
          item.resourceVersion,
        );
      await queryClient.invalidateQueries({ queryKey: aiGatewayQueryKeys.all });
      props.onDeleted?.();
      props.onClose();
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
    } finally {
      setBusy(false);
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
          <Alert severity="warning" sx={{ mb: 2 }} aria-label="Referenced by">
            <AlertTitle>
              Referenced by {refs.length} object(s) — they will break
            </AlertTitle>
            <ul style={{ margin: 0, paddingLeft: 16 }}>
              {refs.map(r => (
                <li key={`${r.kind}/${r.namespace}/${r.name}`}>
                  {r.kind} {r.namespace ? `${r.namespace}/` : ''}
                  {r.name}
                </li>
              ))}
            </ul>
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
          disabled={!confirmed || busy || referrers.isPending}
        >
          Delete
        </Button>
      </DialogActions>
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
