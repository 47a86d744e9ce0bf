import { LoggerService } from '@backstage/backend-plugin-api';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../cache/ResourceCaches';
import { gatewayUrlFor } from '../mcp/targets';
import { fetchAgentCard } from './card';
import { A2aConfig } from './config';
import { A2aAgentKey, A2aDiscoveryResult, A2aDiscoveryStore } from './store';

/** What the catalog snapshot reads: the last agent card of an A2A backend, and a signal when any changed. */
export interface A2aDiscoveryReader {
  getAgent(
    cluster: string,
    namespace: string,
    backendName: string,
  ): A2aDiscoveryResult | undefined;
  onChange(listener: () => void): () => void;
}

const keyOf = (k: A2aAgentKey) =>
  `${k.cluster}\u0000${k.namespace}\u0000${k.backend}`;
const isA2aBackend = (o: KubeObject) =>
  typeof o.spec === 'object' &&
  o.spec !== null &&
  typeof (o.spec as { a2a?: unknown }).a2a === 'object';

/** Where the card of one A2A backend is read: the development mapping, else the gateway URL, else the target. */
export function a2aBaseUrl(
  reader: ResourceReader,
  cluster: string,
  backend: KubeObject,
  config: Pick<A2aConfig, 'endpoints' | 'gateways'>,
): { url: string; headers: Record<string, string> } | undefined {
  const id = `${backend.metadata.namespace ?? ''}/${backend.metadata.name}`;
  const override = config.endpoints.find(
    e => e.backend === id && (!e.cluster || e.cluster === cluster),
  );
  if (override) return { url: override.url, headers: override.headers };
  const viaGateway = gatewayUrlFor(reader, cluster, backend, config.gateways);
  if (viaGateway) return { url: viaGateway, headers: {} };
  const a2a = (backend.spec as { a2a?: { host?: unknown; port?: unknown } })
    .a2a;
  if (typeof a2a?.host !== 'string' || !a2a.host) return undefined;
  const host =
    a2a.host.includes(':') && !a2a.host.startsWith('[')
      ? `[${a2a.host}]`
      : a2a.host;
  return {
    url: `http://${host}${typeof a2a.port === 'number' ? `:${a2a.port}` : ''}`,
    headers: {},
  };
}

/**
 * A2A discovery: reads the agent card of every A2A backend (bounded in time and size, validated), stores it in the
 * plugin's database and serves it from memory. A failed fetch keeps the last known card and records when and why.
 */
export class A2aDiscoveryService implements A2aDiscoveryReader {
  private readonly memory = new Map<
    string,
    A2aAgentKey & { result: A2aDiscoveryResult }
  >();
  private readonly listeners = new Set<() => void>();
  private syncedUpTo = 0;

  constructor(
    private readonly options: {
      reader: ResourceReader;
      store: A2aDiscoveryStore;
      config: A2aConfig;
      logger: LoggerService;
    },
  ) {}

  getAgent(cluster: string, namespace: string, backendName: string) {
    return this.memory.get(keyOf({ cluster, namespace, backend: backendName }))
      ?.result;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads rows written since the last load (all on the first call): how replicas see another's refresh. */
  async syncFromStore(): Promise<void> {
    for (const row of await this.options.store.list(
      this.syncedUpTo || undefined,
    )) {
      this.syncedUpTo = Math.max(this.syncedUpTo, row.updatedAt);
      this.remember(row, row.result);
    }
  }

  /** Fetches the card of every A2A backend of every cluster; removes rows of deleted backends. */
  async refreshAll(): Promise<void> {
    const { reader, config, logger, store } = this.options;
    const work: Array<{ cluster: string; backend: KubeObject }> = [];
    for (const cluster of reader.clusterNames()) {
      const backends = reader
        .query(cluster, 'AgentgatewayBackend')
        .filter(isA2aBackend);
      backends.forEach(backend => work.push({ cluster, backend }));
      if (!reader.clusterState(cluster, ['AgentgatewayBackend']).ok) continue;
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
            `A2A discovery of ${cluster}/${backend.metadata.namespace}/${backend.metadata.name}: ${e}`,
          ),
        );
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(config.concurrency, work.length) }, worker),
    );
    logger.info(`A2A discovery: refreshed ${work.length} A2A backend(s)`);
  }

  /** Fetches one backend's agent card now and stores the outcome. */
  async refreshBackend(
    cluster: string,
    backend: KubeObject,
  ): Promise<A2aDiscoveryResult> {
    const { reader, config, store } = this.options;
    const key = {
      cluster,
      namespace: backend.metadata.namespace ?? '',
      backend: backend.metadata.name,
    };
    const previous = this.memory.get(keyOf(key))?.result;
    let result: A2aDiscoveryResult;
    try {
      const where = a2aBaseUrl(reader, cluster, backend, config);
      if (!where) throw new Error('the backend has no spec.a2a.host');
      const { card, cardUrl } = await fetchAgentCard(where.url, where.headers, {
        timeoutMs: config.timeoutMs,
        maxResponseBytes: config.maxResponseBytes,
        maxSkills: config.maxSkills,
      });
      result = {
        status: 'ok',
        card,
        cardUrl,
        discoveredAt: new Date().toISOString(),
      };
    } catch (e) {
      result = {
        status: 'failed',
        card: previous?.card,
        cardUrl: previous?.cardUrl,
        discoveredAt: previous?.discoveredAt,
        error: {
          at: new Date().toISOString(),
          message: String(e instanceof Error ? e.message : e).slice(0, 1000),
        },
      };
    }
    const stored = await store.put(key, result);
    this.remember(stored, result);
    return result;
  }

  private remember(key: A2aAgentKey, result: A2aDiscoveryResult | undefined) {
    const k = keyOf(key);
    const before = this.memory.get(k)?.result;
    if (result)
      this.memory.set(k, {
        cluster: key.cluster,
        namespace: key.namespace,
        backend: key.backend,
        result,
      });
    else this.memory.delete(k);
    if (before === result) return;
    for (const l of this.listeners) {
      try {
        l();
      } catch (e) {
        this.options.logger.warn(`A2A discovery listener failed: ${e}`);
      }
    }
  }
}
