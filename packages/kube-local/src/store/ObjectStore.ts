import { KubeObject, deepClone } from '../types';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One committed change, kept in the watch history. */
export interface StoreEvent {
  rv: number;
  /** Resource type key (`group/plural`). */
  key: string;
  namespace: string;
  type: EventType;
  object: KubeObject;
  /** The object before the change (MODIFIED / DELETED). */
  prev?: KubeObject;
}

export interface StoreSnapshot {
  resourceVersion: number;
  objects: Array<{ key: string; object: KubeObject }>;
}

const objectKey = (ns: string, name: string) => `${ns}/${name}`;

/** The first index of a sorted array whose element is > `after` (or >= `from` when `inclusive`). */
function lowerBound(sorted: string[], bound: string, inclusive: boolean) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < bound || (!inclusive && sorted[mid] === bound))
      lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * In-memory storage of every object with ONE monotonic resourceVersion counter shared by all kinds.
 * All methods are synchronous: a handler that reads, checks and commits without awaiting in between is atomic.
 */
export class ObjectStore {
  private counter = 0;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  /** Every event with rv <= this is no longer in the history. */
  private compactedRv = 0;
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private readonly changeHooks: Array<() => void> = [];
  /** Each type's object keys in (namespace, name) order; dropped when a key is added or removed. */
  private readonly sortedKeys = new Map<string, string[]>();
  /**
   * The JSON of each stored object, made on first use. Stored objects are never mutated (writes store a new
   * object), so a copy is one `JSON.parse` and a LIST page is spliced from these strings.
   */
  private readonly json = new WeakMap<KubeObject, string>();

  constructor(private readonly historySize = 1000) {}

  get resourceVersion(): number {
    return this.counter;
  }

  /** The oldest resourceVersion a watch may resume from. */
  get oldestResumableRv(): number {
    return this.compactedRv;
  }

  get(key: string, namespace: string, name: string): KubeObject | undefined {
    const o = this.objects.get(key)?.get(objectKey(namespace, name));
    return o ? this.copy(o) : undefined;
  }

  /** Like {@link get} but the stored object itself, for read-only use (e.g. a CRD's schema); never modify it. */
  getShared(
    key: string,
    namespace: string,
    name: string,
  ): KubeObject | undefined {
    return this.objects.get(key)?.get(objectKey(namespace, name));
  }

  /** Objects of a type (optionally in one namespace), sorted by namespace then name. */
  list(key: string, namespace?: string): KubeObject[] {
    return this.copyAll(this.listShared(key, namespace));
  }

  /**
   * Like {@link list} but without copying: for read-only scans (selectors, paging) that copy only what they return
   * ({@link copyAll}). Callers must not modify the objects. `after`: only objects whose `namespace/name` key sorts
   * after it (a continue token's position).
   */
  listShared(key: string, namespace?: string, after?: string): KubeObject[] {
    const bucket = this.objects.get(key);
    if (!bucket) return [];
    const keys = this.keysOf(key, bucket);
    const prefix = namespace === undefined ? '' : `${namespace}/`;
    let i = prefix ? lowerBound(keys, prefix, true) : 0;
    if (after !== undefined) i = Math.max(i, lowerBound(keys, after, false));
    const out: KubeObject[] = [];
    for (; i < keys.length && keys[i].startsWith(prefix); i++)
      out.push(bucket.get(keys[i])!);
    return out;
  }

  /** Copies of stored objects (from {@link listShared}), parsed from their JSON in one go. */
  copyAll(objects: KubeObject[]): KubeObject[] {
    if (objects.length === 0) return [];
    return JSON.parse(`[${objects.map(o => this.jsonOf(o)).join(',')}]`);
  }

  /** The JSON of stored objects (from {@link listShared}) as one JSON array, without parsing or copying them. */
  jsonArray(objects: KubeObject[]): string {
    return `[${objects.map(o => this.jsonOf(o)).join(',')}]`;
  }

  count(key: string): number {
    return this.objects.get(key)?.size ?? 0;
  }

  /** Store a created or updated object: assigns the next resourceVersion and records the event. Returns the stored copy. */
  commit(key: string, object: KubeObject): KubeObject {
    const ns = object.metadata?.namespace ?? '';
    const name = object.metadata!.name as string;
    const bucket = this.objects.get(key) ?? new Map<string, KubeObject>();
    this.objects.set(key, bucket);
    const prev = bucket.get(objectKey(ns, name));
    const rv = ++this.counter;
    const stored = deepClone(object);
    stored.metadata!.resourceVersion = String(rv);
    bucket.set(objectKey(ns, name), stored);
    if (!prev) this.sortedKeys.delete(key);
    this.record({
      rv,
      key,
      namespace: ns,
      type: prev ? 'MODIFIED' : 'ADDED',
      object: stored,
      prev,
    });
    return this.copy(stored);
  }

  /** Delete an object; the DELETED event carries its last state with the deletion's resourceVersion. */
  remove(key: string, namespace: string, name: string): KubeObject | undefined {
    const bucket = this.objects.get(key);
    const prev = bucket?.get(objectKey(namespace, name));
    if (!bucket || !prev) return undefined;
    bucket.delete(objectKey(namespace, name));
    this.sortedKeys.delete(key);
    const rv = ++this.counter;
    const last = this.copy(prev);
    last.metadata!.resourceVersion = String(rv);
    this.record({ rv, key, namespace, type: 'DELETED', object: last, prev });
    return this.copy(last);
  }

  /** Events after `rv` (exclusive), or 'expired' when some of them were already dropped from the history. */
  eventsSince(rv: number): StoreEvent[] | 'expired' {
    if (rv < this.compactedRv) return 'expired';
    return this.history.filter(e => e.rv > rv);
  }

  subscribe(listener: (e: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after every commit (e.g. to write a snapshot). */
  onChange(hook: () => void): void {
    this.changeHooks.push(hook);
  }

  snapshot(): StoreSnapshot {
    const objects: StoreSnapshot['objects'] = [];
    for (const [key, bucket] of this.objects)
      for (const o of bucket.values()) objects.push({ key, object: o });
    return { resourceVersion: this.counter, objects };
  }

  /** Replace everything with a snapshot; watches can only resume from its resourceVersion on. */
  restore(s: StoreSnapshot): void {
    this.objects.clear();
    this.sortedKeys.clear();
    this.history.length = 0;
    for (const { key, object } of s.objects) {
      const bucket = this.objects.get(key) ?? new Map<string, KubeObject>();
      this.objects.set(key, bucket);
      bucket.set(
        objectKey(object.metadata?.namespace ?? '', object.metadata?.name),
        deepClone(object),
      );
    }
    this.counter = s.resourceVersion;
    this.compactedRv = s.resourceVersion;
  }

  private copy(o: KubeObject): KubeObject {
    return JSON.parse(this.jsonOf(o));
  }

  private jsonOf(o: KubeObject): string {
    let text = this.json.get(o);
    if (text === undefined) {
      text = JSON.stringify(o);
      this.json.set(o, text);
    }
    return text;
  }

  private keysOf(key: string, bucket: Map<string, KubeObject>): string[] {
    let keys = this.sortedKeys.get(key);
    if (!keys) {
      keys = [...bucket.keys()].sort();
      this.sortedKeys.set(key, keys);
    }
    return keys;
  }

  private record(e: StoreEvent): void {
    this.history.push(e);
    while (this.history.length > this.historySize)
      this.compactedRv = this.history.shift()!.rv;
    for (const l of [...this.listeners]) l(e);
    for (const h of this.changeHooks) h();
  }
}
