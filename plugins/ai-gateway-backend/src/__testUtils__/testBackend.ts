import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { aiGatewayPlugin } from '../plugin';
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
}) {
  return startTestBackend({
    features: [
      aiGatewayPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
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
          aiGateway: { cache: { initialBackoffMs: 100, maxBackoffMs: 500 } },
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
