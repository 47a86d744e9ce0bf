import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterState,
  KubeObject,
  RESOURCE_KINDS,
  ResourceKindDescriptor,
  apiVersionOf,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  LabelRequirement,
  matchesLabels,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { KindCache, KindCacheState } from './KindCache';
import { ListWatchSource } from './source';
import { stripSecret } from './secrets';
import { stripObject } from './strip';

/** {@link stripObject} with the kind's own apiVersion / kind strings (one instance for all its objects). */
function stripperFor(
  kind: ResourceKindDescriptor,
): (obj: KubeObject) => KubeObject {
  const strings = { apiVersion: apiVersionOf(kind), kind: kind.kind };
  return obj => stripObject(obj, strings);
}

/** Which objects to read: optional namespace restriction and label requirements (all must match). */
export interface ObjectQuery {
  namespaces?: string[];
  requirements?: LabelRequirement[];
}

export interface ResourceCachesOptions {
  clusters: string[];
  kinds?: readonly ResourceKindDescriptor[];
  /** Creates the LIST/WATCH source of one kind in one cluster. */
  sourceFor(cluster: string, kind: ResourceKindDescriptor): ListWatchSource;
  logger?: LoggerService;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

/** Reads of the watch-backed caches of every kind in every cluster. Reads never call the API server. */
export interface ResourceReader {
  clusterNames(): string[];
  /** Objects of `kind` in `cluster` matching the query, served from indexes. */
  query(cluster: string, kind: string, query?: ObjectQuery): KubeObject[];
  get(
    cluster: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined;
  /** Whether the cluster answered for these kinds, and if not, why. */
  clusterState(cluster: string, kinds: string[]): ClusterState;
  /** Waits (bounded) until the caches of these kinds are synced or failed. Does not LIST. */
  waitUntilSettled(kinds: string[], timeoutMs: number): Promise<void>;
  cacheStates(): KindCacheState[];
}

/** Every (cluster × kind) {@link KindCache}; started on plugin start, stopped on shutdown. */
export class ResourceCaches implements ResourceReader {
  private readonly caches = new Map<string, Map<string, KindCache>>();
  private running = false;

  constructor(private readonly options: ResourceCachesOptions) {
    for (const cluster of options.clusters) this.addCluster(cluster);
  }

  /** Adds the caches of a cluster (started at once if the caches run); no-op if known. */
  addCluster(cluster: string): void {
    if (this.caches.has(cluster)) return;
    const options = this.options;
    const perKind = new Map<string, KindCache>();
    for (const kind of options.kinds ?? RESOURCE_KINDS) {
      perKind.set(
        kind.kind,
        new KindCache({
          cluster,
          kind,
          source: options.sourceFor(cluster, kind),
          logger: options.logger,
          transform:
            kind.kind === 'Secret' && kind.group === ''
              ? stripSecret
              : stripperFor(kind),
          initialBackoffMs: options.initialBackoffMs,
          maxBackoffMs: options.maxBackoffMs,
        }),
      );
    }
    this.caches.set(cluster, perKind);
    if (this.running) perKind.forEach(c => c.start());
  }

  /** Stops and forgets the caches of a cluster (e.g. a catalog-located cluster that disappeared). */
  removeCluster(cluster: string): void {
    this.caches.get(cluster)?.forEach(c => c.stop());
    this.caches.delete(cluster);
  }

  start(): void {
    this.running = true;
    this.all().forEach(c => c.start());
  }

  stop(): void {
    this.running = false;
    this.all().forEach(c => c.stop());
  }

  clusterNames(): string[] {
    return [...this.caches.keys()];
  }

  /** The cache of one kind in one cluster (for subscribers such as topology); undefined if unknown. */
  cache(cluster: string, kind: string): KindCache | undefined {
    return this.caches.get(cluster)?.get(kind);
  }

  query(cluster: string, kind: string, query: ObjectQuery = {}): KubeObject[] {
    const cache = this.cache(cluster, kind);
    if (!cache) return [];
    const index = cache.index;
    const namespaces = query.namespaces;
    const requirements = query.requirements ?? [];
    // start from the narrowest index: a single-value label requirement or the namespace(s)
    const labelCandidates = requirements
      .filter(r => r.op === 'in' && r.values.length === 1)
      .map(r => ({
        r,
        count: index.countWithLabel(
          r.key,
          (r as { values: string[] }).values[0],
        ),
      }))
      .sort((a, b) => a.count - b.count);
    const nsCount = namespaces
      ? namespaces.reduce((n, ns) => n + index.countInNamespace(ns), 0)
      : Infinity;
    let candidates: KubeObject[];
    if (labelCandidates.length && labelCandidates[0].count <= nsCount) {
      const r = labelCandidates[0].r as { key: string; values: string[] };
      candidates = index.withLabel(r.key, r.values[0]);
    } else if (namespaces) {
      candidates = namespaces.flatMap(ns => index.inNamespace(ns));
    } else {
      candidates = index.all();
    }
    return candidates
      .filter(
        o => !namespaces || namespaces.includes(o.metadata.namespace ?? ''),
      )
      .filter(o => matchesLabels(o.metadata.labels, requirements))
      .sort(
        (a, b) =>
          (a.metadata.namespace ?? '').localeCompare(
            b.metadata.namespace ?? '',
          ) || a.metadata.name.localeCompare(b.metadata.name),
      );
  }

  get(
    cluster: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return this.cache(cluster, kind)?.index.get(namespace, name);
  }

  clusterState(cluster: string, kinds: string[]): ClusterState {
    const states = kinds
      .map(k => this.cache(cluster, k)?.state())
      .filter((s): s is KindCacheState => !!s);
    const failed =
      states.find(s => s.error && !s.synced) ?? states.find(s => s.error);
    if (failed?.error) {
      const staleSince = states
        .map(s => s.staleSince)
        .filter((t): t is string => !!t)
        .sort()[0];
      return {
        name: cluster,
        ok: false,
        error: {
          reason: failed.error.reason,
          message: failed.error.message,
          kind: failed.kind,
        },
        ...(staleSince ? { staleSince } : {}),
      };
    }
    const notSynced = states.find(s => !s.synced);
    if (notSynced) {
      return {
        name: cluster,
        ok: false,
        error: {
          reason: 'NotSynced',
          message: `The cache of ${notSynced.kind} is still loading`,
          kind: notSynced.kind,
        },
      };
    }
    return { name: cluster, ok: true };
  }

  async waitUntilSettled(kinds: string[], timeoutMs: number): Promise<void> {
    const caches = this.clusterNames()
      .flatMap(c => kinds.map(k => this.cache(c, k)))
      .filter(Boolean);
    await Promise.all(caches.map(c => c!.waitUntilSettled(timeoutMs)));
  }

  cacheStates(): KindCacheState[] {
    return this.all().map(c => c.state());
  }

  private all(): KindCache[] {
    return [...this.caches.values()].flatMap(m => [...m.values()]);
  }
}
