import {
  KubeObject,
  SecretInput,
  ValidationCause,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { CrdValidator } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { ValidationFailedError } from './errors';

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** Keys a Secret of a type must carry (as the API server validates them). */
const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/basic-auth': [],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

/**
 * Field problems of a Secret write (the values themselves are never echoed). With `existing` (the Secret as
 * stored, keys only): its `type` cannot change (immutable, as Kubernetes refuses it) and the keys a type
 * needs (`kubernetes.io/tls`: `tls.crt` and `tls.key`) must be there after the write.
 */
export function secretCauses(
  input: Pick<SecretInput, 'name' | 'type' | 'stringData'>,
  at = '',
  existing?: KubeObject,
  mode: 'replace' | 'merge' = 'replace',
): ValidationCause[] {
  const causes: ValidationCause[] = [];
  if (
    typeof input.name !== 'string' ||
    !NAME.test(input.name) ||
    input.name.length > 253
  )
    causes.push({
      field: `${at}metadata.name`,
      reason: 'FieldValueInvalid',
      message: 'a lowercase RFC 1123 subdomain is required',
    });
  const data = input.stringData;
  if (!data || typeof data !== 'object' || Object.keys(data).length === 0)
    causes.push({
      field: `${at}stringData`,
      reason: 'FieldValueRequired',
      message: 'at least one key is required',
    });
  for (const [key, value] of Object.entries(data ?? {})) {
    if (!SECRET_KEY.test(key) || key.length > 253)
      causes.push({
        field: `${at}stringData[${key}]`,
        reason: 'FieldValueInvalid',
        message:
          "a valid key must consist of alphanumeric characters, '-', '_' or '.'",
      });
    if (typeof value !== 'string')
      causes.push({
        field: `${at}stringData[${key}]`,
        reason: 'FieldValueTypeInvalid',
        message: 'the value must be a string',
      });
  }
  const oldType = existing ? existing.type ?? 'Opaque' : undefined;
  if (oldType && input.type !== undefined && input.type !== oldType)
    causes.push({
      field: `${at}type`,
      reason: 'FieldValueInvalid',
      message: `field is immutable (the Secret is of type ${oldType})`,
    });
  const type = oldType ?? input.type ?? 'Opaque';
  const keys = new Set(Object.keys(data ?? {}));
  if (mode === 'merge')
    for (const k of Object.keys(existing?.data ?? {})) keys.add(k);
  for (const key of REQUIRED_KEYS[type] ?? [])
    if (!keys.has(key))
      causes.push({
        field: `${at}data[${key}]`,
        reason: 'FieldValueRequired',
        message: `a ${type} Secret needs the key ${key}`,
      });
  return causes;
}

/** Schema + CEL causes from the shared validator (the same one the local API server uses). */
export function schemaCauses(
  validator: CrdValidator,
  object: KubeObject,
  oldObject?: KubeObject,
): ValidationCause[] {
  if (!validator.knows(object.apiVersion, object.kind)) return [];
  return validator
    .validate(object, oldObject ? { oldObject } : undefined)
    .causes.map(c => ({
      field: c.field,
      message: c.message,
      reason: c.reason,
    }));
}

/** The 422 of a write with causes. */
export function invalid(
  causes: ValidationCause[],
  what: string,
): ValidationFailedError {
  return new ValidationFailedError(
    `${what} is invalid: ${causes
      .map(c => `${c.field}: ${c.message}`)
      .join('; ')}`,
    causes,
  );
}

export function throwIfCauses(causes: ValidationCause[], what: string): void {
  if (causes.length > 0) throw invalid(causes, what);
}
