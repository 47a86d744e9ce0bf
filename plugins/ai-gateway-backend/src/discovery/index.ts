import {
  AuthService,
  LifecycleService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { ResourceCaches } from '../cache/ResourceCaches';
import { readDiscoveryConfig } from './config';
import { DiscoveryService } from './DiscoveryService';
import { OwnerDirectory } from './owners';
import { A2aDiscoverySource, McpDiscoverySource } from './types';
import { ApiToolsService } from './tools';

export type { A2aDiscoverySource, McpDiscoverySource } from './types';
export { DiscoveryService } from './DiscoveryService';
export { buildSnapshot } from './buildSnapshot';
export { ApiToolsService } from './tools';

/**
 * Catalog-driven discovery: the snapshot service (started / stopped with the plugin) and the paged MCP tools. Their
 * routes (`GET /discovery/snapshot`, service principals only; `GET /discovery/apis/{namespace}/{name}/tools`) are
 * bound on the typed API router (`./router`).
 */
export function createDiscovery(options: {
  config: RootConfigService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  auth: AuthService;
  catalog: CatalogService;
  caches: ResourceCaches;
  events?: EventsService;
  mcp?: McpDiscoverySource;
  a2a?: A2aDiscoverySource;
}) {
  const config = readDiscoveryConfig(options.config);
  const owners = new OwnerDirectory({
    catalog: options.catalog,
    auth: options.auth,
    logger: options.logger,
    refreshMs:
      (options.config.getOptionalNumber('aiGateway.ownership.refreshSeconds') ??
        60) * 1000,
  });
  const service = new DiscoveryService({
    caches: options.caches,
    owners,
    config,
    mcp: options.mcp,
    a2a: options.a2a,
    events: options.events,
    logger: options.logger,
  });
  options.lifecycle.addStartupHook(() => service.start());
  options.lifecycle.addShutdownHook(() => service.stop());
  // the full stored tool lists, paged (`GET /discovery/apis/{namespace}/{name}/tools`)
  const tools = new ApiToolsService({
    catalog: options.catalog,
    reader: options.caches,
    mcp: options.mcp,
  });
  return {
    service,
    tools,
    /** what the typed router binds (`./router`) */
    routes: { snapshot: () => service.snapshot(), tools },
  };
}
