/**
 * Field sets for server-side apply: a set of LEAF paths. Maps are walked; list-maps and sets (from the structural
 * schema, ./listTypes.ts) are walked item by item; other lists are atomic leaves; empty maps are leaves. Encoded in
 * `managedFields[].fieldsV1` the way Kubernetes writes it (`{"f:spec":{"f:ports":{"k:{\"name\":\"a\"}":{".":{},...}}}}`).
 */
import {
  KEY,
  Schema,
  decodeSegment,
  encodeSegment,
  fieldSchema,
  findItem,
  isItemSegment,
  keySegment,
  listKind,
  segmentString,
  valueSegment,
} from './listTypes';

export type FieldPath = string[];

const isObject = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const IGNORED_METADATA = new Set(['labels', 'annotations']);

/** Leaf paths of an object, ignoring apiVersion, kind and all metadata except labels and annotations. */
export function leafPaths(
  obj: Record<string, any>,
  opts: { skipStatus?: boolean; schema?: Schema } = {},
): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (v: unknown, path: FieldPath, schema: Schema | undefined) => {
    if (isObject(v) && Object.keys(v).length > 0) {
      for (const [k, value] of Object.entries(v))
        walk(value, [...path, k], fieldSchema(schema, k));
      return;
    }
    const kind = listKind(schema);
    if (Array.isArray(v) && v.length > 0 && kind.type === 'map') {
      for (const item of v)
        walk(item, [...path, keySegment(item, kind.keys)], kind.items);
    } else if (Array.isArray(v) && v.length > 0 && kind.type === 'set') {
      for (const item of v) out.push([...path, valueSegment(item)]);
    } else out.push(path);
  };
  for (const [k, v] of Object.entries(obj ?? {})) {
    if (
      k === 'apiVersion' ||
      k === 'kind' ||
      (opts.skipStatus && k === 'status')
    )
      continue;
    if (k === 'metadata') {
      for (const mk of Object.keys(v ?? {})) {
        if (!IGNORED_METADATA.has(mk) || !isObject(v[mk])) continue;
        for (const lk of Object.keys(v[mk])) out.push(['metadata', mk, lk]);
      }
      continue;
    }
    walk(v, [k], fieldSchema(opts.schema, k));
  }
  return out;
}

export const pathKey = (p: FieldPath) => JSON.stringify(p);

/** `.spec.listeners[name="http"].port` — how conflicts name a field. */
export function pathString(p: FieldPath): string {
  return p.map(segmentString).join('') || '.';
}

/** One step down: a map field, or a list item named by key / value. */
function child(cur: unknown, s: string): unknown {
  if (isItemSegment(s)) {
    if (!Array.isArray(cur)) return undefined;
    const i = findItem(cur, s);
    return i < 0 ? undefined : cur[i];
  }
  return isObject(cur) ? cur[s] : undefined;
}

export function getAt(obj: unknown, p: FieldPath): unknown {
  let cur: unknown = obj;
  for (const s of p) cur = child(cur, s);
  return cur;
}

/**
 * Remove the value at a path (in place). Removing a key field of a list-map item removes the item (nobody owns
 * its identity any more).
 */
export function deleteAt(obj: Record<string, any>, p: FieldPath): void {
  const last = p.length - 1;
  const itemAt = p.findIndex(isItemSegment);
  if (itemAt >= 0 && p[itemAt].startsWith(KEY) && itemAt === last - 1) {
    const keys = Object.keys(JSON.parse(p[itemAt].slice(KEY.length)));
    if (keys.includes(p[last])) {
      deleteAt(obj, p.slice(0, last));
      return;
    }
  }
  const parent = getAt(obj, p.slice(0, last));
  const s = p[last];
  if (isItemSegment(s)) {
    if (!Array.isArray(parent)) return;
    const i = findItem(parent, s);
    if (i >= 0) parent.splice(i, 1);
  } else if (isObject(parent)) delete parent[s];
}

/** Path a is a prefix of b or b of a. */
export function overlaps(a: FieldPath, b: FieldPath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function encodeFieldsV1(paths: FieldPath[]): Record<string, any> {
  const root: Record<string, any> = {};
  for (const p of paths) {
    let cur = root;
    for (const s of p) {
      cur = cur[encodeSegment(s)] ??= {};
      if (s.startsWith(KEY)) cur['.'] ??= {};
    }
  }
  return root;
}

export function decodeFieldsV1(
  fields: Record<string, any> | undefined,
): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (node: Record<string, any>, path: FieldPath) => {
    const children = Object.keys(node)
      .map(k => [k, decodeSegment(k)] as const)
      .filter((e): e is readonly [string, string] => e[1] !== undefined);
    if (children.length === 0 && path.length > 0) out.push(path);
    for (const [k, s] of children) walk(node[k] ?? {}, [...path, s]);
  };
  walk(fields ?? {}, []);
  return out;
}
