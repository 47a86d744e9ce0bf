import {
  KubeObject,
  ResourceItem,
  SecretInput,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { toResourceItem } from '../service/items';
import { FieldInputError } from './errors';
import { WritePlan, WriteResult } from './plan';

/** The request body's object, checked to be one (the OpenAPI validator has checked its required fields). */
export function kubeObject(value: unknown): KubeObject {
  if (
    !value ||
    typeof value !== 'object' ||
    !('metadata' in value) ||
    !value.metadata ||
    typeof value.metadata !== 'object'
  )
    throw new FieldInputError('object', 'a Kubernetes object is required');
  return value as KubeObject;
}

export const secretInputs = (value: SecretInput[] | undefined) => value;

/** The answer's item (Secrets stripped of values by the client already). */
export function itemsOf(plan: WritePlan, result: WriteResult) {
  const main = plan.steps.find(s => s.role === 'object');
  const secretKind = plan.steps.find(s => s.role === 'secret')?.kind;
  const item: ResourceItem | undefined =
    main && result.item
      ? toResourceItem(plan.cluster, main.kind, result.item, 'owned')
      : undefined;
  const secrets = secretKind
    ? result.secrets.map(s =>
        toResourceItem(plan.cluster, secretKind, s, 'owned'),
      )
    : [];
  const warnings = result.warnings.length ? { warnings: result.warnings } : {};
  return { item, secrets, warnings };
}
