import { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubeObject,
  McpDiscoveryResult,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../cache/ResourceCaches';
import { RemoteDiscoveryService } from '../remoteDiscovery';
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

export interface McpDiscoveryServiceOptions {
  reader: ResourceReader;
  store: McpDiscoveryStore;
  config: McpConfig;
  logger: LoggerService;
}

/**
 * MCP discovery: connects to every MCP backend (through the gateway URL when configured, else each target, or the
 * development mapping `aiGateway.mcp.endpoints`), stores the results, and serves them from an in-memory copy.
 * A failed discovery keeps the last known lists and records when and why it failed (src/remoteDiscovery).
 */
export class McpDiscoveryService
  extends RemoteDiscoveryService<McpDiscoveryResult>
  implements McpDiscoveryReader
{
  constructor(options: McpDiscoveryServiceOptions) {
    super({
      ...options,
      kind: {
        label: 'MCP',
        specField: 'mcp',
        fetch: (cluster, backend) => discoverBackend(options, cluster, backend),
        empty: () => ({
          serverInfo: undefined,
          tools: [],
          prompts: [],
          resources: [],
        }),
      },
    });
  }

  getServer(
    cluster: string,
    namespace: string,
    backendName: string,
  ): McpDiscoveryResult | undefined {
    return this.result(cluster, namespace, backendName);
  }

  listServers(): DiscoveredMcpServer[] {
    return this.present();
  }
}

/** Lists what one MCP backend offers (every target, federated under the gateway's names); throws on failure. */
async function discoverBackend(
  { reader, config }: McpDiscoveryServiceOptions,
  cluster: string,
  backend: KubeObject,
) {
  const plan = planMcpDiscovery(reader, cluster, backend, config);
  if (!plan.connections.length) {
    throw new Error(
      plan.unresolved.length
        ? `no reachable target: ${plan.unresolved.join(
            ', ',
          )} could not be resolved (selector Services not found)`
        : 'the backend has no MCP targets',
    );
  }
  const listed = await discoverPlan(plan.connections, plan.failOpen, config);
  const { serverInfo, tools, prompts, resources } = federate(
    listed,
    plan.prefix,
  );
  return { serverInfo, tools, prompts, resources };
}

async function discoverPlan(
  connections: McpConnection[],
  failOpen: boolean,
  config: McpConfig,
) {
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
