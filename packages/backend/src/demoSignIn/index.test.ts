import type { JsonObject } from '@backstage/config';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import authPlugin from '@backstage/plugin-auth-backend';
import request from 'supertest';
import { DEMO_USER_HEADER, authModuleDemoProvider } from '.';

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'sam.support', namespace: 'default' },
    spec: {
      profile: { displayName: 'Sam Support', email: 'sam@example.com' },
      memberOf: ['team-support'],
    },
    relations: [{ type: 'memberOf', targetRef: 'group:default/team-support' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'mallory', namespace: 'default' },
    spec: { memberOf: [] },
  },
];

function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(
    Buffer.from(token.split('.')[1], 'base64url').toString('utf8'),
  );
}

async function start(demo: JsonObject | undefined) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      authModuleDemoProvider,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers: demo ? { demo } : {} },
        },
      }),
    ],
  });
  return server;
}

const users = [
  { userEntityRef: 'user:default/sam.support', description: 'requester' },
];

describe('demo sign-in provider', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('issues a token for a listed catalog user, with its groups as ownership', async () => {
    const server = await start({
      users,
      dangerouslyAllowOutsideDevelopment: true,
    });
    const res = await request(server)
      .get('/api/auth/demo/refresh')
      .set('x-requested-with', 'XMLHttpRequest')
      .set(DEMO_USER_HEADER, 'user:default/sam.support');
    expect(res.status).toBe(200);
    expect(res.body.profile).toEqual({
      displayName: 'Sam Support',
      email: 'sam@example.com',
    });
    expect(res.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/sam.support',
      ownershipEntityRefs: [
        'user:default/sam.support',
        'group:default/team-support',
      ],
    });
    const claims = decodeClaims(res.body.backstageIdentity.token);
    expect(claims.sub).toBe('user:default/sam.support');
  });

  it('accepts a short ref (sam.support) for the same user', async () => {
    const server = await start({
      users,
      dangerouslyAllowOutsideDevelopment: true,
    });
    const res = await request(server)
      .get('/api/auth/demo/refresh')
      .set(DEMO_USER_HEADER, 'sam.support');
    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/sam.support',
    );
  });

  it('refuses a catalog user that is not in the list (403) and a missing header (400)', async () => {
    const server = await start({
      users,
      dangerouslyAllowOutsideDevelopment: true,
    });
    const other = await request(server)
      .get('/api/auth/demo/refresh')
      .set(DEMO_USER_HEADER, 'user:default/mallory');
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain('user:default/mallory');
    expect(other.body.backstageIdentity).toBeUndefined();

    const group = await request(server)
      .get('/api/auth/demo/refresh')
      .set(DEMO_USER_HEADER, 'group:default/team-support');
    expect(group.status).toBe(403);

    const missing = await request(server).get('/api/auth/demo/refresh');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain(DEMO_USER_HEADER);
  });

  it('refuses to sign anyone in outside development without the explicit opt-in', async () => {
    process.env.NODE_ENV = 'production';
    const server = await start({ users });
    const res = await request(server)
      .get('/api/auth/demo/refresh')
      .set(DEMO_USER_HEADER, 'user:default/sam.support');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('only works in development');
    expect(res.body.backstageIdentity).toBeUndefined();
  });

  it('is not there at all when auth.providers.demo is not configured (production config)', async () => {
    process.env.NODE_ENV = 'development';
    const server = await start(undefined);
    const res = await request(server)
      .get('/api/auth/demo/refresh')
      .set(DEMO_USER_HEADER, 'user:default/sam.support');
    expect(res.status).toBe(404);
  });
});
