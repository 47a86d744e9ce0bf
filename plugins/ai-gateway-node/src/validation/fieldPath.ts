/** Kubernetes field paths (`spec.listeners[0].port`, `spec.labels[app]`) and value printing. */
import type { JSONSchemaProps } from './types';

/** Field path of an instance location given as path segments, using the schema to tell map keys from fields. */
export function fieldPathOf(
  segments: string[],
  root: unknown,
  schema: JSONSchemaProps | undefined,
): string {
  let path = '';
  let data: unknown = root;
  let s: JSONSchemaProps | undefined = schema;
  for (const seg of segments) {
    if (Array.isArray(data)) {
      path += `[${seg}]`;
      data = data[Number(seg)];
      s = s?.items;
    } else if (s?.properties && seg in s.properties) {
      path = path ? `${path}.${seg}` : seg;
      data = member(data, seg);
      s = s.properties[seg];
    } else if (
      s?.additionalProperties &&
      typeof s.additionalProperties === 'object'
    ) {
      path += `[${seg}]`;
      data = member(data, seg);
      s = s.additionalProperties;
    } else {
      path = path ? `${path}.${seg}` : seg;
      data = member(data, seg);
      s = undefined;
    }
  }
  return path;
}

/** `value[key]` of a JSON value: an object's member, an array's item (numeric key), else undefined. */
export function member(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value[Number(key)];
  if (value !== null && typeof value === 'object')
    return (value as Record<string, unknown>)[key];
  return undefined;
}

/** A value as kube-apiserver prints it in `Invalid value: ...` (strings quoted, composites by type name). */
export function quote(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
    return String(v);
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return '"array"';
  return '"object"';
}
