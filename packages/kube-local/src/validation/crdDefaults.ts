import type { ValidationCause } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import {
  API_APPROVED,
  apiApproval,
  isProtectedGroup,
} from '../cluster/crdStatus';
import { KubeObject } from '../types';

/**
 * apiextensions/v1 defaulting of a CRD (SetDefaults_CustomResourceDefinitionSpec): `conversion.strategy: None`,
 * `names.singular` (the lower-case kind) and `names.listKind` (`<Kind>List`). Mutates `crd`.
 */
export function defaultCrd(crd: KubeObject): void {
  const spec = crd.spec;
  if (!spec || typeof spec !== 'object') return;
  spec.conversion ??= { strategy: 'None' };
  const names = spec.names;
  if (names && typeof names === 'object' && names.kind) {
    names.singular ||= String(names.kind).toLowerCase();
    names.listKind ||= `${names.kind}List`;
  }
}

/** A v1 CRD of a protected group (`*.k8s.io`, `*.kubernetes.io`) needs the API approval annotation. */
export function validateApproval(
  crd: KubeObject,
  old?: KubeObject,
): ValidationCause[] {
  if (!isProtectedGroup(String(crd.spec?.group ?? ''))) return [];
  const value: string | undefined = crd.metadata?.annotations?.[API_APPROVED];
  const field = `metadata.annotations[${API_APPROVED}]`;
  const state = apiApproval(value);
  // an update may keep a CRD that was accepted without the annotation
  if (old && !old.metadata?.annotations?.[API_APPROVED]) return [];
  if (state.reason === 'MissingAnnotation')
    return [
      {
        field,
        reason: 'FieldValueRequired',
        message: `Required value: ${state.message}`,
      },
    ];
  if (state.reason === 'InvalidAnnotation')
    return [
      {
        field,
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(value)}: ${state.message}`,
      },
    ];
  return [];
}
