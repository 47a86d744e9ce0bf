import type { ResourceReader } from '../cache/ResourceCaches';

/** What the change counter needs of the caches: the per-(cluster, kind) caches' change events. */
export interface ObservableCaches {
  clusterNames(): string[];
  cache(
    cluster: string,
    kind: string,
  ): { subscribe(listener: () => void): () => void } | undefined;
}

/** The ResourceCaches behind a reader, when it is one (test readers are not: nothing is cached for them). */
export function observable(
  reader: ResourceReader,
): (ResourceReader & ObservableCaches) | undefined {
  const r = reader as Partial<ObservableCaches>;
  return typeof r.cache === 'function'
    ? (reader as ResourceReader & ObservableCaches)
    : undefined;
}

/**
 * A number that changes whenever any watched object of any cluster changes (an upsert, a delete or a relist of
 * any kind cache), so anything computed from the caches can be kept until the next change. Subscribes lazily
 * and again when the set of clusters changes.
 */
export class ChangeCounter {
  private count = 0;
  private clusters = '';
  private readonly subscribed = new Set<object>();

  constructor(
    private readonly caches: ObservableCaches,
    private readonly kinds: string[],
  ) {}

  version(): number {
    const names = this.caches.clusterNames();
    const set = names.join('\u0000');
    if (set !== this.clusters) {
      this.clusters = set;
      this.count++;
      for (const cluster of names)
        for (const kind of this.kinds) {
          const cache = this.caches.cache(cluster, kind);
          if (!cache || this.subscribed.has(cache)) continue;
          this.subscribed.add(cache);
          cache.subscribe(() => {
            this.count++;
          });
        }
    }
    return this.count;
  }
}

interface Entry<T> {
  version: number;
  at: number;
  value: Promise<T>;
}

/**
 * Results computed from the caches, kept per key until the caches change (see {@link ChangeCounter}) or `ttlMs`
 * passes (for inputs the caches do not hold, e.g. the entity's partition assignment from the catalog).
 * Concurrent requests for one key share one computation; a failed computation is not kept. LRU-bounded.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly o: {
      changes: ChangeCounter;
      ttlMs: number;
      maxEntries?: number;
      now?: () => number;
    },
  ) {}

  get(key: string, compute: () => Promise<T> | T): Promise<T> {
    const now = (this.o.now ?? Date.now)();
    const version = this.o.changes.version();
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit && hit.version === version && now - hit.at < this.o.ttlMs) {
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = Promise.resolve().then(compute);
    const entry = { version, at: now, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    const max = this.o.maxEntries ?? 256;
    while (this.entries.size > max)
      this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
