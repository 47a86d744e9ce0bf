/**
 * `metadata.finalizers` as kube-apiserver validates them for every kind (apimachinery ValidateFinalizers and
 * ValidateObjectMetaUpdate): qualified names, not both `orphan` and `foregroundDeletion`, and no new finalizer
 * once the object is being deleted. Kinds of the core API group (pkg/apis/core/validation ValidateObjectMeta /
 * ValidateObjectMetaUpdate) also refuse a finalizer without a `/` that is not a standard one (`kubernetes`, `orphan`,
 * `foregroundDeletion`); RBAC kinds, CRDs and custom resources are validated by apimachinery's rules only.
 */
import type { ValidationCause } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { goStrings } from '../cluster/deletion';
import { KubeObject } from '../types';
import { qualifiedNameErrors } from './qualifiedName';

const STANDARD_FINALIZERS = new Set([
  'kubernetes',
  'orphan',
  'foregroundDeletion',
]);

export function validateFinalizers(
  obj: KubeObject,
  old?: KubeObject,
  coreGroup = false,
): ValidationCause[] {
  const causes: ValidationCause[] = [];
  const list: unknown = obj.metadata?.finalizers;
  if (list === undefined || list === null) return causes;
  if (!Array.isArray(list))
    return [
      {
        field: 'metadata.finalizers',
        reason: 'FieldValueTypeInvalid',
        message: 'Invalid value: must be a list of strings',
      },
    ];
  const names = list.map(String);
  for (const f of names) {
    for (const msg of qualifiedNameErrors(f))
      causes.push({
        field: 'metadata.finalizers',
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(f)}: ${msg}`,
      });
  }
  if (names.includes('orphan') && names.includes('foregroundDeletion')) {
    causes.push({
      field: 'metadata.finalizers',
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${goStrings(
        names,
      )}: finalizer orphan and foregroundDeletion cannot be both set`,
    });
  }
  if (coreGroup)
    names.forEach((f, i) => {
      if (!f.includes('/') && !STANDARD_FINALIZERS.has(f))
        causes.push({
          field: `metadata.finalizers[${i}]`,
          reason: 'FieldValueInvalid',
          message: `Invalid value: ${JSON.stringify(
            f,
          )}: name is neither a standard finalizer name nor is it fully qualified`,
        });
    });
  if (old?.metadata?.deletionTimestamp) {
    const before: string[] = old.metadata.finalizers ?? [];
    const extra = [...new Set(names.filter(f => !before.includes(f)))].sort();
    if (extra.length > 0) {
      causes.push({
        field: 'metadata.finalizers',
        reason: 'FieldValueForbidden',
        message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${goStrings(
          extra,
        )}`,
      });
    }
  }
  return causes;
}
