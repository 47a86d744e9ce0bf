import {
  AuditorService,
  AuthService,
  DatabaseService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ResourceReader } from '../cache/ResourceCaches';
import { AccessControl } from '../permissions/AccessControl';
import { DatabaseAccessStore } from './store';
import { GrantObjectsApi } from './grants/types';
import { ApiResolver, ApiSources } from './service/apis';
import { AccessChecks } from './service/checks';
import { readAccessConfig } from './service/config';
import { AccessContext } from './service/context';
import { DefaultAccessService } from './service/DefaultAccessService';
import { AccessAudit, AccessNotifier } from './service/events';
import { AccessLifecycle } from './service/lifecycle';
import { EffectiveAccessEvaluator } from './service/views';
import { createEffectiveEvaluator } from './service/effective';

export type { AccessService, AccessConfig, ListedApi } from './service/types';
export { DefaultAccessService } from './service/DefaultAccessService';
export { AccessLifecycle } from './service/lifecycle';
export { addAccessRoutes } from './router';
export type { LifecycleRun } from './service/lifecycle';

/** Id of the lifecycle task (expiry, rotated keys, APIs gone, drift). */
export const ACCESS_LIFECYCLE_TASK = 'ai-gateway-access-lifecycle';

/**
 * Self-service access, wired: the store (migrations run here), the service and the scheduler task that runs the
 * lifecycle once across replicas. The REST routes (`/access/...`, {@link addAccessRoutes}) go on the plugin's typed
 * router when `enabled`; with `aiGateway.access.enabled: false` they are not added and no task is scheduled.
 */
export async function createAccess(options: {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  auth: AuthService;
  auditor: AuditorService;
  permissions: PermissionsService;
  catalog: CatalogService;
  reader: ResourceReader;
  access: AccessControl;
  grants: GrantObjectsApi;
  sources: ApiSources;
  notifications?: NotificationService;
  evaluator?: EffectiveAccessEvaluator;
}): Promise<{
  service: DefaultAccessService;
  lifecycle: AccessLifecycle;
  enabled: boolean;
}> {
  const config = readAccessConfig(options.config);
  const logger = options.logger.child({ component: 'access' });
  const store = await DatabaseAccessStore.create(options.database);
  const ctx: AccessContext = {
    config,
    store,
    grants: options.grants,
    apis: new ApiResolver({
      catalog: options.catalog,
      sources: options.sources,
      grants: options.grants,
      reader: options.reader,
      autoApproveNamespaces: config.autoApproveNamespaces,
    }),
    checks: new AccessChecks(options.access, options.permissions),
    audit: new AccessAudit(options.auditor),
    notify: new AccessNotifier(options.notifications, logger),
    catalog: options.catalog,
    logger,
  };
  const service = new DefaultAccessService(
    ctx,
    options.evaluator ?? createEffectiveEvaluator(options.reader, logger),
  );
  const lifecycle = new AccessLifecycle(
    ctx,
    service.grantOps,
    options.auth,
    async () => (await options.sources.snapshot()).complete,
  );
  if (!config.enabled) return { service, lifecycle, enabled: false };
  await options.scheduler.scheduleTask({
    id: ACCESS_LIFECYCLE_TASK,
    scope: 'global',
    frequency: { seconds: config.lifecycleFrequencySeconds },
    timeout: { minutes: 10 },
    initialDelay: {
      seconds: Math.min(30, config.lifecycleFrequencySeconds),
    },
    fn: async () => {
      const run = await lifecycle.run();
      const done = [
        run.expired.length && `${run.expired.length} expired`,
        run.keysRemoved.length &&
          `${run.keysRemoved.length} rotated keys removed`,
        run.closedRequests.length &&
          `${run.closedRequests.length} requests closed`,
        run.revokedGrants.length &&
          `${run.revokedGrants.length} grants of gone APIs revoked`,
        run.drifted.length && `${run.drifted.length} grants drifted`,
      ].filter(Boolean);
      if (done.length)
        logger.info(`ai-gateway access lifecycle: ${done.join(', ')}`);
    },
  });
  return { service, lifecycle, enabled: true };
}
