import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useEditor, useField } from '../EditorContext';
import { PathList, PathNumber, PathSelect, PathText, Row } from '../fields';
import { useTabItems } from '../useTabItems';
import { ArrayField, NameField } from './common';
import { FormDescriptor, ObjectRef } from './types';
import { getIn, getString } from '../objectPath';
import type { ResourceRow } from '../../../api/AiGatewayApi';
import { useFullItem } from '../../../query/tabs';

const GATEWAY_API = 'gateway.networking.k8s.io';
const AGENTGATEWAY = 'agentgateway.dev';

/** `parentRefs[0]`: a Gateway the Gateways tab lists, and optionally one of its listeners. */
function ParentGateway() {
  const gateways = useTabItems('gateways', 'Gateway');
  const { entityRef } = useEditor();
  const parent = useField<ObjectRef | undefined>('spec.parentRefs.0');
  const current = parent.value?.name
    ? `${parent.value.namespace ?? ''}/${parent.value.name}`
    : '';
  const options: Array<{ value: string; item?: ResourceRow }> = gateways.map(
    g => ({ value: `${g.namespace ?? ''}/${g.name}`, item: g }),
  );
  if (current && !options.some(o => o.value === current))
    options.push({ value: current });
  const chosen = options.find(o => o.value === current)?.item;
  // rows carry no spec: the chosen gateway's listeners come from its object
  const full = useFullItem(entityRef, chosen);
  const specListeners = getIn(full.item?.object, 'spec.listeners');
  const listeners: string[] = (
    Array.isArray(specListeners) ? specListeners : []
  )
    .map(l => getString(l, 'name'))
    .filter((n): n is string => !!n);
  return (
    <Row>
      <TextField
        select
        fullWidth
        size="small"
        margin="dense"
        required
        label="Gateway"
        value={current}
        error={parent.causes.length > 0}
        helperText={
          parent.causes.map(c => c.message).join('; ') ||
          'a Gateway from the Gateways tab'
        }
        onChange={e => {
          const [namespace, name] = e.target.value.split('/');
          const { sectionName: _drop, ...rest } = parent.value ?? {};
          parent.set({
            ...rest,
            group: GATEWAY_API,
            kind: 'Gateway',
            name,
            ...(namespace ? { namespace } : {}),
          });
        }}
      >
        {options.map(o => (
          <MenuItem key={o.value} value={o.value}>
            {o.value}
          </MenuItem>
        ))}
      </TextField>
      <PathSelect
        path="spec.parentRefs.0.sectionName"
        label="Listener"
        options={listeners}
        allowEmpty
        helperText="all listeners when empty"
      />
    </Row>
  );
}

/** One `backendRefs[]` entry: an AgentgatewayBackend of the entity, with a weight. */
function BackendRef(props: { base: string }) {
  const backends = useTabItems('backends', 'AgentgatewayBackend');
  const ref = useField<ObjectRef | undefined>(props.base);
  const names = backends.map(b => b.name);
  const current = ref.value?.name ?? '';
  if (current && !names.includes(current)) names.push(current);
  return (
    <Row>
      <TextField
        select
        fullWidth
        size="small"
        margin="dense"
        required
        label="Backend"
        value={current}
        error={ref.causes.length > 0}
        helperText={ref.causes.map(c => c.message).join('; ') || undefined}
        onChange={e =>
          ref.set({
            ...(ref.value ?? {}),
            group: AGENTGATEWAY,
            kind: 'AgentgatewayBackend',
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
      <PathNumber
        path={`${props.base}.weight`}
        label="Weight"
        min={0}
        helperText="share of traffic among this rule's backends"
      />
    </Row>
  );
}

function Rule(props: { index: number }) {
  const base = `spec.rules.${props.index}`;
  return (
    <>
      <ArrayField
        path={`${base}.matches`}
        title="Path matches"
        itemTitle={i => `Match ${i + 1}`}
        newItem={() => ({ path: { type: 'PathPrefix', value: '/' } })}
      >
        {i => (
          <Row>
            <PathSelect
              path={`${base}.matches.${i}.path.type`}
              label="Match type"
              options={['PathPrefix', 'Exact', 'RegularExpression']}
            />
            <PathText
              path={`${base}.matches.${i}.path.value`}
              label="Path"
              placeholder="/v1"
            />
          </Row>
        )}
      </ArrayField>
      <ArrayField
        path={`${base}.backendRefs`}
        title="Backends"
        itemTitle={i => `Backend ${i + 1}`}
        newItem={() => ({
          group: AGENTGATEWAY,
          kind: 'AgentgatewayBackend',
          name: '',
          weight: 1,
        })}
      >
        {i => <BackendRef base={`${base}.backendRefs.${i}`} />}
      </ArrayField>
    </>
  );
}

function HttpRouteForm() {
  return (
    <>
      <NameField />
      <ParentGateway />
      <PathList
        path="spec.hostnames"
        label="Hostnames"
        inline
        placeholder="api.example.com"
      />
      <ArrayField
        path="spec.rules"
        title="Rules"
        itemTitle={i => `Rule ${i + 1}`}
        min={1}
        newItem={() => ({
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [],
        })}
      >
        {i => <Rule index={i} />}
      </ArrayField>
    </>
  );
}

export const routeForms: FormDescriptor[] = [
  {
    id: 'httproute',
    kind: 'HTTPRoute',
    label: 'HTTP route (gateway listener → backends)',
    matches: o => o.kind === 'HTTPRoute',
    template: () => ({
      apiVersion: `${GATEWAY_API}/v1`,
      kind: 'HTTPRoute',
      metadata: { name: '' },
      spec: {
        parentRefs: [],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            backendRefs: [],
          },
        ],
      },
    }),
    Form: HttpRouteForm,
  },
];
