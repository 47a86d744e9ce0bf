import { ReactNode, useState } from 'react';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type {
  KubeObject,
  ResourceTab,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { useEditor, useField } from '../EditorContext';
import {
  FormSection,
  PathList,
  PathNumber,
  PathSelect,
  PathSwitch,
  PathText,
  Row,
  SecretValueField,
} from '../fields';
import { getIn } from '../objectPath';
import { useTabItems } from '../useTabItems';
import { ArrayField, NameField } from './common';
import { CREDENTIALS, FormDescriptor } from './types';

const POLICY = {
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayPolicy',
} as const;
const TARGET_KINDS: Record<string, { group: string; tab: ResourceTab }> = {
  Gateway: { group: 'gateway.networking.k8s.io', tab: 'gateways' },
  HTTPRoute: { group: 'gateway.networking.k8s.io', tab: 'routes' },
  AgentgatewayBackend: { group: 'agentgateway.dev', tab: 'backends' },
};

function TargetRef(props: { index: number; kinds: string[] }) {
  const base = `spec.targetRefs.${props.index}`;
  const ref = useField<any>(base);
  const kind: string = ref.value?.kind ?? props.kinds[0];
  const items = useTabItems(TARGET_KINDS[kind]?.tab ?? 'routes', kind);
  const names = items.map(i => i.name);
  if (ref.value?.name && !names.includes(ref.value.name))
    names.push(ref.value.name);
  return (
    <Row>
      <TextField
        select
        fullWidth
        size="small"
        margin="dense"
        label="Target kind"
        value={kind}
        onChange={e =>
          ref.set({
            group: TARGET_KINDS[e.target.value].group,
            kind: e.target.value,
            name: '',
          })
        }
      >
        {props.kinds.map(k => (
          <MenuItem key={k} value={k}>
            {k}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        fullWidth
        size="small"
        margin="dense"
        required
        label="Target name"
        value={ref.value?.name ?? ''}
        error={ref.causes.length > 0}
        helperText={ref.causes.map(c => c.message).join('; ') || undefined}
        onChange={e =>
          ref.set({
            ...(ref.value ?? {}),
            group: TARGET_KINDS[kind].group,
            kind,
            name: e.target.value,
          })
        }
      >
        {names.map(n => (
          <MenuItem key={n} value={n}>
            {n}
          </MenuItem>
        ))}
      </TextField>
      <PathText
        path={`${base}.sectionName`}
        label="Section (listener / rule)"
      />
    </Row>
  );
}

function PolicyForm(props: { children: ReactNode; kinds?: string[] }) {
  const kinds = props.kinds ?? Object.keys(TARGET_KINDS);
  return (
    <>
      <NameField />
      <ArrayField
        path="spec.targetRefs"
        title="Targets"
        itemTitle={i => `Target ${i + 1}`}
        min={1}
        newItem={() => ({
          group: TARGET_KINDS[kinds[0]].group,
          kind: kinds[0],
          name: '',
        })}
      >
        {i => <TargetRef index={i} kinds={kinds} />}
      </ArrayField>
      {props.children}
    </>
  );
}

const MODES = ['Strict', 'Optional', 'Permissive'];

/** One client API key: the entry name is the client id, the value the key (write-only). */
function ClientKey() {
  const editor = useEditor();
  const [client, setClient] = useState('client1');
  const value = editor.secretValues[CREDENTIALS]?.[client] ?? '';
  return (
    <Row>
      <TextField
        size="small"
        margin="dense"
        label="Client id"
        value={client}
        onChange={e => {
          setClient(e.target.value);
          editor.setSecretBucket(
            CREDENTIALS,
            value ? { [e.target.value]: value } : {},
          );
        }}
        helperText="the key's entry name in the Secret"
      />
      <SecretValueField
        bucket={CREDENTIALS}
        secretName={getIn(
          editor.object,
          'spec.traffic.apiKeyAuthentication.secretRef.name',
        )}
        secretKey={client}
        label="Client API key"
      />
    </Row>
  );
}

function ApiKeyForm() {
  const p = 'spec.traffic.apiKeyAuthentication';
  return (
    <PolicyForm>
      <FormSection title="API-key authentication">
        <Row>
          <PathSelect path={`${p}.mode`} label="Mode" options={MODES} />
          <PathText
            path={`${p}.secretRef.name`}
            label="Secret with the API keys"
            helperText="each entry is one client's key"
          />
        </Row>
        <ClientKey />
      </FormSection>
    </PolicyForm>
  );
}

function JwtProvider(props: { base: string }) {
  const jwks = useField<any>(`${props.base}.jwks`);
  const kind = jwks.value?.remote ? 'remote' : 'inline';
  return (
    <>
      <Row>
        <PathText path={`${props.base}.issuer`} label="Issuer" required />
        <PathList path={`${props.base}.audiences`} label="Audiences" inline />
      </Row>
      <TextField
        select
        size="small"
        margin="dense"
        label="JWKS source"
        value={kind}
        onChange={e =>
          jwks.set(
            e.target.value === 'remote'
              ? { remote: { url: '' } }
              : { inline: '' },
          )
        }
      >
        <MenuItem value="inline">Inline JWKS</MenuItem>
        <MenuItem value="remote">Remote URL</MenuItem>
      </TextField>
      {kind === 'inline' ? (
        <PathText
          path={`${props.base}.jwks.inline`}
          label="JWKS (JSON)"
          multiline
          required
        />
      ) : (
        <Row>
          <PathText
            path={`${props.base}.jwks.remote.url`}
            label="JWKS URL"
            required
            placeholder="https://issuer/.well-known/jwks.json"
          />
          <PathText
            path={`${props.base}.jwks.remote.cacheDuration`}
            label="Cache duration"
            placeholder="5m"
          />
        </Row>
      )}
    </>
  );
}

function JwtForm() {
  const p = 'spec.traffic.jwtAuthentication';
  return (
    <PolicyForm>
      <FormSection title="JWT authentication">
        <PathSelect path={`${p}.mode`} label="Mode" options={MODES} />
        <ArrayField
          path={`${p}.providers`}
          title="Providers"
          itemTitle={i => `Provider ${i + 1}`}
          min={1}
          newItem={() => ({ issuer: '', jwks: { inline: '' } })}
        >
          {i => <JwtProvider base={`${p}.providers.${i}`} />}
        </ArrayField>
      </FormSection>
    </PolicyForm>
  );
}

function LimitItem(props: { base: string }) {
  const item = useField<any>(props.base);
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

function RateLimitForm() {
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

function PromptGuardForm() {
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

function AuthorizationForm(props: {
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

function CorsForm() {
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

function TimeoutsForm() {
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

const gatewayTarget = () => [
  { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: '' },
];
const routeTarget = () => [
  { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: '' },
];
const policy = (spec: Record<string, unknown>): KubeObject => ({
  ...POLICY,
  metadata: { name: '' },
  spec,
});
const has = (path: string) => (o: KubeObject) =>
  o.kind === POLICY.kind && getIn(o, path) !== undefined;

export const policyForms: FormDescriptor[] = [
  {
    id: 'policy-apikey',
    kind: POLICY.kind,
    label: 'Policy: API-key authentication',
    matches: has('spec.traffic.apiKeyAuthentication'),
    template: () =>
      policy({
        targetRefs: gatewayTarget(),
        traffic: {
          apiKeyAuthentication: { mode: 'Strict', secretRef: { name: '' } },
        },
      }),
    Form: ApiKeyForm,
    credentials: {
      refPath: 'spec.traffic.apiKeyAuthentication.secretRef',
      defaultName: n => `${n}-api-keys`,
    },
  },
  {
    id: 'policy-jwt',
    kind: POLICY.kind,
    label: 'Policy: JWT authentication',
    matches: has('spec.traffic.jwtAuthentication'),
    template: () =>
      policy({
        targetRefs: gatewayTarget(),
        traffic: {
          jwtAuthentication: {
            mode: 'Strict',
            providers: [{ issuer: '', jwks: { inline: '' } }],
          },
        },
      }),
    Form: JwtForm,
  },
  {
    id: 'policy-ratelimit',
    kind: POLICY.kind,
    label: 'Policy: local rate limit (requests / LLM tokens)',
    matches: has('spec.traffic.rateLimit.local'),
    template: () =>
      policy({
        targetRefs: routeTarget(),
        traffic: { rateLimit: { local: [{ requests: 10, unit: 'Minutes' }] } },
      }),
    Form: RateLimitForm,
  },
  {
    id: 'policy-promptguard',
    kind: POLICY.kind,
    label: 'Policy: prompt guard',
    matches: has('spec.backend.ai.promptGuard'),
    template: () =>
      policy({
        targetRefs: routeTarget(),
        backend: {
          ai: {
            promptGuard: {
              request: [
                {
                  regex: { action: 'Reject', builtins: ['CreditCard'] },
                  response: {
                    message: 'Rejected by prompt guard',
                    statusCode: 403,
                  },
                },
              ],
            },
          },
        },
      }),
    Form: PromptGuardForm,
  },
  {
    id: 'policy-authz',
    kind: POLICY.kind,
    label: 'Policy: CEL authorization (HTTP / LLM)',
    matches: has('spec.traffic.authorization'),
    template: () =>
      policy({
        targetRefs: gatewayTarget(),
        traffic: {
          authorization: { action: 'Allow', policy: { matchExpressions: [] } },
        },
      }),
    Form: () => (
      <AuthorizationForm
        base="spec.traffic.authorization"
        title="CEL authorization"
      />
    ),
  },
  {
    id: 'policy-mcp-authz',
    kind: POLICY.kind,
    label: 'Policy: MCP tool authorization (CEL)',
    matches: has('spec.backend.mcp.authorization'),
    template: () =>
      policy({
        targetRefs: [
          { group: 'agentgateway.dev', kind: 'AgentgatewayBackend', name: '' },
        ],
        backend: {
          mcp: {
            authorization: {
              action: 'Allow',
              policy: { matchExpressions: ["mcp.tool.name == 'get_me'"] },
            },
          },
        },
      }),
    Form: () => (
      <AuthorizationForm
        base="spec.backend.mcp.authorization"
        title="MCP tool rules (CEL over mcp.tool.name, jwt...)"
        kinds={['AgentgatewayBackend', 'HTTPRoute', 'Gateway']}
      />
    ),
  },
  {
    id: 'policy-cors',
    kind: POLICY.kind,
    label: 'Policy: CORS',
    matches: has('spec.traffic.cors'),
    template: () =>
      policy({
        targetRefs: routeTarget(),
        traffic: {
          cors: {
            allowOrigins: ['https://example.com'],
            allowMethods: ['GET', 'POST'],
          },
        },
      }),
    Form: CorsForm,
  },
  {
    id: 'policy-timeouts',
    kind: POLICY.kind,
    label: 'Policy: timeouts and retries',
    matches: o =>
      has('spec.traffic.timeouts')(o) || has('spec.traffic.retry')(o),
    template: () =>
      policy({
        targetRefs: routeTarget(),
        traffic: {
          timeouts: { request: '30s' },
          retry: { attempts: 3, backoff: '1s', codes: [502, 503] },
        },
      }),
    Form: TimeoutsForm,
  },
];
