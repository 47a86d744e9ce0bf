import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { ResourceReader } from '../cache/ResourceCaches';
import type { CacheChange } from '../cache/KindCache';
import { ObjectFacts, factsOf } from './facts';
import { objectKey } from './scope';

/** A kind cache that announces its changes (ResourceCaches' KindCache). */
export interface ChangeAnnouncer {
  subscribe(listener: (change: CacheChange) => void): () => void;
}

/** A reader whose kind caches announce changes: then a request reads only what changed since the last. */
export type TopologyReader = ResourceReader & {
  cache?(cluster: string, kind: string): ChangeAnnouncer | undefined;
};

// the caches hand out the same object until a watch event replaces it: keep one kinded copy per object, so
// the graph's per-object facts (facts.ts) are computed once per object version
const kinded = new WeakMap<KubeObject, KubeObject>();
/** The object with its kind set (the caches may hand out objects without one), one copy per object. */
export function withKind(object: KubeObject, kind: string): KubeObject {
  if (object.kind === kind) return object;
  let k = kinded.get(object);
  if (!k) kinded.set(object, (k = { ...object, kind }));
  return k;
}

interface KindState {
  cluster: string;
  kind: string;
  /** the reader's objects by key, as last seen */
  objects: Map<string, KubeObject>;
  /** the last list read from the reader (a list with the same objects needs no diff) */
  list?: KubeObject[];
  cache?: ChangeAnnouncer;
  unsubscribe?: () => void;
  /** announced changes not applied yet (undefined: deleted) */
  pending: Map<string, KubeObject | undefined>;
  /** read the whole list at the next sync (first read, relist, or a reader that does not announce) */
  stale: boolean;
}

const MAX_LOG = 20_000;

/**
 * The topology's objects and their facts, kept from the kind caches' change announcements: a request
 * applies the changes announced since the last one (O(changed)) and gets a version; each scope's graph asks
 * {@link changesSince} its version for the keys to redo. Kinds whose cache does not announce (and any
 * kind after a relist) are read whole and compared by object identity.
 */
export class TopologyObjects {
  /** object key → facts of the current version */
  readonly facts = new Map<string, ObjectFacts>();
  private readonly kinds = new Map<string, KindState>();
  private version = 0;
  /** changed keys, in version order; changes before `floor` are forgotten */
  private log: Array<{ version: number; key: string }> = [];
  private floor = 0;
  private clusterList: string[] = [];

  constructor(
    private readonly reader: TopologyReader,
    private readonly kindNames: string[],
  ) {}

  /** The clusters of the objects, sorted. */
  get clusters(): readonly string[] {
    return this.clusterList;
  }

  /** Brings the objects up to date with the reader; returns the current version. */
  sync(): number {
    const changed: string[] = [];
    const clusters = this.reader.clusterNames();
    for (const [id, s] of this.kinds)
      if (!clusters.includes(s.cluster)) {
        s.unsubscribe?.();
        for (const k of s.objects.keys()) this.drop(k, changed);
        this.kinds.delete(id);
      }
    for (const cluster of clusters)
      for (const kind of this.kindNames) this.syncKind(cluster, kind, changed);
    if (changed.length) {
      this.version++;
      for (const key of changed) this.log.push({ version: this.version, key });
      if (this.log.length > MAX_LOG) {
        const cut = this.log.length - MAX_LOG / 2;
        this.floor = this.log[cut - 1].version;
        this.log = this.log.slice(cut);
      }
      const present = new Set<string>();
      for (const s of this.kinds.values())
        if (s.objects.size) present.add(s.cluster);
      this.clusterList = [...present].sort();
    }
    return this.version;
  }

  /** The keys changed after `version`; undefined when those changes are no longer known (redo all). */
  changesSince(version: number): Set<string> | undefined {
    if (version < this.floor) return undefined;
    const out = new Set<string>();
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.log[mid].version <= version) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.log.length; i++) out.add(this.log[i].key);
    return out;
  }

  /** Stops listening to the caches. */
  close() {
    for (const s of this.kinds.values()) s.unsubscribe?.();
    this.kinds.clear();
  }

  private syncKind(cluster: string, kind: string, changed: string[]) {
    const id = `${cluster}|${kind}`;
    let s = this.kinds.get(id);
    if (!s) {
      s = {
        cluster,
        kind,
        objects: new Map(),
        pending: new Map(),
        stale: true,
      };
      this.kinds.set(id, s);
    }
    const cache = this.reader.cache?.(cluster, kind);
    if (cache !== s.cache) {
      // a new (or first) cache: listen to it and read it whole once
      s.unsubscribe?.();
      s.cache = cache;
      const state = s;
      s.unsubscribe = cache?.subscribe(change => {
        if (change.type === 'relist') state.stale = true;
        else {
          const m = change.object.metadata;
          state.pending.set(
            objectKey(cluster, kind, m.namespace, m.name),
            change.type === 'upsert' ? change.object : undefined,
          );
        }
      });
      s.stale = true;
    }
    if (!s.cache || s.stale) {
      s.pending.clear();
      s.stale = false;
      this.readWhole(s, changed);
      return;
    }
    for (const [key, object] of s.pending) this.put(s, key, object, changed);
    s.pending.clear();
  }

  /** Reads a kind whole and applies the differences (by object identity). */
  private readWhole(s: KindState, changed: string[]) {
    const list = this.reader.query(s.cluster, s.kind);
    const last = s.list;
    // a copy: a reader may hand out the same array changed in place
    s.list = [...list];
    if (last?.length === list.length && last.every((o, i) => o === list[i]))
      return;
    const seen = new Set<string>();
    for (const o of list) {
      const key = objectKey(
        s.cluster,
        s.kind,
        o.metadata.namespace,
        o.metadata.name,
      );
      seen.add(key);
      this.put(s, key, o, changed);
    }
    for (const key of [...s.objects.keys()])
      if (!seen.has(key)) this.put(s, key, undefined, changed);
  }

  private put(
    s: KindState,
    key: string,
    object: KubeObject | undefined,
    changed: string[],
  ) {
    if (s.objects.get(key) === object) return;
    if (!object) {
      s.objects.delete(key);
      this.drop(key, changed);
      return;
    }
    s.objects.set(key, object);
    this.facts.set(
      key,
      factsOf({ cluster: s.cluster, object: withKind(object, s.kind) }),
    );
    changed.push(key);
  }

  private drop(key: string, changed: string[]) {
    if (this.facts.delete(key)) changed.push(key);
  }
}
