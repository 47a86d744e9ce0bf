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
import { McpDiscoverySource } from './types';

export type { McpDiscoverySource } from './types';
export { DiscoveryService } from './DiscoveryService';
export { buildSnapshot } from './buildSnapshot';

/**
 * Catalog-driven discovery: the snapshot service (started / stopped with the plugin). Its route
 * (`GET /discovery/snapshot`, service principals only) is bound on the typed API router (`./router`).
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
    events: options.events,
    logger: options.logger,
  });
  options.lifecycle.addStartupHook(() => service.start());
  options.lifecycle.addShutdownHook(() => service.stop());
  return { service };
}
