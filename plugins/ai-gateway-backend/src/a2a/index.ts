import {
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ResourceReader } from '../cache/ResourceCaches';
import { scheduleDiscovery } from '../remoteDiscovery/schedule';
import { A2aDiscoveryService } from './A2aDiscoveryService';
import { readA2aConfig } from './config';
import { DatabaseA2aDiscoveryStore } from './store';

export { A2aDiscoveryService, a2aBaseUrl } from './A2aDiscoveryService';
export type { A2aDiscoveryReader } from './A2aDiscoveryService';
export type { A2aDiscoveryResult } from './store';
export type { AgentCard, AgentSkill } from './card';
export { readA2aConfig } from './config';

/**
 * A2A discovery, wired: the store (migrations run here), the service, a global scheduler task fetching every A2A
 * backend's agent card (`aiGateway.a2a.frequencySeconds`, by default MCP discovery's frequency) and a local task
 * loading what another replica stored.
 */
export async function createA2aDiscovery(options: {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  reader: ResourceReader;
}): Promise<A2aDiscoveryService> {
  const config = readA2aConfig(options.config);
  const { reader } = options;
  const service = new A2aDiscoveryService({
    reader,
    store: await DatabaseA2aDiscoveryStore.create(options.database),
    config,
    logger: options.logger.child({ component: 'a2a-discovery' }),
  });
  await service.syncFromStore();
  if (!config.enabled) return service;
  await scheduleDiscovery({
    scheduler: options.scheduler,
    reader,
    id: 'ai-gateway-a2a-discovery',
    frequencyMs: config.frequencyMs,
    service,
  });
  return service;
}
