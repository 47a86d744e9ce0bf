import { LoggerService } from '@backstage/backend-plugin-api';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../cache/ResourceCaches';
import { sameResult } from './sameResult';
import {
  BackendKey,
  Payload,
  RemoteResult,
  ResultStore,
  StoredResult,
} from './types';

/** What one kind of remote discovery (MCP servers, A2A agents) declares; the rest is shared. */
export interface RemoteDiscoveryKind<R extends RemoteResult> {
  /** in log lines: `MCP`, `A2A` */
  label: string;
  /** the AgentgatewayBackend `spec` field (an object) that makes a backend of this kind: `mcp`, `a2a` */
  specField: string;
  /** asks one backend now; throws when it fails (fetchers bound their own time and size, see `withDeadline`) */
  fetch(cluster: string, backend: KubeObject): Promise<Payload<R>>;
  /** what a failure shows before any success (e.g. empty lists) */
  empty(): Payload<R>;
}

export type ResultListener<R> = (
  key: BackendKey,
  result: R | undefined,
) => void;

export interface RemoteDiscoveryOptions<R extends RemoteResult> {
  reader: ResourceReader;
  store: ResultStore<R>;
  /** read at every refresh: how many backends are asked at once */
  config: { concurrency: number };
  logger: LoggerService;
  kind: RemoteDiscoveryKind<R>;
}

const keyOf = (k: BackendKey) =>
  `${k.cluster}\u0000${k.namespace}\u0000${k.backend}`;

/**
 * A remote discovery: asks every AgentgatewayBackend of one kind (the scheduled `refreshAll`), stores each outcome,
 * and serves the results from an in-memory copy. A failure keeps the last known payload and records when and why;
 * listeners hear of results that changed (not of a result that says the same again).
 */
export class RemoteDiscoveryService<R extends RemoteResult> {
  private readonly memory = new Map<string, StoredResult<R>>();
  private readonly listeners = new Set<ResultListener<R>>();
  private syncedUpTo = 0;

  constructor(private readonly base: RemoteDiscoveryOptions<R>) {}

  /** The last result of one backend (sync, from memory); undefined when never discovered. */
  protected result(cluster: string, namespace: string, backend: string) {
    return this.memory.get(keyOf({ cluster, namespace, backend }))?.result;
  }

  /** Every remembered result whose backend still exists in the caches. */
  protected present(): Array<BackendKey & { result: R }> {
    const { reader } = this.base;
    return [...this.memory.values()]
      .filter(s =>
        reader.get(s.cluster, 'AgentgatewayBackend', s.namespace, s.backend),
      )
      .map(({ cluster, namespace, backend, result }) => ({
        cluster,
        namespace,
        backend,
        result,
      }));
  }

  /** Called after a result changed (or was removed); returns an unsubscribe function. */
  onChange(listener: ResultListener<R>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads rows written since the last load (all on the first call): how replicas see another's refresh. */
  async syncFromStore(): Promise<void> {
    const rows = await this.base.store.list(this.syncedUpTo || undefined);
    for (const row of rows) {
      this.syncedUpTo = Math.max(this.syncedUpTo, row.updatedAt);
      this.remember(row, row);
    }
  }

  /** Asks every backend of this kind in every cluster; removes rows of deleted backends. */
  async refreshAll(): Promise<void> {
    const { reader, config, logger, store, kind } = this.base;
    const work: Array<{ cluster: string; backend: KubeObject }> = [];
    for (const cluster of reader.clusterNames()) {
      const state = reader.clusterState(cluster, ['AgentgatewayBackend']);
      const backends = reader
        .query(cluster, 'AgentgatewayBackend')
        .filter(o => isOfKind(o, kind.specField));
      backends.forEach(backend => work.push({ cluster, backend }));
      if (!state.ok) continue; // an unsynced cache must not delete what it has not seen
      const present = new Set(
        backends.map(b => `${b.metadata.namespace}/${b.metadata.name}`),
      );
      for (const s of [...this.memory.values()]) {
        if (
          s.cluster === cluster &&
          !present.has(`${s.namespace}/${s.backend}`)
        ) {
          await store.delete(s);
          this.remember(s, undefined);
        }
      }
    }
    let next = 0;
    const worker = async () => {
      while (next < work.length) {
        const { cluster, backend } = work[next++];
        await this.refreshBackend(cluster, backend).catch(e =>
          logger.warn(
            `${kind.label} discovery of ${cluster}/${backend.metadata.namespace}/${backend.metadata.name}: ${e}`,
          ),
        );
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(config.concurrency, work.length) }, worker),
    );
    logger.info(
      `${kind.label} discovery: refreshed ${work.length} ${kind.label} backend(s)`,
    );
  }

  /** Asks one backend now and stores the outcome. */
  async refreshBackend(cluster: string, backend: KubeObject): Promise<R> {
    const { store, kind } = this.base;
    const key = {
      cluster,
      namespace: backend.metadata.namespace ?? '',
      backend: backend.metadata.name,
    };
    const previous = this.memory.get(keyOf(key))?.result;
    let result: R;
    try {
      const payload = await kind.fetch(cluster, backend);
      result = {
        status: 'ok',
        ...payload,
        discoveredAt: new Date().toISOString(),
      } as R;
    } catch (e) {
      result = {
        status: 'failed',
        ...lastKnown(previous, kind),
        discoveredAt: previous?.discoveredAt,
        error: {
          at: new Date().toISOString(),
          message: String(e instanceof Error ? e.message : e).slice(0, 1000),
        },
      } as R;
    }
    const stored = await store.put(key, result);
    this.remember(stored, stored);
    return result;
  }

  private remember(key: BackendKey, entry: StoredResult<R> | undefined) {
    const k = keyOf(key);
    const before = this.memory.get(k)?.result;
    if (entry) this.memory.set(k, entry);
    else this.memory.delete(k);
    const result = entry?.result;
    if (before === result || sameResult(before, result)) return;
    for (const l of this.listeners) {
      try {
        l(key, result);
      } catch (e) {
        this.base.logger.warn(
          `${this.base.kind.label} discovery listener failed: ${e}`,
        );
      }
    }
  }
}

function isOfKind(o: KubeObject, field: string): boolean {
  const spec = o.spec as Record<string, unknown> | null | undefined;
  return (
    typeof spec === 'object' && spec !== null && typeof spec[field] === 'object'
  );
}

/** The previous result's payload (what a failure keeps), else the kind's empty payload. */
function lastKnown<R extends RemoteResult>(
  previous: R | undefined,
  kind: RemoteDiscoveryKind<R>,
): Payload<R> {
  if (!previous) return kind.empty();
  const kept: Partial<R> = { ...previous };
  delete kept.status;
  delete kept.discoveredAt;
  delete kept.error;
  return kept as Payload<R>;
}
