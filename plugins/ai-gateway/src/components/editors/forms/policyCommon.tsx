import { ReactNode } from 'react';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { ResourceTab } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { useField } from '../EditorContext';
import { PathText, Row } from '../fields';
import { useTabItems } from '../useTabItems';
import { ArrayField, NameField } from './common';
import type { ObjectRef } from './types';

export const POLICY = {
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
  const ref = useField<ObjectRef | undefined>(base);
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

/** A policy form: name, targets (from the entity's tabs) and the policy's own section. */
export function PolicyForm(props: { children: ReactNode; kinds?: string[] }) {
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
