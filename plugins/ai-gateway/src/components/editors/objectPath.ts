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

type Container = Record<string | number, unknown> | unknown[];
const isContainer = (v: unknown): v is Container =>
  v !== null && typeof v === 'object';

/** The value at `path`, or `undefined` when a segment is missing. */
export function getIn(obj: unknown, path: Path): unknown {
  let cur: unknown = obj;
  for (const seg of parsePath(path)) {
    if (!isContainer(cur)) return undefined;
    cur = Array.isArray(cur) ? cur[Number(seg)] : cur[seg];
  }
  return cur;
}

/** The string at `path`, if there is one. */
export function getString(obj: unknown, path: Path): string | undefined {
  const v = getIn(obj, path);
  return typeof v === 'string' ? v : undefined;
}

function setInValue(
  obj: unknown,
  segs: Array<string | number>,
  value: unknown,
): unknown {
  if (segs.length === 0) return value;
  const [head, ...rest] = segs;
  const empty = (seg: string | number | undefined): Container =>
    typeof seg === 'number' ? [] : {};
  const base = isContainer(obj) ? obj : empty(head);
  if (rest.length > 0) {
    const child = Array.isArray(base) ? base[Number(head)] : base[head];
    if (value === undefined && (child === undefined || child === null))
      return obj;
    const next = isContainer(child) ? child : empty(rest[0]);
    return assign(base, head, setInValue(next, rest, value));
  }
  return assign(base, head, value);
}

/** A copy of `base` with `value` at `key`; `undefined` removes it (array items are removed, shifting the rest). */
function assign(
  base: Container,
  key: string | number,
  value: unknown,
): Container {
  if (Array.isArray(base)) {
    const copy = [...base];
    if (value === undefined) copy.splice(Number(key), 1);
    else copy[Number(key)] = value;
    return copy;
  }
  const copy = { ...base };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

/**
 * A copy of `obj` with `value` at `path`; intermediate objects / arrays are created (an array where the next
 * segment is a number). `undefined` removes the key (array items are removed, shifting the rest).
 */
export function setIn<T>(obj: T, path: Path, value: unknown): T {
  // the caller's object type is kept: only the value at `path` changes
  return setInValue(obj, parsePath(path), value) as T;
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
