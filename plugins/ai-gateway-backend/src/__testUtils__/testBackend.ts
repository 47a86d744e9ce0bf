import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { aiGatewayPlugin } from '../plugin';
import { Entity } from '@backstage/catalog-model';
import { entities } from './seed';
import { TestCluster, startTestCluster } from './testCluster';
import { KubeLocalOptions } from '@ai-gateway-backstage/kube-local';

/** A cluster the test backend reads (through the standard `kubernetes.clusterLocatorMethods` config). */
export interface BackendCluster {
  name: string;
  url: string;
  token?: string;
  caData?: string;
  skipTLSVerify?: boolean;
}

/** The plugin in a test backend, reading the given clusters through the standard kubernetes config. */
export function startPluginBackend(options: {
  clusters: BackendCluster[];
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** catalog entities (default: the seed's) */
  entities?: Entity[];
  /** replaces the ALLOW/DENY mock permissions service (e.g. a real policy) */
  permissions?: any;
  /** more features / service factories (auditor, logger, userInfo...) */
  features?: any[];
  /** merged into the `aiGateway` config */
  aiGateway?: object;
}) {
  return startTestBackend({
    features: [
      aiGatewayPlugin,
      catalogServiceMock.factory({ entities: options.entities ?? entities }),
      options.permissions ??
        mockServices.permissions.factory({
          result: options.permission ?? AuthorizeResult.ALLOW,
        }),
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: options.clusters.map(c => ({
                  name: c.name,
                  url: c.url,
                  authProvider: 'serviceAccount',
                  ...(c.token ? { serviceAccountToken: c.token } : {}),
                  ...(c.caData ? { caData: c.caData } : {}),
                  ...(c.skipTLSVerify ? { skipTLSVerify: true } : {}),
                })),
              },
            ],
          },
          aiGateway: {
            cache: { initialBackoffMs: 100, maxBackoffMs: 500 },
            ...options.aiGateway,
          },
        },
      }),
    ],
  });
}

/** Polls until `check` passes (or throws its last error after `ms`). */
export async function eventually<T>(
  check: () => Promise<T>,
  ms = 5000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise(r => setTimeout(r, 50));
    }
  }
}

/**
 * The one way integration tests get a cluster and the plugin: kube-local seeded with `seed` (or the real cluster
 * of `AI_GATEWAY_TEST_KUBECONFIG`, seeded in uniquely prefixed namespaces — see `startTestCluster`), the plugin in a
 * test backend reading it, with the entities' namespace annotations mapped to the same namespaces. Resolves once the
 * caches answered their first LIST. `close()` stops both and cleans the real cluster.
 */
export async function startTestEnvironment(
  options: Omit<Parameters<typeof startPluginBackend>[0], 'clusters'> & {
    seed?: object[];
    kubeLocal?: KubeLocalOptions;
    /** more clusters besides the test cluster (e.g. unreachable ones) */
    extraClusters?: BackendCluster[];
  } = {},
): Promise<{
  kube: TestCluster;
  backend: Awaited<ReturnType<typeof startPluginBackend>>;
  close(): Promise<void>;
}> {
  const {
    seed: objects,
    kubeLocal,
    extraClusters,
    ...backendOptions
  } = options;
  const kube = await startTestCluster({ seed: objects, kubeLocal });
  const backend = await startPluginBackend({
    ...backendOptions,
    entities: kube.mapEntities(backendOptions.entities ?? entities),
    clusters: [
      {
        name: kube.name,
        url: kube.url,
        token: kube.token,
        caData: kube.caData,
        skipTLSVerify: kube.skipTLSVerify,
      },
      ...(extraClusters ?? []),
    ],
  });
  return {
    kube,
    backend,
    async close() {
      await backend.stop();
      await kube.close();
    },
  };
}
