/**
 * Reading and writing one field of a Kubernetes object by its path, immutably. The editors keep ONE source of
 * truth — the full object — and every form field reads and writes its own path on top of it, so fields the
 * form does not know survive every edit.
 *
 * Paths are dotted, array indices are numbers: `spec.rules.0.matches.0.path.value`. Kubernetes field paths
 * (`spec.rules[0].matches[0].path.value`, `metadata.labels[app]`) are accepted too.
 */

export type Path = string | Array<string | number>;

export function parsePath(path: Path): Array<string | number> {
  if (Array.isArray(path)) return path;
  const out: Array<string | number> = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (const m of path.matchAll(re)) {
    const seg = m[1] ?? m[2];
    out.push(/^\d+$/.test(seg) ? Number(seg) : seg.replace(/^['"]|['"]$/g, ''));
  }
  return out;
}

/** The canonical dotted form of a path (`spec.rules.0.matches`), used to match validation causes to fields. */
export function pathKey(path: Path): string {
  return parsePath(path).join('.');
}

export function getIn(obj: unknown, path: Path): any {
  let cur: any = obj;
  for (const seg of parsePath(path)) {
    if (cur === null || cur === undefined || typeof cur !== 'object')
      return undefined;
    cur = cur[seg as any];
  }
  return cur;
}

/**
 * A copy of `obj` with `value` at `path`; intermediate objects / arrays are created (an array where the next
 * segment is a number). `undefined` removes the key (array items are removed, shifting the rest).
 */
export function setIn<T>(obj: T, path: Path, value: unknown): T {
  const segs = parsePath(path);
  if (segs.length === 0) return value as T;
  const [head, ...rest] = segs;
  const empty = (seg: string | number | undefined) =>
    typeof seg === 'number' ? [] : {};
  const base: any = obj !== null && typeof obj === 'object' ? obj : empty(head);
  const copy: any = Array.isArray(base) ? [...base] : { ...base };
  if (rest.length === 0) {
    if (value === undefined) {
      if (Array.isArray(copy) && typeof head === 'number') copy.splice(head, 1);
      else delete copy[head];
    } else {
      copy[head] = value;
    }
    return copy;
  }
  const child = copy[head];
  const next =
    child !== null && typeof child === 'object' ? child : empty(rest[0]);
  if (value === undefined && (child === undefined || child === null))
    return obj;
  copy[head] = setIn(next, rest, value);
  return copy;
}

/** Removes empty objects / arrays left at `path` and above it (after a field was cleared), up to `stop` segments. */
export function pruneEmpty<T>(obj: T, path: Path, keep = 1): T {
  const segs = parsePath(path);
  let out = obj;
  for (let i = segs.length; i > keep; i--) {
    const sub = segs.slice(0, i);
    const v = getIn(out, sub);
    if (v === undefined) continue;
    const empty =
      v !== null &&
      typeof v === 'object' &&
      (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);
    if (!empty) break;
    out = setIn(out, sub, undefined);
  }
  return out;
}
