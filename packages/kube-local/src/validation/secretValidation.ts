/**
 * Secret rules of kube-apiserver (pkg/apis/core/validation ValidateSecret / ValidateSecretUpdate): data keys, total
 * size, the keys each well-known `type` requires, `type` immutable, and `immutable: true` Secrets.
 */
import type { ValidationCause } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { deepEqual } from '../patch/mergePatch';
import { KubeObject } from '../types';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const MAX_SECRET_SIZE = 1024 * 1024;

const required = (field: string): ValidationCause => ({
  field,
  reason: 'FieldValueRequired',
  message: 'Required value',
});
const decoded = (v: unknown) => Buffer.from(String(v ?? ''), 'base64');

function validJson(
  data: Record<string, unknown>,
  key: string,
  causes: ValidationCause[],
): void {
  if (!(key in data)) {
    causes.push(required(`data[${key}]`));
    return;
  }
  try {
    JSON.parse(decoded(data[key]).toString('utf8'));
  } catch (e) {
    causes.push({
      field: `data[${key}]`,
      reason: 'FieldValueInvalid',
      message: `Invalid value: "<secret contents redacted>": ${
        (e as Error).message
      }`,
    });
  }
}

export function validateSecret(
  obj: KubeObject,
  old?: KubeObject,
): ValidationCause[] {
  const causes: ValidationCause[] = [];
  const data: Record<string, unknown> = obj.data ?? {};
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    if (k.length > 253 || !CONFIG_KEY.test(k))
      causes.push({
        field: `data[${k}]`,
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(k)}: ${KEY_MSG}`,
      });
    size += decoded(v).length;
  }
  if (size > MAX_SECRET_SIZE)
    causes.push({
      field: 'data',
      reason: 'FieldValueTooLong',
      message: `Too long: must have at most ${MAX_SECRET_SIZE} bytes`,
    });
  switch (obj.type) {
    case 'kubernetes.io/service-account-token':
      if (!obj.metadata?.annotations?.['kubernetes.io/service-account.name'])
        causes.push(
          required('metadata.annotations[kubernetes.io/service-account.name]'),
        );
      break;
    case 'kubernetes.io/dockercfg':
      validJson(data, '.dockercfg', causes);
      break;
    case 'kubernetes.io/dockerconfigjson':
      validJson(data, '.dockerconfigjson', causes);
      break;
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data))
        causes.push(required('data[username]'), required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (decoded(data['ssh-privatekey']).length === 0)
        causes.push(required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!('tls.crt' in data)) causes.push(required('data[tls.crt]'));
      if (!('tls.key' in data)) causes.push(required('data[tls.key]'));
      break;
    default:
  }
  if (old) {
    if (obj.type !== old.type)
      causes.unshift({
        field: 'type',
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(
          obj.type,
        )}: field is immutable`,
      });
    if (old.immutable === true) {
      if (obj.immutable !== true)
        causes.push({
          field: 'immutable',
          reason: 'FieldValueForbidden',
          message: 'Forbidden: field is immutable when `immutable` is set',
        });
      if (!deepEqual(obj.data ?? {}, old.data ?? {}))
        causes.push({
          field: 'data',
          reason: 'FieldValueForbidden',
          message: 'Forbidden: field is immutable when `immutable` is set',
        });
    }
  }
  return causes;
}
