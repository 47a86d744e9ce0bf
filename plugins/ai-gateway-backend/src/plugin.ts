import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { aiGatewayPermissions } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { readCacheOptions } from './cache/options';
import { KubernetesClusters } from './cluster/KubernetesClusters';
import { ResourceCaches } from './cache/ResourceCaches';
import { createKubeListWatchSource } from './cache/kubeSource';
import { EntityResolver } from './entities/EntityResolver';
import { AccessControl } from './permissions/AccessControl';
import {
  resilientCatalog,
  resilientPermissions,
} from './dependencies/resilient';
import { ReadService } from './service/ReadService';
import { createRouter } from './service/router';
import { createMutationServices } from './mutations/createMutationServices';
import { MetricsService } from './metrics';
import { TopologyService } from './topology';
import { createMcpDiscovery } from './mcp';
import { createDiscovery } from './discovery';
import { createA2aDiscovery } from './a2a';
import { createAccess } from './access';
import { GrantObjects, ownersFromDiscovery } from './access/grants';
import { registerAccessActions } from './access/actions';

/**
 * The AI Gateway backend plugin (`/api/ai-gateway`): watch-backed caches of agentgateway and Gateway API
 * objects in the configured clusters, served per catalog entity and for the platform.
 */
export const aiGatewayPlugin = createBackendPlugin({
  pluginId: 'ai-gateway',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auditor: coreServices.auditor,
        events: eventsServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
        userInfo: coreServices.userInfo,
      },
      async init({
        config,
        logger,
        lifecycle,
        httpRouter,
        httpAuth,
        permissions: permissionsService,
        permissionsRegistry,
        catalog: catalogService,
        auth,
        auditor,
        database,
        scheduler,
        events,
        notifications,
        actionsRegistry,
        userInfo,
      }) {
        // in one process the catalog and the permission backend are reached over loopback HTTP: a connection reset
        // under load is retried, a dependency still down is a 503 with Retry-After (src/dependencies)
        const catalog = resilientCatalog(catalogService, logger);
        const permissions = resilientPermissions(permissionsService, logger);
        permissionsRegistry.addPermissions(aiGatewayPermissions);

        const clusters = KubernetesClusters.fromConfig(config, {
          catalog,
          logger,
        });
        const cacheOptions = readCacheOptions(config);
        const caches = new ResourceCaches({
          clusters: clusters.names(),
          sourceFor: (cluster, kind) =>
            createKubeListWatchSource(clusters.kubeConfig(cluster), kind, {
              watchTimeoutSeconds: cacheOptions.watchTimeoutSeconds,
            }),
          logger,
          initialBackoffMs: cacheOptions.initialBackoffMs,
          maxBackoffMs: cacheOptions.maxBackoffMs,
        });
        // catalog / gke locators are asked on start and every `aiGateway.clusterRefreshSeconds` (default 300)
        clusters.onChange(({ added, removed }) => {
          removed.forEach(c => caches.removeCluster(c));
          added.forEach(c => caches.addCluster(c));
          logger.info(
            `ai-gateway: clusters added [${added}] removed [${removed}]`,
          );
        });
        const refreshClusters = async () =>
          clusters.refresh(await auth.getOwnServiceCredentials());
        let refreshTimer: ReturnType<typeof setInterval> | undefined;
        lifecycle.addStartupHook(async () => {
          caches.start();
          await refreshClusters();
          refreshTimer = setInterval(
            () => refreshClusters().catch(e => logger.warn(`${e}`)),
            (config.getOptionalNumber('aiGateway.clusterRefreshSeconds') ??
              300) * 1000,
          );
          refreshTimer.unref?.();
          logger.info(
            `ai-gateway: watching ${
              clusters.names().length
            } cluster(s): ${clusters.names().join(', ')}`,
          );
        });
        lifecycle.addShutdownHook(() => {
          if (refreshTimer) clearInterval(refreshTimer);
          caches.stop();
        });

        // MCP discovery (src/mcp): stored results, a scheduled refresh, the MCP registry at /mcp-registry
        const mcp = await createMcpDiscovery({
          config,
          logger,
          database,
          scheduler,
          reader: caches,
          httpAuth,
          catalog,
        });
        httpRouter.use(mcp.router);

        const entities = new EntityResolver(catalog);
        const access = new AccessControl(permissions, {
          allowServiceWrites: config.getOptionalBoolean(
            'aiGateway.permissions.allowServiceWrites',
          ),
        });
        const mutations = createMutationServices({
          config,
          logger,
          reader: caches,
          entities,
          access,
          catalog,
          auth,
          auditor,
          kubeConfig: cluster => clusters.kubeConfig(cluster),
        });
        const reads = new ReadService({
          reader: caches,
          entities,
          access,
          entityTtlMs:
            (config.getOptionalNumber('aiGateway.readCache.entityTtlSeconds') ??
              5) * 1000,
          outsidePartitions: () => mutations.inspect.outsidePartitions(),
        });
        // live topology and usage: Prometheus per cluster, else the pod proxy (aiGateway.metrics, docs/metrics.md)
        const metrics = MetricsService.fromConfig(
          config,
          clusters
            .names()
            .map(name => ({ name, kubeConfig: clusters.kubeConfig(name) })),
        );
        lifecycle.addShutdownHook(() => metrics.close());
        const topology = new TopologyService({
          reader: caches,
          reads,
          access,
          metrics,
        });
        // A2A discovery (src/a2a): the agent cards of the A2A backends, stored, refreshed on a scheduler task
        const a2a = await createA2aDiscovery({
          config,
          logger,
          database,
          scheduler,
          reader: caches,
        });
        // catalog-driven discovery: the snapshot for the catalog module (src/discovery; its route is on the API router)
        const discovery = createDiscovery({
          config,
          logger,
          lifecycle,
          auth,
          catalog,
          caches,
          events,
          mcp: mcp.service,
          a2a,
        });
        mcp.setRegistrySource(discovery.service);

        // self-service access (src/access): requests, grants as cluster objects, keys, lifecycle task
        const grants = new GrantObjects({
          reader: caches,
          writer: mutations.writer,
          scope: mutations.scopes.access,
          auditor,
          logger,
          owners: ownersFromDiscovery(discovery.service),
        });
        const accessService = await createAccess({
          config,
          logger,
          database,
          scheduler,
          auth,
          auditor,
          permissions,
          catalog,
          reader: caches,
          access,
          grants,
          sources: {
            snapshot: () => discovery.service.snapshot(),
            mcpServer: (cluster, namespace, backend) =>
              mcp.service.getServer(cluster, namespace, backend),
          },
          notifications,
        });
        if (accessService.enabled) {
          registerAccessActions(actionsRegistry, accessService.service, {
            catalog,
            userInfo,
          });
        }
        httpRouter.use(
          await createRouter({
            httpAuth,
            reads,
            reader: caches,
            mutations,
            topology,
            access: accessService.enabled ? accessService.service : undefined,
            discovery: discovery.routes,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
