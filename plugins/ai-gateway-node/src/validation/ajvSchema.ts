/**
 * The ajv copy of a CRD's `openAPIV3Schema`: only the validation keywords, int-or-string and nullable made explicit.
 * Used by the runtime compile (./structural.ts) and the build-time code generator alike.
 */
import type { SchemaObject } from 'ajv';
import type { JSONSchemaProps } from './types';

/** Keywords ajv should validate; everything else (description, default, x-kubernetes-*) is dropped from its copy. */
const KEEP = new Set([
  'type',
  'properties',
  'required',
  'items',
  'additionalProperties',
  'enum',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'pattern',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'minProperties',
  'maxProperties',
  'multipleOf',
]);

const isNode = (v: unknown): v is JSONSchemaProps =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The ajv copy of a CRD schema node: only validation keywords, int-or-string and nullable made explicit. */
export function toAjvSchema(s: JSONSchemaProps, isRoot = true): SchemaObject {
  const sub = (v: unknown): unknown => (isNode(v) ? toAjvSchema(v, false) : v);
  const out: SchemaObject = {};
  for (const [k, v] of Object.entries(s)) {
    if (!KEEP.has(k)) continue;
    if (k === 'properties' && isNode(v)) {
      const properties: Record<string, unknown> = {};
      for (const [pk, pv] of Object.entries(v)) {
        // ObjectMeta is validated by the server itself, not by the CRD schema.
        properties[pk] =
          isRoot && pk === 'metadata' ? { type: 'object' } : sub(pv);
      }
      out.properties = properties;
    } else if (
      k === 'items' ||
      (k === 'additionalProperties' && typeof v === 'object') ||
      k === 'not'
    ) {
      out[k] = sub(v);
    } else if (
      (k === 'anyOf' || k === 'oneOf' || k === 'allOf') &&
      Array.isArray(v)
    ) {
      out[k] = v.map(sub);
    } else if (k === 'format' && typeof v !== 'string') {
      continue;
    } else {
      out[k] = v;
    }
  }
  if (s['x-kubernetes-int-or-string'] === true) {
    delete out.anyOf;
    out.type = ['integer', 'string'];
  }
  if (s.nullable === true && typeof out.type === 'string')
    out.type = [out.type, 'null'];
  return out;
}
