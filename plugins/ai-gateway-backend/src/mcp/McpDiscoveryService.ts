import { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubeObject,
  McpDiscoveryResult,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../cache/ResourceCaches';
import { discoverServer, ListedServer } from './client';
import { McpConfig } from './config';
import { federate } from './federate';
import { McpDiscoveryStore, McpServerKey } from './store';
import { McpConnection, planMcpDiscovery } from './targets';

/** One discovered MCP backend. */
export interface DiscoveredMcpServer extends McpServerKey {
  result: McpDiscoveryResult;
}

export type McpDiscoveryListener = (
  key: McpServerKey,
  result: McpDiscoveryResult | undefined,
) => void;

/** What other parts of the backend (the catalog snapshot, the MCP registry) read. */
export interface McpDiscoveryReader {
  /** The last discovery of an MCP backend (sync, from memory); undefined when never discovered. */
  getServer(
    cluster: string,
    namespace: string,
    backendName: string,
  ): McpDiscoveryResult | undefined;
  /** Every discovered MCP backend that still exists in the caches. */
  listServers(): DiscoveredMcpServer[];
  /** Called after a result changed (or was removed); returns an unsubscribe function. */
  onChange(listener: McpDiscoveryListener): () => void;
}

const keyOf = (k: McpServerKey) =>
  `${k.cluster}\u0000${k.namespace}\u0000${k.backend}`;
const isMcpBackend = (o: KubeObject) =>
  typeof o.spec === 'object' &&
  o.spec !== null &&
  typeof (o.spec as { mcp?: unknown }).mcp === 'object';

export interface McpDiscoveryServiceOptions {
  reader: ResourceReader;
  store: McpDiscoveryStore;
  config: McpConfig;
  logger: LoggerService;
}

/**
 * MCP discovery: connects to every MCP backend (through the gateway URL when configured, else each target, or the
 * development mapping `aiGateway.mcp.endpoints`), stores the results, and serves them from an in-memory copy.
 * A failed discovery keeps the last known lists and records when and why it failed.
 */
export class McpDiscoveryService implements McpDiscoveryReader {
  private readonly memory = new Map<string, DiscoveredMcpServer>();
  private readonly listeners = new Set<McpDiscoveryListener>();
  private syncedUpTo = 0;

  constructor(private readonly options: McpDiscoveryServiceOptions) {}

  getServer(
    cluster: string,
    namespace: string,
    backendName: string,
  ): McpDiscoveryResult | undefined {
    return this.memory.get(keyOf({ cluster, namespace, backend: backendName }))
      ?.result;
  }

  listServers(): DiscoveredMcpServer[] {
    const { reader } = this.options;
    return [...this.memory.values()].filter(s =>
      reader.get(s.cluster, 'AgentgatewayBackend', s.namespace, s.backend),
    );
  }

  onChange(listener: McpDiscoveryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads rows written since the last load (all on the first call): how replicas see another's refresh. */
  async syncFromStore(): Promise<void> {
    const rows = await this.options.store.list(this.syncedUpTo || undefined);
    for (const row of rows) {
      this.syncedUpTo = Math.max(this.syncedUpTo, row.updatedAt);
      this.remember(row, row.result);
    }
  }

  /** Discovers every MCP backend of every cluster (the scheduled task); removes rows of deleted backends. */
  async refreshAll(): Promise<void> {
    const { reader, config, logger, store } = this.options;
    const work: Array<{ cluster: string; backend: KubeObject }> = [];
    for (const cluster of reader.clusterNames()) {
      const state = reader.clusterState(cluster, ['AgentgatewayBackend']);
      const backends = reader
        .query(cluster, 'AgentgatewayBackend')
        .filter(isMcpBackend);
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
            `MCP discovery of ${cluster}/${backend.metadata.namespace}/${backend.metadata.name}: ${e}`,
          ),
        );
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(config.concurrency, work.length) }, worker),
    );
    logger.info(`MCP discovery: refreshed ${work.length} MCP backend(s)`);
  }

  /** Discovers one MCP backend now and stores the outcome. */
  async refreshBackend(
    cluster: string,
    backend: KubeObject,
  ): Promise<McpDiscoveryResult> {
    const { reader, config, store } = this.options;
    const key = {
      cluster,
      namespace: backend.metadata.namespace ?? '',
      backend: backend.metadata.name,
    };
    const previous = this.memory.get(keyOf(key))?.result;
    const plan = planMcpDiscovery(reader, cluster, backend, config);
    let result: McpDiscoveryResult;
    try {
      if (!plan.connections.length) {
        throw new Error(
          plan.unresolved.length
            ? `no reachable target: ${plan.unresolved.join(
                ', ',
              )} could not be resolved (selector Services not found)`
            : 'the backend has no MCP targets',
        );
      }
      const listed = await this.discoverPlan(plan.connections, plan.failOpen);
      const merged = federate(listed, plan.prefix);
      result = {
        status: 'ok',
        serverInfo: merged.serverInfo,
        tools: merged.tools,
        prompts: merged.prompts,
        resources: merged.resources,
        discoveredAt: new Date().toISOString(),
      };
    } catch (e) {
      result = {
        status: 'failed',
        serverInfo: previous?.serverInfo,
        tools: previous?.tools ?? [],
        prompts: previous?.prompts ?? [],
        resources: previous?.resources ?? [],
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

  private async discoverPlan(connections: McpConnection[], failOpen: boolean) {
    const { config } = this.options;
    const limits = {
      timeoutMs: config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
      maxItems: config.maxItems,
    };
    const outcomes = await Promise.all(
      connections.map(async c => {
        try {
          return { target: c.target, listed: await discoverServer(c, limits) };
        } catch (e) {
          const where = c.target ? `target ${c.target} (${c.url})` : c.url;
          return {
            target: c.target,
            error: `${where}: ${e instanceof Error ? e.message : e}`,
          };
        }
      }),
    );
    const failed = outcomes.filter(o => 'error' in o) as Array<{
      error: string;
    }>;
    const ok = outcomes.filter(o => 'listed' in o) as Array<{
      target?: string;
      listed: ListedServer;
    }>;
    if (failed.length && (!failOpen || !ok.length))
      throw new Error(failed.map(f => f.error).join('; '));
    return ok;
  }

  private remember(key: McpServerKey, result: McpDiscoveryResult | undefined) {
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
        l(key, result);
      } catch (e) {
        this.options.logger.warn(`MCP discovery listener failed: ${e}`);
      }
    }
  }
}
