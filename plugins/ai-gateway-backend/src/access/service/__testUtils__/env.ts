/*
 * A backend with the real plugin against kube-local seeded with the demo cluster, a REAL permission backend
 * running the example policy's access rules (isEntityOwner applied by a REAL catalog backend), the REAL
 * notifications backend, the real scheduler and auditor (captured through the root logger). The plugin's own
 * catalog reads use the catalog service mock with the same entities (mock auth cannot mint on-behalf-of tokens).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { stringify } from 'yaml';
import knexFactory, { Knex } from 'knex';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { KubeLocal } from '@ai-gateway-backstage/kube-local';
import { aiGatewayPlugin } from '../../../plugin';
import { captureRootLogger } from '../../../__testUtils__/captureLogger';
import { httpAuthWithActorFactory } from '../../../__testUtils__/ownerPolicy';
import { eventually } from '../../../__testUtils__/testBackend';
import {
  PRINCIPALS,
  Principal,
  accessEntities,
  accessPolicyModule,
  accessUserInfoFactory,
} from './world';

/** The ai-gateway plugin on the given database (two replicas share one); other plugins on their own SQLite. */
function databaseFactory(shared?: Knex) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) =>
      mockServices.database({
        knex:
          shared && plugin.getId() === 'ai-gateway'
            ? shared
            : knexFactory({
                client: 'better-sqlite3',
                connection: ':memory:',
                useNullAsDefault: true,
              }),
      }),
  });
}

export interface AccessBackend {
  server: Parameters<typeof request>[0];
  as(p: Principal): {
    get(url: string): request.Test;
    post(url: string): request.Test;
  };
  logs: ReturnType<typeof captureRootLogger>['lines'];
  stop(): Promise<void>;
}

export async function startAccessBackend(options: {
  kube: KubeLocal;
  /** merged into `aiGateway` */
  aiGateway?: object;
  /** the ai-gateway plugin's database (the two-replica test); default its own SQLite */
  database?: Knex;
}): Promise<AccessBackend> {
  const entities = accessEntities();
  const dir = mkdtempSync(join(tmpdir(), 'ai-gateway-access-'));
  const file = join(dir, 'catalog.yaml');
  writeFileSync(
    file,
    entities.map(({ relations: _r, ...e }) => stringify(e)).join('---\n'),
  );
  const logs = captureRootLogger();
  const app = await startTestBackend({
    features: [
      aiGatewayPlugin,
      catalogServiceMock.factory({ entities }),
      catalogPlugin,
      permissionPlugin,
      notificationsPlugin,
      accessPolicyModule,
      accessUserInfoFactory,
      httpAuthWithActorFactory,
      permissionsServiceFactory,
      schedulerServiceFactory,
      databaseFactory(options.database),
      logs.factory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          permission: { enabled: true },
          catalog: {
            locations: [{ type: 'file', target: file }],
            rules: [
              {
                allow: [
                  'Component',
                  'API',
                  'Group',
                  'User',
                  'System',
                  'Domain',
                  'Location',
                  'Resource',
                ],
              },
            ],
            stitchingStrategy: { mode: 'immediate' },
          },
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'local',
                    url: options.kube.url,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: options.kube.adminToken,
                  },
                ],
              },
            ],
          },
          aiGateway: {
            cache: { initialBackoffMs: 100, maxBackoffMs: 500 },
            gateways: [
              {
                gateway: 'agentgateway-system/ai-gateway',
                url: 'https://ai.example.com',
              },
            ],
            ...options.aiGateway,
          },
        },
      }),
    ],
  });
  const as = (p: Principal) => ({
    get: (url: string) =>
      request(app.server).get(url).set('Authorization', PRINCIPALS[p]),
    post: (url: string) =>
      request(app.server).post(url).set('Authorization', PRINCIPALS[p]),
  });
  // the catalog ingested the entities and their ownedBy relations: the API owner may approve
  await eventually(async () => {
    const res = await as('apiOwner').get(
      `/api/ai-gateway/access/apis/${encodeURIComponent(
        'api:default/team-support.support-chat',
      )}`,
    );
    if (res.body.can?.approve !== true || !res.body.offers?.models?.length) {
      const snap = await request(app.server)
        .get('/api/ai-gateway/discovery/snapshot')
        .set('Authorization', PRINCIPALS.service);
      throw new Error(
        `not ready: ${res.status} ${res.text}; snapshot ${JSON.stringify({
          complete: snap.body.complete,
          clusters: snap.body.clusters,
          apis: snap.body.apis?.map((a: { name: string }) => a.name),
        })}`,
      );
    }
  }, 90_000);
  return { server: app.server, as, logs: logs.lines, stop: () => app.stop() };
}
