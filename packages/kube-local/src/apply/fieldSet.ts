/**
 * Simplified field sets for server-side apply: a set of LEAF paths. Maps are walked, lists are atomic leaves,
 * empty maps are leaves. Encoded in `managedFields[].fieldsV1` the way Kubernetes writes it (`{"f:spec":{"f:x":{}}}`).
 */
export type FieldPath = string[];

const isObject = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const IGNORED_METADATA = new Set(['labels', 'annotations']);

/** Leaf paths of an object, ignoring apiVersion, kind and all metadata except labels and annotations. */
export function leafPaths(
  obj: Record<string, any>,
  opts: { skipStatus?: boolean } = {},
): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (v: unknown, path: FieldPath) => {
    if (isObject(v) && Object.keys(v).length > 0) {
      for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
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
    walk(v, [k]);
  }
  return out;
}

export const pathKey = (p: FieldPath) => JSON.stringify(p);

/** `.spec.listeners` — how conflicts name a field. */
export function pathString(p: FieldPath): string {
  return (
    p
      .map(s =>
        /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`,
      )
      .join('') || '.'
  );
}

export function getAt(obj: unknown, p: FieldPath): unknown {
  let cur: any = obj;
  for (const s of p) {
    if (!isObject(cur)) return undefined;
    cur = cur[s];
  }
  return cur;
}

/** Remove the value at a path (in place). */
export function deleteAt(obj: Record<string, any>, p: FieldPath): void {
  let cur: any = obj;
  for (const s of p.slice(0, -1)) {
    if (!isObject(cur[s])) return;
    cur = cur[s];
  }
  delete cur[p[p.length - 1]];
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
    for (const s of p) cur = cur[`f:${s}`] ??= {};
  }
  return root;
}

export function decodeFieldsV1(
  fields: Record<string, any> | undefined,
): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (node: Record<string, any>, path: FieldPath) => {
    const keys = Object.keys(node).filter(k => k.startsWith('f:'));
    if (keys.length === 0 && path.length > 0) out.push(path);
    for (const k of keys) walk(node[k] ?? {}, [...path, k.slice(2)]);
  };
  walk(fields ?? {}, []);
  return out;
}
