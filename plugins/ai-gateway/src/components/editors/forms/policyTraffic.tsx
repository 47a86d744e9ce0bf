import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useField } from '../EditorContext';
import {
  FormSection,
  PathList,
  PathNumber,
  PathSelect,
  PathSwitch,
  PathText,
  Row,
} from '../fields';
import { ArrayField } from './common';
import { PolicyForm } from './policyCommon';
import type { LocalLimit } from './types';

function LimitItem(props: { base: string }) {
  const item = useField<LocalLimit | undefined>(props.base);
  const kind = item.value?.tokens !== undefined ? 'tokens' : 'requests';
  return (
    <Row>
      <TextField
        select
        size="small"
        margin="dense"
        label="Limit"
        value={kind}
        onChange={e => {
          const { requests, tokens, burst: _b, ...rest } = item.value ?? {};
          const amount = requests ?? tokens ?? 1;
          item.set(
            e.target.value === 'tokens'
              ? { ...rest, tokens: amount }
              : { ...rest, requests: amount },
          );
        }}
      >
        <MenuItem value="requests">Requests</MenuItem>
        <MenuItem value="tokens">LLM tokens</MenuItem>
      </TextField>
      <PathNumber
        path={`${props.base}.${kind}`}
        label={kind === 'tokens' ? 'Tokens' : 'Requests'}
        required
        min={1}
      />
      <PathSelect
        path={`${props.base}.unit`}
        label="Per"
        options={['Seconds', 'Minutes', 'Hours']}
      />
      {kind === 'requests' && (
        <PathNumber path={`${props.base}.burst`} label="Burst" min={0} />
      )}
    </Row>
  );
}

export function RateLimitForm() {
  const p = 'spec.traffic.rateLimit.local';
  return (
    <PolicyForm>
      <ArrayField
        path={p}
        title="Local rate limits"
        itemTitle={i => `Limit ${i + 1}`}
        min={1}
        newItem={() => ({ requests: 10, unit: 'Minutes' })}
      >
        {i => <LimitItem base={`${p}.${i}`} />}
      </ArrayField>
    </PolicyForm>
  );
}

export const BUILTINS = ['CreditCard', 'Email', 'PhoneNumber', 'Ssn', 'CaSin'];

function Builtins(props: { path: string }) {
  const { value, set } = useField<string[]>(props.path);
  const chosen = new Set(value ?? []);
  return (
    <FormGroup row aria-label="Built-in detectors">
      {BUILTINS.map(b => (
        <FormControlLabel
          key={b}
          label={b}
          control={
            <Checkbox
              checked={chosen.has(b)}
              onChange={e => {
                const next = BUILTINS.filter(x =>
                  x === b ? e.target.checked : chosen.has(x),
                );
                set(next.length > 0 ? next : undefined);
              }}
            />
          }
        />
      ))}
    </FormGroup>
  );
}

export function PromptGuardForm() {
  const p = 'spec.backend.ai.promptGuard.request.0';
  return (
    <PolicyForm kinds={['HTTPRoute', 'Gateway', 'AgentgatewayBackend']}>
      <FormSection title="Prompt guard (requests)">
        <PathSelect
          path={`${p}.regex.action`}
          label="Action"
          options={['Reject', 'Mask']}
        />
        <PathList path={`${p}.regex.matches`} label="Regular expressions" />
        <Builtins path={`${p}.regex.builtins`} />
        <Row>
          <PathText path={`${p}.response.message`} label="Rejection message" />
          <PathNumber
            path={`${p}.response.statusCode`}
            label="Status code"
            min={200}
            max={599}
          />
        </Row>
      </FormSection>
    </PolicyForm>
  );
}

export function AuthorizationForm(props: {
  base: string;
  title: string;
  kinds?: string[];
}) {
  return (
    <PolicyForm kinds={props.kinds}>
      <FormSection title={props.title}>
        <PathSelect
          path={`${props.base}.action`}
          label="Action"
          options={['Allow', 'Deny', 'Require']}
        />
        <PathList
          path={`${props.base}.policy.matchExpressions`}
          label="CEL expressions"
          helperText="one per line; any match applies the action"
        />
      </FormSection>
    </PolicyForm>
  );
}

export function CorsForm() {
  const p = 'spec.traffic.cors';
  return (
    <PolicyForm>
      <FormSection title="CORS">
        <PathList path={`${p}.allowOrigins`} label="Allowed origins" inline />
        <PathList path={`${p}.allowMethods`} label="Allowed methods" inline />
        <PathList path={`${p}.allowHeaders`} label="Allowed headers" inline />
        <PathList path={`${p}.exposeHeaders`} label="Exposed headers" inline />
        <Row>
          <PathNumber path={`${p}.maxAge`} label="Max age (seconds)" min={0} />
          <PathSwitch
            path={`${p}.allowCredentials`}
            label="Allow credentials"
          />
        </Row>
      </FormSection>
    </PolicyForm>
  );
}

export function TimeoutsForm() {
  return (
    <PolicyForm>
      <FormSection title="Timeouts and retries">
        <PathText
          path="spec.traffic.timeouts.request"
          label="Request timeout"
          placeholder="30s"
        />
        <Row>
          <PathNumber
            path="spec.traffic.retry.attempts"
            label="Retry attempts"
            min={1}
          />
          <PathText
            path="spec.traffic.retry.backoff"
            label="Backoff"
            placeholder="1s"
          />
          <PathList
            path="spec.traffic.retry.codes"
            label="Retry on status codes"
            inline
            numbers
          />
        </Row>
      </FormSection>
    </PolicyForm>
  );
}
