/** The ObjectMeta checks kube-apiserver applies to every custom resource (name, generateName, namespace, labels). */
import type { ValidationCause } from './types';
import { isPlainObject } from './schemaTree';

const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function subdomainErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(v)) errs.push(SUBDOMAIN_MSG);
  return errs;
}

function qualifiedNameOk(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (
    parts.length === 2 &&
    (parts[0].length === 0 || subdomainErrors(parts[0]).length > 0)
  )
    return false;
  return name.length > 0 && name.length <= 63 && LABEL_NAME.test(name);
}

export function validateMetadata(
  obj: Record<string, any>,
  namespaced: boolean,
): ValidationCause[] {
  const causes: ValidationCause[] = [];
  const meta = obj.metadata;
  if (!isPlainObject(meta)) {
    return [
      {
        reason: 'FieldValueRequired',
        field: 'metadata.name',
        message: 'Required value: name or generateName is required',
      },
    ];
  }
  if (meta.name === undefined || meta.name === '') {
    if (!meta.generateName) {
      causes.push({
        reason: 'FieldValueRequired',
        field: 'metadata.name',
        message: 'Required value: name or generateName is required',
      });
    }
  } else if (typeof meta.name !== 'string') {
    causes.push({
      reason: 'FieldValueTypeInvalid',
      field: 'metadata.name',
      message: 'Invalid value: must be a string',
    });
  } else {
    for (const e of subdomainErrors(meta.name)) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: 'metadata.name',
        message: `Invalid value: ${JSON.stringify(meta.name)}: ${e}`,
      });
    }
  }
  if (meta.namespace !== undefined && meta.namespace !== '') {
    if (!namespaced) {
      causes.push({
        reason: 'FieldValueForbidden',
        field: 'metadata.namespace',
        message: 'Forbidden: not allowed on this type',
      });
    } else if (
      typeof meta.namespace !== 'string' ||
      meta.namespace.length > 63 ||
      !DNS1123_LABEL.test(meta.namespace)
    ) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: 'metadata.namespace',
        message: `Invalid value: ${JSON.stringify(
          meta.namespace,
        )}: ${LABEL_MSG}`,
      });
    }
  }
  for (const [key, v] of Object.entries<unknown>(
    isPlainObject(meta.labels) ? meta.labels : {},
  )) {
    if (!qualifiedNameOk(key)) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: 'metadata.labels',
        message: `Invalid value: ${JSON.stringify(
          key,
        )}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
      });
    }
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: `metadata.labels`,
        message: `Invalid value: ${JSON.stringify(
          v,
        )}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
      });
    }
  }
  for (const key of Object.keys(
    isPlainObject(meta.annotations) ? meta.annotations : {},
  )) {
    if (!qualifiedNameOk(key)) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: 'metadata.annotations',
        message: `Invalid value: ${JSON.stringify(
          key,
        )}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
      });
    }
  }
  return causes;
}
