import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { Progress } from '@backstage/core-components';
import type {
  AccessRequest,
  ApiAccessView,
  CreateAccessRequestBody,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { useCreateAccessRequest } from '../../query/access';
import { AccessError } from './AccessError';
import { ScopeChecklist } from './ScopeChecklist';
import {
  LimitFields,
  limitError,
  limitInputOf,
  limitsOf,
  useExpiryBounds,
} from './LimitFields';
import { useOwnedConsumers } from './useOwnedConsumers';
import { daysFrom, expiryOf } from './format';

export interface RequestAccessDialogProps {
  view: ApiAccessView;
  onClose: () => void;
  /** an auto-approved request: the grant whose key to claim now */
  onGranted: (grantId: string) => void;
}

/** Ask for access to an API for a consumer the user owns: models or tools, limits, expiry and a reason. */
export function RequestAccessDialog(props: RequestAccessDialogProps) {
  const { view, onClose, onGranted } = props;
  const consumers = useOwnedConsumers();
  const create = useCreateAccessRequest();
  const { defaultDays, maxDays } = useExpiryBounds();
  const isLlm = view.apiType === 'llm';
  const offered = isLlm ? view.offers.models : view.offers.tools;
  const [consumerRef, setConsumerRef] = useState('');
  const [items, setItems] = useState<string[]>([]);
  const [limits, setLimits] = useState(limitInputOf());
  const [expiry, setExpiry] = useState(daysFrom(defaultDays));
  const [reason, setReason] = useState('');
  const [sent, setSent] = useState<AccessRequest>();
  const maxExpiry = daysFrom(maxDays);
  const expiryError =
    !expiry || expiry > maxExpiry
      ? `Pick a date up to ${maxExpiry}`
      : undefined;
  const invalid =
    !consumerRef ||
    !reason.trim() ||
    (offered.length > 0 && items.length === 0) ||
    !!expiryError ||
    !!limitError(
      limits.requestsPerMinute,
      view.offers.limits?.requestsPerMinute,
    ) ||
    !!limitError(limits.tokensPerMinute, view.offers.limits?.tokensPerMinute);

  const submit = async () => {
    const body: CreateAccessRequestBody = {
      apiRef: view.apiRef,
      consumerRef,
      ...(offered.length ? { [isLlm ? 'models' : 'tools']: items } : {}),
      expiresAt: expiryOf(expiry, maxDays),
      reason: reason.trim(),
    };
    const l = limitsOf(limits);
    if (l) body.limits = l;
    try {
      const res = await create.mutateAsync(body);
      if (res.grant) onGranted(res.grant.id);
      else setSent(res.request);
    } catch {
      // shown from create.error
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby="ai-gateway-request-title"
    >
      <DialogTitle id="ai-gateway-request-title">
        Request access to {view.apiRef}
      </DialogTitle>
      <DialogContent>
        {sent ? (
          <Alert severity="success" role="status">
            Request sent for {sent.consumerRef}: it is pending until the API's
            owners approve it. You will be notified; then get the key on the
            consumer's AI access tab.
          </Alert>
        ) : (
          <>
            {view.autoApprove && (
              <Alert severity="info" sx={{ mb: 2 }}>
                This API approves requests automatically: your key is shown
                right after you send the request.
              </Alert>
            )}
            {consumers.isPending && <Progress />}
            {consumers.isError && (
              <AccessError
                title="Could not list the entities you own"
                error={consumers.error}
              />
            )}
            {consumers.data && consumers.data.length === 0 && (
              <Alert severity="warning">
                You own no component, system or group that could hold a key.
              </Alert>
            )}
            {consumers.data && consumers.data.length > 0 && (
              <TextField
                select
                label="Consumer"
                value={consumerRef}
                onChange={e => setConsumerRef(e.target.value)}
                helperText="The entity (e.g. an agent) that will hold the key"
                fullWidth
                margin="normal"
                required
              >
                {consumers.data.map(c => (
                  <MenuItem key={c.ref} value={c.ref}>
                    {c.title} ({c.ref})
                  </MenuItem>
                ))}
              </TextField>
            )}
            {offered.length > 0 && (
              <ScopeChecklist
                label={isLlm ? 'Models' : 'Tools'}
                options={offered}
                selected={items}
                onChange={setItems}
              />
            )}
            <LimitFields
              value={limits}
              onChange={setLimits}
              max={view.offers.limits}
              expiry={expiry}
              onExpiryChange={setExpiry}
              maxExpiry={maxExpiry}
              expiryHelp={`Default ${defaultDays} days, at most ${maxDays} days (${maxExpiry})`}
              expiryError={expiryError}
            />
            <TextField
              label="Reason"
              value={reason}
              onChange={e => setReason(e.target.value)}
              helperText="What the consumer needs it for (the API's owners read it)"
              fullWidth
              multiline
              minRows={2}
              margin="normal"
              required
            />
            {create.isError && (
              <AccessError
                title="The request was not accepted"
                error={create.error}
              />
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{sent ? 'Close' : 'Cancel'}</Button>
        {!sent && (
          <Button
            variant="contained"
            onClick={submit}
            disabled={invalid || create.isPending}
          >
            Send request
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
