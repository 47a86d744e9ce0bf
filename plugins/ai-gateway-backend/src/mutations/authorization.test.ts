/*
 * Authorization matrix over every mutating endpoint, decided by a REAL permission backend
 * (`@backstage/plugin-permission-backend`) running the owner policy of `__testUtils__/ownerPolicy.ts`, whose
 * conditional `isEntityOwner` decisions are applied by the REAL catalog backend to the entity's `ownedBy`
 * relation. The plugin reaches both through the production permissions service (backend-defaults). Only the
 * plugin's own entity lookups use the catalog service mock (same entities).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { stringify } from 'yaml';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import {
  aiGatewayCreatePermission,
  aiGatewayDeletePermission,
  aiGatewayPlatformManagePermission,
  aiGatewaySecretWritePermission,
  aiGatewayUpdatePermission,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayPlugin } from '../plugin';
import { writeEntities, writeSeed } from '../__testUtils__/writeSeed';
import {
  httpAuthWithActorFactory,
  ownerPolicyModule,
  userInfoFactory,
} from '../__testUtils__/ownerPolicy';
import { eventually } from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const SUPPORT = '/api/ai-gateway/entity/component/default/support-bot';
const backend = (name: string, resourceVersion?: string) => ({
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayBackend',
  metadata: { name, ...(resourceVersion ? { resourceVersion } : {}) },
  spec: { ai: { provider: { openai: { model: 'gpt-4o-mini' } } } },
});
const gateway = (name: string, resourceVersion?: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: {
    name,
    namespace: 'agentgateway-system',
    ...(resourceVersion ? { resourceVersion } : {}),
  },
  spec: {
    gatewayClassName: 'agentgateway',
    listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
  },
});

const PRINCIPALS = {
  owner: mockCredentials.user.header('user:default/olive'),
  otherTeam: mockCredentials.user.header('user:default/otto'),
  platformAdmin: mockCredentials.user.header('user:default/alice'),
  guest: mockCredentials.user.header('user:development/guest'),
  noToken: mockCredentials.user.invalidHeader(),
  service: mockCredentials.service.header({
    onBehalfOf: mockCredentials.service('plugin:other'),
    targetPluginId: 'ai-gateway',
  }),
} as const;
type Principal = keyof typeof PRINCIPALS;

describe('authorization matrix (real permission backend + catalog isEntityOwner)', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  let app: Awaited<ReturnType<typeof startTestBackend>>;
  const as = (p: Principal) => {
    const auth = PRINCIPALS[p];
    return {
      post: (url: string) =>
        request(app.server).post(url).set('Authorization', auth),
      put: (url: string) =>
        request(app.server).put(url).set('Authorization', auth),
      delete: (url: string) =>
        request(app.server).delete(url).set('Authorization', auth),
      get: (url: string) =>
        request(app.server).get(url).set('Authorization', auth),
    };
  };
  const ownerCreate = async (name: string) =>
    (
      await as('owner')
        .post(`${SUPPORT}/resources`)
        .send({ object: backend(name) })
    ).body.item;

  /**
   * What the frontend's `usePermission` asks for the entity page: the permission backend's decision on each of the
   * plugin's permissions (entity permissions with the entity as resourceRef), as the caller.
   */
  const decisions = async (p: Principal) => {
    const asked = {
      create: aiGatewayCreatePermission,
      update: aiGatewayUpdatePermission,
      delete: aiGatewayDeletePermission,
      writeSecrets: aiGatewaySecretWritePermission,
      managePlatform: aiGatewayPlatformManagePermission,
    };
    const res = await as(p)
      .post('/api/permission/authorize')
      .send({
        items: Object.entries(asked).map(([id, permission]) => ({
          id,
          permission,
          ...(permission.type === 'resource'
            ? { resourceRef: 'component:default/support-bot' }
            : {}),
        })),
      });
    if (res.status !== 200)
      throw new Error(`authorize: ${res.status} ${res.text}`);
    const items: Array<{ id: string; result: string }> = res.body.items;
    return Object.fromEntries(
      items.map(item => [item.id, item.result === 'ALLOW']),
    );
  };

  beforeAll(async () => {
    kube = await startKubeLocal({ port: 0, seed: writeSeed });
    const dir = mkdtempSync(join(tmpdir(), 'ai-gateway-authz-'));
    const file = join(dir, 'catalog.yaml');
    writeFileSync(
      file,
      writeEntities
        .map(({ relations: _r, ...e }) => stringify(e))
        .concat(
          ['team-support', 'team-other', 'platform-team'].map(g =>
            stringify({
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: g },
              spec: { type: 'team', children: [] },
            }),
          ),
        )
        .join('---\n'),
    );
    app = await startTestBackend({
      features: [
        aiGatewayPlugin,
        // the plugin reads entities through this (mock auth cannot mint the on-behalf-of-user tokens the
        // real catalog client would send); the permission backend applies isEntityOwner in the real catalog
        catalogServiceMock.factory({ entities: writeEntities }),
        catalogPlugin,
        permissionPlugin,
        ownerPolicyModule,
        userInfoFactory,
        httpAuthWithActorFactory,
        permissionsServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              locations: [{ type: 'file', target: file }],
              rules: [{ allow: ['Component', 'Group', 'User', 'Location'] }],
              stitchingStrategy: { mode: 'immediate' },
            },
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'local',
                      url: kube.url,
                      authProvider: 'serviceAccount',
                      serviceAccountToken: kube.adminToken,
                    },
                  ],
                },
              ],
            },
            aiGateway: { cache: { initialBackoffMs: 100, maxBackoffMs: 500 } },
          },
        }),
      ],
    });
    // the catalog ingests the entities and their ownedBy relations
    await eventually(async () => {
      const { create } = await decisions('owner');
      if (create !== true) throw new Error('catalog not ready');
    }, 60_000);
  });

  afterAll(async () => {
    await app?.stop();
    await kube?.close();
  });

  it.each<[Principal, object]>([
    [
      'owner',
      {
        create: true,
        update: true,
        delete: true,
        writeSecrets: true,
        managePlatform: false,
      },
    ],
    [
      'otherTeam',
      {
        create: false,
        update: false,
        delete: false,
        writeSecrets: false,
        managePlatform: false,
      },
    ],
    [
      'platformAdmin',
      {
        create: false,
        update: false,
        delete: false,
        writeSecrets: false,
        managePlatform: true,
      },
    ],
    [
      'guest',
      {
        create: false,
        update: false,
        delete: false,
        writeSecrets: false,
        managePlatform: false,
      },
    ],
  ])(
    'the permission framework answers %s what the UI asks (usePermission)',
    async (p, expected) => {
      expect(await decisions(p)).toEqual(expected);
    },
  );

  // every mutating endpoint: [name, expected status per principal when allowed, the call]
  const ENTITY_WRITERS: Principal[] = ['owner'];
  const PLATFORM_WRITERS: Principal[] = ['platformAdmin'];
  const endpoints: Array<
    [
      string,
      Principal[],
      number,
      (p: Principal, tag: string) => Promise<request.Response>,
    ]
  > = [
    [
      'POST {ref}/resources',
      ENTITY_WRITERS,
      201,
      (p, tag) =>
        as(p)
          .post(`${SUPPORT}/resources`)
          .send({ object: backend(`c-${tag}`) }),
    ],
    [
      'PUT {ref}/resources/{kind}/{name}',
      ENTITY_WRITERS,
      200,
      async (p, tag) => {
        const item = await ownerCreate(`u-${tag}`);
        return as(p)
          .put(`${SUPPORT}/resources/AgentgatewayBackend/u-${tag}`)
          .send({ object: backend(`u-${tag}`, item.resourceVersion) });
      },
    ],
    [
      'DELETE {ref}/resources/{kind}/{name}',
      ENTITY_WRITERS,
      204,
      async (p, tag) => {
        await ownerCreate(`d-${tag}`);
        return as(p).delete(
          `${SUPPORT}/resources/AgentgatewayBackend/d-${tag}`,
        );
      },
    ],
    [
      'PUT {ref}/secrets/{name}',
      ENTITY_WRITERS,
      200,
      (p, tag) =>
        as(p)
          .put(`${SUPPORT}/secrets/s-${tag}`)
          .send({ stringData: { k: 'v' } }),
    ],
    [
      'DELETE {ref}/secrets/{name}',
      ENTITY_WRITERS,
      204,
      async (p, tag) => {
        await as('owner')
          .put(`${SUPPORT}/secrets/sd-${tag}`)
          .send({ stringData: { k: 'v' } });
        return as(p).delete(`${SUPPORT}/secrets/sd-${tag}`);
      },
    ],
    [
      'POST /platform/resources',
      PLATFORM_WRITERS,
      201,
      (p, tag) =>
        as(p)
          .post('/api/ai-gateway/platform/resources')
          .send({ object: gateway(`pc-${tag}`) }),
    ],
    [
      'PUT /platform/resources/{kind}/{ns}/{name}',
      PLATFORM_WRITERS,
      200,
      async (p, tag) => {
        const created = await as('platformAdmin')
          .post('/api/ai-gateway/platform/resources')
          .send({ object: gateway(`pu-${tag}`) });
        return as(p)
          .put(
            `/api/ai-gateway/platform/resources/Gateway/agentgateway-system/pu-${tag}`,
          )
          .send({
            object: gateway(`pu-${tag}`, created.body.item.resourceVersion),
          });
      },
    ],
    [
      'DELETE /platform/resources/{kind}/{ns}/{name}',
      PLATFORM_WRITERS,
      204,
      async (p, tag) => {
        await as('platformAdmin')
          .post('/api/ai-gateway/platform/resources')
          .send({ object: gateway(`pd-${tag}`) });
        return as(p).delete(
          `/api/ai-gateway/platform/resources/Gateway/agentgateway-system/pd-${tag}`,
        );
      },
    ],
  ];

  const principals = Object.keys(PRINCIPALS) as Principal[];
  const expectedStatus = (p: Principal, writers: Principal[], ok: number) => {
    if (p === 'noToken') return 401;
    return writers.includes(p) ? ok : 403;
  };
  const cases = endpoints.flatMap(([name, writers, okStatus, call]) =>
    principals.map(
      p => [name, p, expectedStatus(p, writers, okStatus), call] as const,
    ),
  );

  it.each(cases)('%s as %s → %i', async (_name, p, expected, call) => {
    const res = await call(p, p.toLowerCase());
    expect({ status: res.status, error: res.body?.error?.name }).toEqual({
      status: expected,
      error: (
        { 401: 'AuthenticationError', 403: 'NotAllowedError' } as Record<
          number,
          string
        >
      )[expected],
    });
  });
});
