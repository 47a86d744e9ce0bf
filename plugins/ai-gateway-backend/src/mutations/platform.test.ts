import request from 'supertest';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import { writeEntities, writeSeed } from '../__testUtils__/writeSeed';
import { eventually, startPluginBackend } from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const PLATFORM = '/api/ai-gateway/platform/resources';
const gateway = (name: string, extra: object = {}) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name, namespace: 'agentgateway-system' },
  spec: {
    gatewayClassName: 'agentgateway',
    listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
  },
  ...extra,
});

describe('platform writes and cluster errors', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  let app: Awaited<ReturnType<typeof startPluginBackend>>;
  let readOnly: Awaited<ReturnType<typeof startPluginBackend>>;

  beforeAll(async () => {
    kube = await startKubeLocal({
      port: 0,
      seed: writeSeed,
      users: [
        {
          name: 'viewer',
          token: 'viewer-token',
          rules: [
            {
              verbs: ['get', 'list', 'watch'],
              resources: ['*'],
              namespaces: ['*'],
            },
          ],
        },
      ],
    });
    app = await startPluginBackend({
      clusters: [{ name: 'local', url: kube.url, token: kube.adminToken }],
      entities: writeEntities,
    });
    // the same cluster through a service account that may only read
    readOnly = await startPluginBackend({
      clusters: [{ name: 'local', url: kube.url, token: 'viewer-token' }],
      entities: writeEntities,
    });
    for (const b of [app, readOnly]) {
      await eventually(async () => {
        const res = await request(b.server).get(
          '/api/ai-gateway/platform/overview',
        );
        if (!res.body.clusters?.[0]?.ok)
          throw new Error(`not ready: ${res.text}`);
      }, 60_000);
    }
  });

  afterAll(async () => {
    await app?.stop();
    await readOnly?.stop();
    await kube?.close();
  });

  it('creates, updates (409 with current when stale) and deletes a Gateway', async () => {
    const created = await request(app.server)
      .post(PLATFORM)
      .send({ object: gateway('plat-1') });
    expect(created.status).toBe(201);
    expect(created.body.item).toMatchObject({
      kind: 'Gateway',
      namespace: 'agentgateway-system',
      name: 'plat-1',
    });
    const base = created.body.item.object;
    const url = `${PLATFORM}/Gateway/agentgateway-system/plat-1`;
    const first = await request(app.server)
      .put(url)
      .send({
        object: {
          ...base,
          spec: {
            ...base.spec,
            listeners: [{ name: 'http', protocol: 'HTTP', port: 8080 }],
          },
        },
      });
    expect(first.status).toBe(200);
    const stale = await request(app.server).put(url).send({ object: base });
    expect(stale.status).toBe(409);
    expect(stale.body.current.object.spec.listeners[0].port).toBe(8080);
    expect((await request(app.server).delete(url)).status).toBe(204);
    expect((await request(app.server).delete(url)).status).toBe(404);
  });

  it('refuses GatewayClass (read-only), entity kinds, missing namespaces and invalid Gateways', async () => {
    const gc = await request(app.server)
      .post(PLATFORM)
      .send({
        object: {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'GatewayClass',
          metadata: { name: 'x' },
          spec: { controllerName: 'a/b' },
        },
      });
    expect(gc.status).toBe(400);
    expect(gc.body.error.message).toMatch(/read-only/);
    const route = await request(app.server)
      .post(PLATFORM)
      .send({
        object: {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name: 'r', namespace: 'x' },
          spec: {},
        },
      });
    expect(route.status).toBe(400);
    const noNs = await request(app.server)
      .post(PLATFORM)
      .send({ object: { ...gateway('x'), metadata: { name: 'x' } } });
    expect(noNs.status).toBe(400);
    expect(noNs.body.error.message).toMatch(/^metadata\.namespace/);
    const invalid = await request(app.server)
      .post(PLATFORM)
      .send({
        object: gateway('bad', {
          spec: { gatewayClassName: 'agentgateway', listeners: [] },
        }),
      });
    expect(invalid.status).toBe(422);
    expect(invalid.body.causes[0].field).toMatch(/^spec\.listeners/);
  });

  it('a cluster that forbids the plugin’s service account answers 502 with a clear message, writing nothing', async () => {
    const res = await request(readOnly.server)
      .post('/api/ai-gateway/entity/component/default/support-bot/resources')
      .send({
        object: {
          apiVersion: 'agentgateway.dev/v1alpha1',
          kind: 'AgentgatewayBackend',
          metadata: { name: 'ro' },
          spec: { ai: { provider: { openai: {} } } },
        },
      });
    expect(res.status).toBe(502);
    expect(res.body.error.name).toBe('ClusterAccessError');
    expect(res.body.error.message).toMatch(
      /Cluster local refused the plugin's service account \(403\)/,
    );
  });

  it('an unreachable cluster answers 503', async () => {
    const down = await startKubeLocal({ port: 0, seed: writeSeed });
    const b = await startPluginBackend({
      clusters: [{ name: 'gone', url: down.url, token: down.adminToken }],
      entities: writeEntities,
    });
    try {
      await eventually(async () => {
        const res = await request(b.server).get(
          '/api/ai-gateway/platform/overview',
        );
        if (!res.body.clusters?.[0]?.ok)
          throw new Error(`not ready: ${res.text}`);
      }, 60_000);
      await down.close();
      const res = await request(b.server)
        .post(PLATFORM)
        .send({ object: gateway('x') });
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(
        /Cluster gone could not be reached/,
      );
    } finally {
      await b.stop();
    }
  });
});
