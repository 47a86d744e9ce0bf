/**
 * Converting JSON values to CEL input as the apiserver types them from the schema: objects and maps become `Map`s,
 * `integer` (and int-or-string numbers) become `bigint`, `number` stays a double.
 * The evaluator walks the converted tree in parallel with the JSON (`CelList.get(i)`, `CelMap.get(key)`).
 */
import { celList, celMap } from '@bufbuild/cel';
import type { SchemaNode } from '../schemaTree';

export function toCel(value: unknown, node: SchemaNode | undefined): unknown {
  if (value === null || value === undefined) return null;
  // Pre-built CelMap / CelList values: @bufbuild/cel then reads them without converting on every access.
  if (Array.isArray(value))
    return celList(value.map(v => toCel(v, node?.items)) as any[]);
  if (typeof value === 'object') {
    const out = new Map<string, unknown>();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      out.set(k, toCel(v, node?.properties?.get(k) ?? node?.additional));
    }
    return celMap(out as Map<string, any>);
  }
  if (typeof value === 'number') {
    if (node?.type === 'number') return value;
    return Number.isInteger(value) ? BigInt(value) : value;
  }
  return value;
}
