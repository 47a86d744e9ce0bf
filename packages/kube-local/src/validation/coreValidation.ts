import type { ValidationCause } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { KubeObject } from '../types';
import { quantityValue } from '../admission/resourceQuota';
import { qualifiedNameErrors } from './qualifiedName';
import { validateSecret } from './secretValidation';
import { defaultCrd, validateApproval } from './crdDefaults';

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const cause = (
  field: string,
  message: string,
  reason = 'FieldValueInvalid',
): ValidationCause => ({ field, message, reason });

function checkName(
  name: unknown,
  kind: string,
  causes: ValidationCause[],
): void {
  if (typeof name !== 'string' || name === '') {
    causes.push(
      cause(
        'metadata.name',
        'Required value: name or generateName is required',
        'FieldValueRequired',
      ),
    );
    return;
  }
  if (kind === 'Namespace') {
    if (!DNS_LABEL.test(name) || name.length > 63)
      causes.push(
        cause(
          'metadata.name',
          `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`,
        ),
      );
  } else if (kind === 'Service') {
    if (!DNS_1035.test(name) || name.length > 63)
      causes.push(
        cause(
          'metadata.name',
          `Invalid value: "${name}": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character`,
        ),
      );
  } else if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
    causes.push(
      cause(
        'metadata.name',
        `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      ),
    );
  }
}

/** The fields of a Service port this file checks and defaults. */
interface ServicePort {
  port?: unknown;
  protocol?: string;
}

/** The fields of a Pod container this file checks. */
interface Container {
  name?: unknown;
  image?: unknown;
}

/** A list field of an incoming object (not checked yet): its items, each an object or not (null, a scalar). */
function listOf<T extends object>(value: unknown): Array<T | undefined> {
  if (!Array.isArray(value)) return [];
  return value.map(v =>
    v !== null && typeof v === 'object' ? (v as T) : undefined,
  );
}

/** Metadata checks kube-apiserver does for every kind: label and annotation syntax. (Names of CRs are checked by the CRD validator.) */
export function validateLabels(obj: KubeObject): ValidationCause[] {
  const causes: ValidationCause[] = [];
  for (const [k, v] of Object.entries(obj.metadata?.labels ?? {})) {
    const name = k.includes('/') ? k.slice(k.indexOf('/') + 1) : k;
    if (!LABEL_NAME.test(name) || name.length > 63)
      causes.push(
        cause(
          `metadata.labels`,
          `Invalid value: "${k}": name part must consist of alphanumeric characters, '-', '_' or '.'`,
        ),
      );
    if (typeof v !== 'string' || !LABEL_VALUE.test(v) || v.length > 63)
      causes.push(
        cause(
          `metadata.labels`,
          `Invalid value: "${String(
            v,
          )}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'`,
        ),
      );
  }
  causes.push(...validateAnnotations(obj));
  return causes;
}

/** apimachinery ValidateAnnotations: keys are qualified names (checked lower-cased), 256 KiB in total. */
function validateAnnotations(obj: KubeObject): ValidationCause[] {
  const causes: ValidationCause[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(obj.metadata?.annotations ?? {})) {
    size += k.length + String(v).length;
    for (const msg of qualifiedNameErrors(k.toLowerCase()))
      causes.push(
        cause('metadata.annotations', `Invalid value: "${k}": ${msg}`),
      );
  }
  if (size > 256 * 1024)
    causes.push({
      field: 'metadata.annotations',
      reason: 'FieldValueTooLong',
      message: 'Too long: may not be more than 262144 bytes',
    });
  return causes;
}

/**
 * Light validation (and the little defaulting the real server does) of the built-in kinds; `old` on update.
 * Mutates `obj` (Secret stringData -> data, defaults); returns the causes of a 422.
 */
export function validateCore(
  obj: KubeObject,
  old?: KubeObject,
): ValidationCause[] {
  const causes: ValidationCause[] = [];
  const kind = obj.kind ?? '';
  checkName(obj.metadata?.name, kind, causes);
  causes.push(...validateLabels(obj));
  switch (kind) {
    case 'Secret': {
      const data: Record<string, unknown> = obj.data ?? {};
      for (const [k, v] of Object.entries(data))
        if (typeof v !== 'string' || !BASE64.test(v))
          causes.push(
            cause(
              `data[${k}]`,
              `Invalid value: "<secret contents redacted>": illegal base64 data`,
            ),
          );
      for (const [k, v] of Object.entries(obj.stringData ?? {}))
        if (typeof v === 'string')
          data[k] = Buffer.from(v, 'utf8').toString('base64');
        else
          causes.push(
            cause(
              `stringData[${k}]`,
              'Invalid value: must be a string',
              'FieldValueTypeInvalid',
            ),
          );
      delete obj.stringData;
      if (Object.keys(data).length > 0) obj.data = data;
      obj.type ??= 'Opaque';
      causes.push(...validateSecret(obj, old));
      break;
    }
    case 'ResourceQuota':
      causes.push(...validateQuota(obj));
      break;
    case 'ConfigMap':
      for (const [k, v] of Object.entries(obj.data ?? {}))
        if (typeof v !== 'string')
          causes.push(
            cause(
              `data[${k}]`,
              'Invalid value: must be a string',
              'FieldValueTypeInvalid',
            ),
          );
      break;
    case 'Service': {
      obj.spec ??= {};
      obj.spec.type ??= 'ClusterIP';
      const ports = listOf<ServicePort>(obj.spec.ports);
      if (
        ports.length === 0 &&
        obj.spec.type !== 'ExternalName' &&
        obj.spec.clusterIP !== 'None'
      )
        causes.push(
          cause('spec.ports', 'Required value', 'FieldValueRequired'),
        );
      ports.forEach((p, i) => {
        const port = p?.port;
        if (
          typeof port !== 'number' ||
          !Number.isInteger(port) ||
          port < 1 ||
          port > 65535
        )
          causes.push(
            cause(
              `spec.ports[${i}].port`,
              `Invalid value: ${JSON.stringify(
                port,
              )}: must be between 1 and 65535, inclusive`,
            ),
          );
        if (p) p.protocol ??= 'TCP';
      });
      break;
    }
    case 'Pod': {
      const containers = listOf<Container>(obj.spec?.containers);
      if (containers.length === 0)
        causes.push(
          cause('spec.containers', 'Required value', 'FieldValueRequired'),
        );
      containers.forEach((c, i) => {
        if (!c?.name)
          causes.push(
            cause(
              `spec.containers[${i}].name`,
              'Required value',
              'FieldValueRequired',
            ),
          );
        if (!c?.image)
          causes.push(
            cause(
              `spec.containers[${i}].image`,
              'Required value',
              'FieldValueRequired',
            ),
          );
      });
      obj.status ??= { phase: 'Pending' };
      break;
    }
    case 'Namespace':
      obj.spec ??= { finalizers: ['kubernetes'] };
      obj.status ??= { phase: 'Active' };
      break;
    case 'CustomResourceDefinition':
      defaultCrd(obj);
      causes.push(...validateCrd(obj), ...validateApproval(obj, old));
      break;
    default:
  }
  return causes;
}

function validateCrd(obj: KubeObject): ValidationCause[] {
  const causes: ValidationCause[] = [];
  const spec = obj.spec ?? {};
  const names = spec.names ?? {};
  if (!spec.group)
    causes.push(cause('spec.group', 'Required value', 'FieldValueRequired'));
  if (!names.plural)
    causes.push(
      cause('spec.names.plural', 'Required value', 'FieldValueRequired'),
    );
  if (!names.kind)
    causes.push(
      cause('spec.names.kind', 'Required value', 'FieldValueRequired'),
    );
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster')
    causes.push(
      cause(
        'spec.scope',
        `Unsupported value: "${
          spec.scope ?? ''
        }": supported values: "Cluster", "Namespaced"`,
        'FieldValueNotSupported',
      ),
    );
  const versions = listOf<{ storage?: unknown }>(spec.versions);
  if (versions.length === 0)
    causes.push(
      cause(
        'spec.versions',
        'Invalid value: must have exactly one version marked as storage version',
      ),
    );
  else if (versions.filter(v => v?.storage).length !== 1)
    causes.push(
      cause(
        'spec.versions',
        'Invalid value: must have exactly one version marked as storage version',
      ),
    );
  if (
    spec.group &&
    names.plural &&
    obj.metadata?.name !== `${names.plural}.${spec.group}`
  )
    causes.push(
      cause(
        'metadata.name',
        `Invalid value: "${obj.metadata?.name}": must be spec.names.plural+"."+spec.group`,
      ),
    );
  return causes;
}

const QUANTITY_MSG =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** ResourceQuota: resource names are qualified names, hard limits are non-negative quantities. */
function validateQuota(obj: KubeObject): ValidationCause[] {
  const causes: ValidationCause[] = [];
  for (const [name, value] of Object.entries<unknown>(obj.spec?.hard ?? {})) {
    const field = `spec.hard[${name}]`;
    for (const msg of qualifiedNameErrors(name))
      causes.push(
        cause(field, `Invalid value: ${JSON.stringify(name)}: ${msg}`),
      );
    const n = quantityValue(value);
    if (Number.isNaN(n))
      causes.push(
        cause(
          field,
          `Invalid value: ${JSON.stringify(String(value))}: ${QUANTITY_MSG}`,
        ),
      );
    else if (n < 0)
      causes.push(
        cause(
          field,
          `Invalid value: ${JSON.stringify(
            String(value),
          )}: must be greater than or equal to 0`,
        ),
      );
  }
  return causes;
}
