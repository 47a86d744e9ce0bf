import Alert from '@mui/material/Alert';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { useEditor, useField } from '../EditorContext';
import {
  FormSection,
  PathNumber,
  PathSelect,
  PathText,
  Row,
  SecretValueField,
} from '../fields';
import { getString } from '../objectPath';
import { ArrayField, KeyValueField, NameField } from './common';
import { CREDENTIALS, FormDescriptor, McpTargetSpec } from './types';

const BACKEND = {
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayBackend',
} as const;

export type AiProvider =
  | 'openai'
  | 'anthropic'
  | 'bedrock'
  | 'gemini'
  | 'vertexai'
  | 'azureopenai';

interface ProviderInfo {
  label: string;
  fields: Array<{
    name: string;
    label: string;
    required?: boolean;
    placeholder?: string;
    helperText?: string;
  }>;
  /** Secret keys the provider's credential needs (credentials.md) */
  keys: Array<{ key: string; label: string; required?: boolean }>;
  refPath: string;
  suffix: string;
}

const API_KEY = [{ key: 'Authorization', label: 'API key', required: true }];
const SECRET_REF = 'spec.policies.auth.secretRef';

/** Per provider: its fields (real CRD names) and the Secret keys its credential uses. */
export const AI_PROVIDERS: Record<AiProvider, ProviderInfo> = {
  openai: {
    label: 'OpenAI',
    fields: [{ name: 'model', label: 'Model', placeholder: 'gpt-4.1-mini' }],
    keys: API_KEY,
    refPath: SECRET_REF,
    suffix: 'api-key',
  },
  anthropic: {
    label: 'Anthropic',
    fields: [
      { name: 'model', label: 'Model', placeholder: 'claude-sonnet-4-5' },
    ],
    keys: API_KEY,
    refPath: SECRET_REF,
    suffix: 'api-key',
  },
  bedrock: {
    label: 'Amazon Bedrock',
    fields: [
      {
        name: 'region',
        label: 'Region',
        required: true,
        placeholder: 'us-east-1',
      },
      { name: 'model', label: 'Model', placeholder: 'amazon.nova-micro-v1:0' },
      { name: 'guardrail.identifier', label: 'Guardrail identifier' },
      { name: 'guardrail.version', label: 'Guardrail version' },
    ],
    keys: [
      { key: 'accessKey', label: 'AWS access key ID', required: true },
      { key: 'secretKey', label: 'AWS secret access key', required: true },
      { key: 'sessionToken', label: 'AWS session token (optional)' },
    ],
    refPath: 'spec.policies.auth.aws.secretRef',
    suffix: 'aws',
  },
  gemini: {
    label: 'Gemini',
    fields: [
      { name: 'model', label: 'Model', placeholder: 'gemini-2.5-flash' },
    ],
    keys: API_KEY,
    refPath: SECRET_REF,
    suffix: 'api-key',
  },
  vertexai: {
    label: 'Vertex AI',
    fields: [
      { name: 'projectId', label: 'Project ID', required: true },
      {
        name: 'region',
        label: 'Region',
        required: true,
        placeholder: 'us-central1',
      },
      { name: 'model', label: 'Model', placeholder: 'gemini-2.5-pro' },
    ],
    keys: API_KEY,
    refPath: SECRET_REF,
    suffix: 'api-key',
  },
  azureopenai: {
    label: 'Azure OpenAI',
    fields: [
      {
        name: 'endpoint',
        label: 'Endpoint',
        required: true,
        placeholder: 'my-endpoint.openai.azure.com',
      },
      { name: 'deploymentName', label: 'Deployment name', required: true },
      { name: 'apiVersion', label: 'API version', placeholder: '2024-10-21' },
    ],
    keys: API_KEY,
    refPath: SECRET_REF,
    suffix: 'api-key',
  },
};

function AiBackendForm(props: { provider: AiProvider }) {
  const info = AI_PROVIDERS[props.provider];
  const { object } = useEditor();
  const secretName = getString(object, `${info.refPath}.name`);
  const base = `spec.ai.provider.${props.provider}`;
  return (
    <>
      <NameField />
      <FormSection title={`${info.label} provider`}>
        {info.fields.map(f => (
          <PathText
            key={f.name}
            path={`${base}.${f.name}`}
            label={f.label}
            required={f.required}
            placeholder={f.placeholder}
          />
        ))}
      </FormSection>
      <FormSection title="Credentials">
        <PathText
          path={`${info.refPath}.name`}
          label="Secret name"
          placeholder={`${object.metadata?.name || '<name>'}-${info.suffix}`}
          helperText="the Secret holding the credential (created or rotated with the values below)"
        />
        {info.keys.map(k => (
          <SecretValueField
            key={k.key}
            bucket={CREDENTIALS}
            secretName={secretName}
            secretKey={k.key}
            label={k.label}
            required={k.required}
          />
        ))}
      </FormSection>
    </>
  );
}

function aiDescriptor(provider: AiProvider): FormDescriptor {
  const info = AI_PROVIDERS[provider];
  return {
    id: `ai-${provider}`,
    kind: BACKEND.kind,
    label: `AI backend: ${info.label}`,
    matches: o => o.kind === BACKEND.kind && !!o.spec?.ai?.provider?.[provider],
    template: () => ({
      ...BACKEND,
      metadata: { name: '' },
      spec: { ai: { provider: { [provider]: {} } } },
    }),
    Form: () => <AiBackendForm provider={provider} />,
    credentials: {
      refPath: info.refPath,
      defaultName: n => `${n}-${info.suffix}`,
    },
  };
}

function McpTarget(props: { index: number }) {
  const base = `spec.mcp.targets.${props.index}`;
  const target = useField<McpTargetSpec | undefined>(base);
  const kind = target.value?.selector ? 'selector' : 'static';
  const switchTo = (next: string) => {
    if (next === kind) return;
    const { static: _s, selector: _sel, ...rest } = target.value ?? {};
    target.set(
      next === 'selector'
        ? { ...rest, selector: { services: { matchLabels: {} } } }
        : { ...rest, static: { host: '', port: 80 } },
    );
  };
  return (
    <>
      <Row>
        <PathText path={`${base}.name`} label="Target name" required />
        <TextField
          select
          fullWidth
          size="small"
          margin="dense"
          label="Target type"
          value={kind}
          onChange={e => switchTo(e.target.value)}
        >
          <MenuItem value="static">Static host</MenuItem>
          <MenuItem value="selector">Services selected by label</MenuItem>
        </TextField>
      </Row>
      {kind === 'static' ? (
        <Row>
          <PathText
            path={`${base}.static.host`}
            label="Host"
            required
            placeholder="mcp.default.svc.cluster.local"
          />
          <PathNumber
            path={`${base}.static.port`}
            label="Port"
            required
            min={1}
            max={65535}
          />
          <PathText
            path={`${base}.static.path`}
            label="Path"
            placeholder="/mcp"
          />
          <PathSelect
            path={`${base}.static.protocol`}
            label="Protocol"
            options={['StreamableHTTP', 'SSE']}
            allowEmpty
          />
        </Row>
      ) : (
        <KeyValueField
          path={`${base}.selector.services.matchLabels`}
          label="Service labels"
          helperText="key=value, one per line: Services with all these labels"
        />
      )}
    </>
  );
}

function McpBackendForm() {
  const { value } = useField<McpTargetSpec[] | undefined>('spec.mcp.targets');
  return (
    <>
      <NameField />
      <ArrayField
        path="spec.mcp.targets"
        title="MCP targets"
        itemTitle={i => `Target ${i + 1}`}
        min={1}
        newItem={() => ({ name: '', static: { host: '', port: 80 } })}
      >
        {i => <McpTarget index={i} />}
      </ArrayField>
      {(value?.length ?? 0) > 1 && (
        <Alert severity="info" sx={{ mt: 1 }}>
          Several targets make a federated MCP backend: their tools are
          multiplexed behind one endpoint.
        </Alert>
      )}
    </>
  );
}

function StaticBackendForm() {
  return (
    <>
      <NameField />
      <Row>
        <PathText
          path="spec.static.host"
          label="Host"
          required
          placeholder="httpbin.org"
        />
        <PathNumber
          path="spec.static.port"
          label="Port"
          required
          min={1}
          max={65535}
        />
      </Row>
    </>
  );
}

const isKind = (o: KubeObject) => o.kind === BACKEND.kind;

export const backendForms: FormDescriptor[] = [
  ...(Object.keys(AI_PROVIDERS) as AiProvider[]).map(aiDescriptor),
  {
    id: 'mcp',
    kind: BACKEND.kind,
    label: 'MCP backend (static, selected or federated targets)',
    matches: o => isKind(o) && !!o.spec?.mcp,
    template: () => ({
      ...BACKEND,
      metadata: { name: '' },
      spec: {
        mcp: {
          targets: [
            {
              name: '',
              static: { host: '', port: 80, protocol: 'StreamableHTTP' },
            },
          ],
        },
      },
    }),
    Form: McpBackendForm,
  },
  {
    id: 'static',
    kind: BACKEND.kind,
    label: 'Static backend (host and port)',
    matches: o => isKind(o) && !!o.spec?.static,
    template: () => ({
      ...BACKEND,
      metadata: { name: '' },
      spec: { static: { host: '', port: 443 } },
    }),
    Form: StaticBackendForm,
  },
];
