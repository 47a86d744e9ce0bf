/**
 * Converting JSON values to CEL input as the apiserver types them from the schema: objects and maps become `Map`s,
 * `integer` (and int-or-string numbers) become `bigint`, `number` stays a double.
 */
import type { SchemaNode } from '../schemaTree';

export function toCel(value: unknown, node: SchemaNode | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(v => toCel(v, node?.items));
  if (typeof value === 'object') {
    const out = new Map<string, unknown>();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      out.set(k, toCel(v, node?.properties?.get(k) ?? node?.additional));
    }
    return out;
  }
  if (typeof value === 'number') {
    if (node?.type === 'number') return value;
    return Number.isInteger(value) ? BigInt(value) : value;
  }
  return value;
}
