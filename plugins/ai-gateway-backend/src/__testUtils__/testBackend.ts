import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { aiGatewayPlugin } from '../plugin';
import { Entity } from '@backstage/catalog-model';
import { entities } from './seed';

export interface TestCluster {
  name: string;
  url: string;
  token?: string;
}

/** The plugin in a test backend, reading the given clusters through the standard kubernetes config. */
export function startPluginBackend(options: {
  clusters: TestCluster[];
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
