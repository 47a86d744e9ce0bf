/**
 * Structural-schema list semantics for server-side apply (sigs.k8s.io/structured-merge-diff): a list with
 * `x-kubernetes-list-type: map` is merged item by item, identified by its `x-kubernetes-list-map-keys`; a `set` by
 * value; anything else is atomic. Path segments of list items are encoded as strings: `KEY + {"name":"http"}` and
 * `VALUE + "x"` (fieldsV1 `k:{"name":"http"}` / `v:"x"`).
 */
/** The parts of a structural schema (openAPIV3Schema) that server-side apply reads. */
export interface Schema {
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
}

export const KEY = '\u0000k:';
export const VALUE = '\u0000v:';

export const isItemSegment = (s: string) =>
  s.startsWith(KEY) || s.startsWith(VALUE);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema of a map field (properties, else additionalProperties). */
export function fieldSchema(
  schema: Schema | undefined,
  field: string,
): Schema | undefined {
  if (!schema) return undefined;
  const p = schema.properties?.[field];
  if (p) return p;
  const extra = schema.additionalProperties;
  return typeof extra === 'object' ? extra : undefined;
}

export type ListKind =
  | { type: 'map'; keys: string[]; items?: Schema }
  | { type: 'set' }
  | { type: 'atomic' };

export function listKind(schema: Schema | undefined): ListKind {
  const t = schema?.['x-kubernetes-list-type'];
  const keys: string[] | undefined = schema?.['x-kubernetes-list-map-keys'];
  if (t === 'map' && keys && keys.length > 0)
    return { type: 'map', keys, items: schema?.items };
  if (t === 'set') return { type: 'set' };
  return { type: 'atomic' };
}

/** The segment of a list-map item: its key fields in key order. */
export function keySegment(item: unknown, keys: string[]): string {
  const k: Record<string, unknown> = {};
  for (const key of keys) if (isObject(item)) k[key] = item[key];
  return KEY + JSON.stringify(k);
}

export const valueSegment = (v: unknown) => VALUE + JSON.stringify(v);

/** The list item a segment names (undefined when absent). */
export function findItem(list: unknown[], segment: string): number {
  if (segment.startsWith(VALUE)) {
    const want = segment.slice(VALUE.length);
    return list.findIndex(v => JSON.stringify(v) === want);
  }
  const want: Record<string, unknown> = JSON.parse(segment.slice(KEY.length));
  return list.findIndex(
    item =>
      isObject(item) &&
      Object.entries(want).every(
        ([k, v]) => JSON.stringify(item[k]) === JSON.stringify(v),
      ),
  );
}

/** fieldsV1 key of a segment. */
export function encodeSegment(s: string): string {
  if (s.startsWith(KEY)) return `k:${s.slice(KEY.length)}`;
  if (s.startsWith(VALUE)) return `v:${s.slice(VALUE.length)}`;
  return `f:${s}`;
}

export function decodeSegment(k: string): string | undefined {
  if (k.startsWith('f:')) return k.slice(2);
  if (k.startsWith('k:')) return KEY + k.slice(2);
  if (k.startsWith('v:')) return VALUE + k.slice(2);
  return undefined; // '.' (the item itself) and anything unknown
}

/** How a conflict names a segment: `.port`, `[name="http"]`, `[="x"]`. */
export function segmentString(s: string): string {
  if (s.startsWith(VALUE)) return `[=${s.slice(VALUE.length)}]`;
  if (s.startsWith(KEY)) {
    const k: Record<string, unknown> = JSON.parse(s.slice(KEY.length));
    return `[${Object.entries(k)
      .map(([n, v]) => `${n}=${JSON.stringify(v)}`)
      .join(',')}]`;
  }
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s)
    ? `.${s}`
    : `[${JSON.stringify(s)}]`;
}

/**
 * Merge an applied configuration into the live object: maps field by field, list-maps item by item (matched by
 * key, new items appended), sets by value, atomic lists and scalars replaced.
 */
export function mergeApplied(
  live: unknown,
  config: unknown,
  schema: Schema | undefined,
): unknown {
  if (Array.isArray(config) && Array.isArray(live)) {
    const kind = listKind(schema);
    if (kind.type === 'map') {
      const out = [...live];
      for (const item of config) {
        const i = findItem(out, keySegment(item, kind.keys));
        if (i < 0) out.push(item);
        else out[i] = mergeApplied(out[i], item, kind.items);
      }
      return out;
    }
    if (kind.type === 'set') {
      const out = [...live];
      for (const v of config)
        if (findItem(out, valueSegment(v)) < 0) out.push(v);
      return out;
    }
    return config;
  }
  if (!isObject(config) || !isObject(live)) return config;
  const out: Record<string, unknown> = { ...live };
  for (const [k, v] of Object.entries(config))
    out[k] = mergeApplied(out[k], v, fieldSchema(schema, k));
  return out;
}
