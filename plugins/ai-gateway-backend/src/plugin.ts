import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { aiGatewayPermissions } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { readCacheOptions, readClusterConfigs } from './cluster/config';
import { KubernetesClusters } from './cluster/KubernetesClusters';
import { ResourceCaches } from './cache/ResourceCaches';
import { createKubeListWatchSource } from './cache/kubeSource';
import { EntityResolver } from './entities/EntityResolver';
import { AccessControl } from './permissions/AccessControl';
import { ReadService } from './service/ReadService';
import { createRouter } from './service/router';
import { createMutationServices } from './mutations/createMutationServices';
import { MetricsService } from './metrics';
import { TopologyService } from './topology';

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
        auditor: coreServices.auditor,
      },
      async init({
        config,
        logger,
        lifecycle,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        catalog,
        auth,
        auditor,
      }) {
        permissionsRegistry.addPermissions(aiGatewayPermissions);

        const clusters = new KubernetesClusters(readClusterConfigs(config));
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
        lifecycle.addStartupHook(() => {
          logger.info(
            `ai-gateway: watching ${
              clusters.names().length
            } cluster(s): ${clusters.names().join(', ')}`,
          );
          caches.start();
        });
        lifecycle.addShutdownHook(() => caches.stop());

        const entities = new EntityResolver(catalog);
        const access = new AccessControl(permissions, {
          allowServiceWrites: config.getOptionalBoolean(
            'aiGateway.permissions.allowServiceWrites',
          ),
        });
        const reads = new ReadService({ reader: caches, entities, access });
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
        // live topology and usage: Prometheus per cluster, else the pod proxy (aiGateway.metrics, docs/metrics.md)
        const metrics = MetricsService.fromConfig(
          config,
          clusters
            .names()
            .map(name => ({ name, kubeConfig: clusters.kubeConfig(name) })),
        );
        const topology = new TopologyService({
          reader: caches,
          reads,
          access,
          metrics,
        });
        httpRouter.use(
          await createRouter({
            httpAuth,
            reads,
            reader: caches,
            mutations,
            topology,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
