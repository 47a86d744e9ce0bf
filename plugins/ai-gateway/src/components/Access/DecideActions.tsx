import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type {
  AccessLimits,
  AccessRequest,
  ApproveAccessRequestBody,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { useDecideAccessRequest } from '../../query/access';
import { AccessError } from './AccessError';
import { ScopeChecklist } from './ScopeChecklist';
import { LimitFields, limitError, limitInputOf, limitsOf } from './LimitFields';
import { dateOf, daysFrom, describeScope, endOfDay } from './format';

export interface DecideActionsProps {
  request: AccessRequest;
  /** the API's own limits: the ceiling when the request asked for none */
  apiLimits?: AccessLimits;
}

/** Approve as asked, narrow (fewer items, lower limits, earlier expiry), or deny with a note. */
export function DecideActions({ request, apiLimits }: DecideActionsProps) {
  const decide = useDecideAccessRequest();
  const [open, setOpen] = useState<'narrow' | 'deny'>();
  return (
    <Box>
      <Box display="flex" gap={1} flexWrap="wrap">
        <Button
          size="small"
          variant="contained"
          disabled={decide.isPending}
          onClick={() =>
            decide.mutate({ id: request.id, decision: 'approve', body: {} })
          }
        >
          Approve
        </Button>
        <Button
          size="small"
          variant="outlined"
          onClick={() => setOpen('narrow')}
        >
          Narrow
        </Button>
        <Button size="small" color="error" onClick={() => setOpen('deny')}>
          Deny
        </Button>
      </Box>
      {decide.isError && !open && (
        <AccessError
          title="The decision was not recorded"
          error={decide.error}
        />
      )}
      {open === 'narrow' && (
        <NarrowDialog
          request={request}
          apiLimits={apiLimits}
          onClose={() => setOpen(undefined)}
        />
      )}
      {open === 'deny' && (
        <DenyDialog request={request} onClose={() => setOpen(undefined)} />
      )}
    </Box>
  );
}

function NarrowDialog(props: {
  request: AccessRequest;
  apiLimits?: AccessLimits;
  onClose: () => void;
}) {
  const { request, onClose } = props;
  const decide = useDecideAccessRequest();
  const isTools = !!request.scope.tools?.length;
  const asked = (isTools ? request.scope.tools : request.scope.models) ?? [];
  const ceiling: AccessLimits = { ...props.apiLimits, ...request.scope.limits };
  const [items, setItems] = useState(asked);
  const [limits, setLimits] = useState(limitInputOf(request.scope.limits));
  const maxExpiry = dateOf(request.expiresAt) || daysFrom(365);
  const [expiry, setExpiry] = useState(maxExpiry);
  const [note, setNote] = useState('');
  const expiryError =
    !expiry || expiry > maxExpiry
      ? `Pick a date up to ${maxExpiry}`
      : undefined;
  const invalid =
    (asked.length > 0 && items.length === 0) ||
    !!expiryError ||
    !!limitError(limits.requestsPerMinute, ceiling.requestsPerMinute) ||
    !!limitError(limits.tokensPerMinute, ceiling.tokensPerMinute);
  const submit = async () => {
    const body: ApproveAccessRequestBody = {};
    if (asked.length) body[isTools ? 'tools' : 'models'] = items;
    const l = limitsOf(limits);
    if (l) body.limits = l;
    if (expiry !== maxExpiry) body.expiresAt = endOfDay(expiry);
    if (note.trim()) body.note = note.trim();
    try {
      await decide.mutateAsync({ id: request.id, decision: 'approve', body });
      onClose();
    } catch {
      // shown from decide.error
    }
  };
  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby={`narrow-${request.id}`}
    >
      <DialogTitle id={`narrow-${request.id}`}>Narrow and approve</DialogTitle>
      <DialogContent>
        <Typography variant="body2" gutterBottom>
          {request.consumerRef} asked for {describeScope(request.scope)} until{' '}
          {dateOf(request.expiresAt)}. Uncheck items, lower limits or pick an
          earlier date.
        </Typography>
        {asked.length > 0 && (
          <ScopeChecklist
            label={isTools ? 'Tools' : 'Models'}
            options={asked}
            selected={items}
            onChange={setItems}
          />
        )}
        <LimitFields
          value={limits}
          onChange={setLimits}
          max={ceiling}
          expiry={expiry}
          onExpiryChange={setExpiry}
          maxExpiry={maxExpiry}
          expiryHelp={`At most what was asked (${maxExpiry})`}
          expiryError={expiryError}
        />
        <TextField
          label="Note to the requester"
          value={note}
          onChange={e => setNote(e.target.value)}
          fullWidth
          margin="normal"
        />
        {decide.isError && (
          <AccessError
            title="The approval was not recorded"
            error={decide.error}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          onClick={submit}
          disabled={invalid || decide.isPending}
        >
          Approve narrowed
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function DenyDialog(props: { request: AccessRequest; onClose: () => void }) {
  const { request, onClose } = props;
  const decide = useDecideAccessRequest();
  const [note, setNote] = useState('');
  const submit = async () => {
    try {
      await decide.mutateAsync({
        id: request.id,
        decision: 'deny',
        note: note.trim() || undefined,
      });
      onClose();
    } catch {
      // shown from decide.error
    }
  };
  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby={`deny-${request.id}`}
    >
      <DialogTitle id={`deny-${request.id}`}>
        Deny the request of {request.consumerRef}
      </DialogTitle>
      <DialogContent>
        <TextField
          label="Note to the requester"
          value={note}
          onChange={e => setNote(e.target.value)}
          helperText="Why, or what to ask for instead"
          fullWidth
          multiline
          margin="normal"
        />
        {decide.isError && (
          <AccessError
            title="The denial was not recorded"
            error={decide.error}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="error"
          variant="contained"
          onClick={submit}
          disabled={decide.isPending}
        >
          Deny request
        </Button>
      </DialogActions>
    </Dialog>
  );
}
