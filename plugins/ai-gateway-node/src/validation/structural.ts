/**
 * Structural (OpenAPI v3) validation of a custom resource with ajv, with errors reported as kube-apiserver does.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JSONSchemaProps, ValidationCause } from './types';
import { fieldPathOf, member, quote } from './fieldPath';
import { compileAjvSchema } from './ajvCompile';
import { toAjvSchema } from './ajvSchema';

export { toAjvSchema } from './ajvSchema';

/** The ajv validator of a CRD schema: its build-time generated code, or compiled now (see ./ajvCompile.ts). */
export function compileStructural(
  openAPIV3Schema: JSONSchemaProps,
): ValidateFunction {
  return compileAjvSchema(toAjvSchema(openAPIV3Schema));
}

const COMPARISONS: Record<string, string> = {
  '>=': 'greater than or equal to',
  '<=': 'less than or equal to',
  '>': 'greater than',
  '<': 'less than',
};

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Turns ajv errors into Kubernetes causes (dropping the noise of failed anyOf/oneOf/not branches). */
export function ajvErrorsToCauses(
  errors: ErrorObject[] | null | undefined,
  root: unknown,
  schema: JSONSchemaProps,
): ValidationCause[] {
  const causes: ValidationCause[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    // Errors inside an anyOf/oneOf branch are noise: the anyOf/oneOf error itself is reported.
    if (/\/(anyOf|oneOf)\/\d+\/|\/not\//.test(e.schemaPath)) continue;
    const cause = toCause(e, root, schema);
    const key = `${cause.reason}|${cause.field}|${cause.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      causes.push(cause);
    }
  }
  return causes;
}

/** The `params` of the ajv errors this file reads (ajv types them as a loose record). */
interface AjvErrorParams {
  missingProperty?: string;
  type?: string | string[];
  allowedValues?: unknown[];
  format?: string;
  limit?: number;
  pattern?: string;
  comparison?: string;
}

function toCause(
  e: ErrorObject,
  root: unknown,
  schema: JSONSchemaProps,
): ValidationCause {
  const segments = e.instancePath
    .split('/')
    .slice(1)
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const field = fieldPathOf(segments, root, schema);
  const value = valueAt(root, segments);
  const p: AjvErrorParams = e.params;
  const bad = (msg: string): ValidationCause => ({
    reason: 'FieldValueInvalid',
    field,
    message: `Invalid value: ${quote(value)}: ${field} in body ${msg}`,
  });
  switch (e.keyword) {
    case 'required':
      return {
        reason: 'FieldValueRequired',
        field: fieldPathOf(
          [...segments, p.missingProperty ?? ''],
          root,
          schema,
        ),
        message: 'Required value',
      };
    case 'type': {
      const t = Array.isArray(p.type) ? p.type.join(',') : p.type;
      return {
        reason: 'FieldValueTypeInvalid',
        field,
        message: `Invalid value: "${typeName(
          value,
        )}": ${field} in body must be of type ${t}: "${typeName(value)}"`,
      };
    }
    case 'enum':
      return {
        reason: 'FieldValueNotSupported',
        field,
        message: `Unsupported value: ${quote(value)}: supported values: ${(
          p.allowedValues ?? []
        )
          .map(quote)
          .join(', ')}`,
      };
    case 'format':
      return bad(`must be of type ${p.format}: ${quote(value)}`);
    case 'maxLength':
      return {
        reason: 'FieldValueTooLong',
        field,
        message: `Too long: may not be more than ${p.limit} bytes`,
      };
    case 'maxItems':
      return {
        reason: 'FieldValueTooMany',
        field,
        message: `Too many: ${(value as unknown[]).length}: must have at most ${
          p.limit
        } items`,
      };
    case 'maxProperties':
      return {
        reason: 'FieldValueTooMany',
        field,
        message: `Too many: ${
          Object.keys(value as object).length
        }: must have at most ${p.limit} items`,
      };
    case 'minLength':
      return bad(`should be at least ${p.limit} chars long`);
    case 'minItems':
      return bad(`should have at least ${p.limit} items`);
    case 'minProperties':
      return bad(`should have at least ${p.limit} properties`);
    case 'pattern':
      return bad(`should match '${p.pattern}'`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return bad(`should be ${COMPARISONS[p.comparison ?? '']} ${p.limit}`);
    case 'oneOf':
      return bad('must validate one and only one schema (oneOf)');
    case 'anyOf':
      return bad('must validate at least one schema (anyOf)');
    case 'not':
      return bad('must not validate the schema (not)');
    default:
      return bad(e.message ?? `failed ${e.keyword}`);
  }
}

function valueAt(root: unknown, segments: string[]): unknown {
  let v: unknown = root;
  for (const s of segments) v = member(v, s);
  return v;
}
