import {
  DatabaseService,
  HttpAuthService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import { ResourceReader } from '../cache/ResourceCaches';
import { readMcpConfig } from './config';
import { McpDiscoveryService } from './McpDiscoveryService';
import { createMcpRegistryRouter, McpRegistrySource } from './registry/router';
import { DatabaseMcpDiscoveryStore } from './store';

/** How long the first refresh waits for the caches' first LIST. */
const SETTLE_MS = 30_000;

/** Waits (bounded) until clusters are located and their caches answered the first LIST. */
async function settled(reader: ResourceReader) {
  const end = Date.now() + SETTLE_MS;
  while (!reader.clusterNames().length && Date.now() < end) {
    await new Promise(r => setTimeout(r, 200));
  }
  await reader.waitUntilSettled(
    ['AgentgatewayBackend', 'HTTPRoute'],
    Math.max(0, end - Date.now()),
  );
}

/**
 * MCP discovery and the MCP registry, wired: the store (migrations run here), the service, a scheduler task that
 * refreshes every MCP backend (`scope: 'global'`: one replica at a time, `aiGateway.mcp.frequencySeconds`), a local
 * task that loads what another replica stored, and the registry router (`/mcp-registry/...`).
 */
export async function createMcpDiscovery(options: {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  reader: ResourceReader;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
}): Promise<{
  service: McpDiscoveryService;
  /** the registry router; answers 404 for everything when `aiGateway.mcp.registry.enabled` is false */
  router: express.Router;
  /** connects the registry to the discovery snapshot (src/discovery) */
  setRegistrySource(source: McpRegistrySource): void;
}> {
  const config = readMcpConfig(options.config);
  const logger = options.logger.child({ component: 'mcp-discovery' });
  const store = await DatabaseMcpDiscoveryStore.create(options.database);
  const service = new McpDiscoveryService({
    reader: options.reader,
    store,
    config,
    logger,
  });
  await service.syncFromStore();

  if (config.enabled) {
    await options.scheduler.scheduleTask({
      id: 'ai-gateway-mcp-discovery',
      scope: 'global',
      frequency: { milliseconds: config.frequencyMs },
      // every server has its own deadline; this backstop only releases the task lock of a stuck run
      timeout: { milliseconds: Math.max(config.frequencyMs * 2, 30 * 60_000) },
      initialDelay: { seconds: 5 },
      fn: async () => {
        await settled(options.reader);
        await service.refreshAll();
      },
    });
    await options.scheduler.scheduleTask({
      id: 'ai-gateway-mcp-discovery-sync',
      scope: 'local',
      frequency: { seconds: 30 },
      timeout: { seconds: 60 },
      fn: () => service.syncFromStore(),
    });
  }

  let source: McpRegistrySource | undefined;
  const router = express.Router();
  if (config.registry.enabled) {
    router.use(
      '/mcp-registry',
      createMcpRegistryRouter({
        httpAuth: options.httpAuth,
        catalog: options.catalog,
        namespace: config.registry.namespace,
        source: () => source,
      }),
    );
  }
  return {
    service,
    router,
    setRegistrySource: s => {
      source = s;
    },
  };
}
