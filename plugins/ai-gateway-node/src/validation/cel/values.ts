/**
 * Converting JSON values to CEL input as the apiserver types them from the schema: objects and maps become `Map`s,
 * `integer` (and int-or-string numbers) become `bigint`, `number` stays a double.
 * The evaluator walks the converted tree in parallel with the JSON (`CelList.get(i)`, `CelMap.get(key)`).
 */
import { celList, celMap, isCelList, isCelMap } from '@bufbuild/cel';
import type { CelValue } from '@bufbuild/cel';
import type { SchemaNode } from '../schemaTree';

export function toCel(value: unknown, node: SchemaNode | undefined): CelValue {
  if (value === null || value === undefined) return null;
  // Pre-built CelMap / CelList values: @bufbuild/cel then reads them without converting on every access.
  if (Array.isArray(value))
    return celList(value.map(v => toCel(v, node?.items)));
  if (typeof value === 'object') {
    const out = new Map<string, CelValue>();
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out.set(k, toCel(v, node?.properties?.get(k) ?? node?.additional));
    }
    return celMap(out);
  }
  if (typeof value === 'number') {
    if (node?.type === 'number') return value;
    return Number.isInteger(value) ? BigInt(value) : value;
  }
  if (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
  )
    return value;
  return null; // not a JSON value
}

/** The converted value of a list item or a map entry (the parallel walk of ./evaluate.ts). */
export function celChild(
  cel: CelValue | undefined,
  key: number | string,
): CelValue | undefined {
  if (typeof key === 'number' && isCelList(cel)) return cel.get(key);
  if (typeof key === 'string' && isCelMap(cel)) return cel.get(key);
  return undefined;
}
