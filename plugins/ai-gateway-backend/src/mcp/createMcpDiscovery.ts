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
import { scheduleDiscovery } from '../remoteDiscovery/schedule';
import { readMcpConfig } from './config';
import { McpDiscoveryService } from './McpDiscoveryService';
import { createMcpRegistryRouter, McpRegistrySource } from './registry/router';
import { DatabaseMcpDiscoveryStore } from './store';

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
    await scheduleDiscovery({
      scheduler: options.scheduler,
      reader: options.reader,
      id: 'ai-gateway-mcp-discovery',
      frequencyMs: config.frequencyMs,
      service,
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
