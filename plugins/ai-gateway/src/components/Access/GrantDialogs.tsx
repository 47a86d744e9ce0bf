import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import type { AccessGrant } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AccessError } from './AccessError';
import { when } from './format';

interface ConfirmProps {
  grant: AccessGrant;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/** Confirms a revoke: the key stops working and the grant's objects are removed. */
export function RevokeDialog(props: ConfirmProps) {
  const { grant } = props;
  return (
    <Dialog open onClose={props.onClose} aria-labelledby={`revoke-${grant.id}`}>
      <DialogTitle id={`revoke-${grant.id}`}>Revoke access?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {grant.consumerRef} loses access to {grant.apiRef}: its key stops
          working and the grant's objects are removed from the cluster. This
          cannot be undone; a new request would be needed.
        </DialogContentText>
        {!!props.error && (
          <AccessError title="Not revoked" error={props.error} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="error"
          variant="contained"
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          Confirm revoke
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Shows how a drifted grant's objects differ in the cluster, and re-applies them. */
export function ReapplyDialog(props: ConfirmProps) {
  const { grant } = props;
  const drift = grant.drift;
  return (
    <Dialog
      open
      onClose={props.onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby={`reapply-${grant.id}`}
    >
      <DialogTitle id={`reapply-${grant.id}`}>
        Re-apply the grant's objects
      </DialogTitle>
      <DialogContent>
        {drift ? (
          <>
            <DialogContentText>
              Since {when(drift.detectedAt)} these objects differ from what the
              grant wrote:
            </DialogContentText>
            <List dense aria-label="Differences">
              {drift.differences.map(d => (
                <ListItem
                  key={`${d.object.cluster}/${d.object.kind}/${d.object.namespace}/${d.object.name}`}
                >
                  <ListItemText
                    primary={`${d.object.kind} ${d.object.namespace}/${d.object.name} (${d.object.cluster}): ${d.change}`}
                    secondary={d.paths?.join(', ')}
                  />
                </ListItem>
              ))}
            </List>
          </>
        ) : (
          <Alert severity="info">
            No difference is known; re-applying writes the objects again.
          </Alert>
        )}
        {!!props.error && (
          <AccessError title="Not re-applied" error={props.error} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          variant="contained"
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          Re-apply objects
        </Button>
      </DialogActions>
    </Dialog>
  );
}
