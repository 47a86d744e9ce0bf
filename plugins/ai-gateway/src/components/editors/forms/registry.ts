import type {
  KubeObject,
  SecretInput,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { SecretValues } from '../EditorContext';
import { getString, setIn } from '../objectPath';
import { backendForms } from './backends';
import { platformForms } from './platform';
import { policyForms } from './policies';
import { routeForms } from './routes';
import { CREDENTIALS, FormDescriptor } from './types';

/** Every guided form, by kind and variant. A kind without a form (ReferenceGrant, Model) is edited as YAML. */
export const FORMS: readonly FormDescriptor[] = [
  ...backendForms,
  ...routeForms,
  ...policyForms,
  ...platformForms,
];

export function formsForKind(kind: string): FormDescriptor[] {
  return FORMS.filter(f => f.kind === kind);
}

export function findForm(id: string): FormDescriptor | undefined {
  return FORMS.find(f => f.id === id);
}

/** The form that edits an existing object (first variant that matches), if any. */
export function formFor(obj: KubeObject): FormDescriptor | undefined {
  return FORMS.find(f => f.kind === obj.kind && f.matches(obj));
}

/** A minimal object of a kind without a guided form, for the YAML editor. */
export function yamlTemplate(kind: string, apiVersion: string): KubeObject {
  return { apiVersion, kind, metadata: { name: '' }, spec: {} };
}

/**
 * What is written: the object (with the credential Secret's name filled in when values were typed and the
 * reference has none) and the Secrets to create / rotate. Empty values are dropped (keep the current ones).
 */
export function prepareWrite(
  form: FormDescriptor | undefined,
  object: KubeObject,
  secretValues: SecretValues,
): { object: KubeObject; secrets: SecretInput[] } {
  const values = Object.fromEntries(
    Object.entries(secretValues[CREDENTIALS] ?? {}).filter(([k, v]) => k && v),
  );
  if (!form?.credentials || Object.keys(values).length === 0)
    return { object, secrets: [] };
  const namePath = `${form.credentials.refPath}.name`;
  let name = getString(object, namePath);
  let next = object;
  if (!name) {
    name = form.credentials.defaultName(object.metadata?.name ?? '');
    next = setIn(object, namePath, name);
  }
  return {
    object: next,
    secrets: [{ name, type: 'Opaque', stringData: values }],
  };
}
