import request from 'supertest';
import net from 'node:net';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import { seed } from '../__testUtils__/seed';
import { startPluginBackend } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

/** A port nothing listens on: bind, read the port, close. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise(r => server.close(r));
  return port;
}

// The restricted identity may not list AgentgatewayPolicies (a required kind: the cluster is Forbidden for that tab)
// nor ListenerSets (an optional kind, as with RBAC written before the plugin read it: absent, the cluster stays ok).
const RESOURCES_EXCEPT_POLICIES = [
  'gatewayclasses',
  'gateways',
  'httproutes',
  'referencegrants',
  'agentgatewaybackends',
  'agentgatewaymodels',
  'agentgatewayparameters',
  'secrets',
];

describe('cluster errors are reported per cluster with distinct reasons', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  let backend: Awaited<ReturnType<typeof startPluginBackend>>;

  beforeAll(async () => {
    kube = await startKubeLocal({
      port: 0,
      seed,
      users: [
        {
          name: 'no-policies',
          token: 'no-policies-token',
          rules: [
            {
              verbs: ['list', 'watch'],
              resources: RESOURCES_EXCEPT_POLICIES,
              namespaces: ['*'],
            },
          ],
        },
      ],
    });
    backend = await startPluginBackend({
      clusters: [
        { name: 'good', url: kube.url, token: kube.adminToken },
        {
          name: 'down',
          url: `http://127.0.0.1:${await closedPort()}`,
          token: 'any-token',
        },
        { name: 'bad-token', url: kube.url, token: 'not-a-valid-token' },
        { name: 'restricted', url: kube.url, token: 'no-policies-token' },
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await kube?.close();
  });

  it('answers 200 with the good cluster’s objects and why each other cluster did not answer', async () => {
    const res = await request(backend.server).get(
      '/api/ai-gateway/entity/component/default/support-bot/tabs/policies',
    );
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(
      res.body.clusters.map((c: any) => [c.name, c]),
    );
    expect(byName.good).toEqual({ name: 'good', ok: true });
    expect(byName.down.ok).toBe(false);
    expect(byName.down.error.reason).toBe('Unreachable');
    expect(byName.down.error.message).toMatch(/ECONNREFUSED/);
    expect(byName['bad-token'].error.reason).toBe('Unauthorized');
    expect(byName.restricted.error).toMatchObject({
      reason: 'Forbidden',
      kind: 'AgentgatewayPolicy',
    });
    expect(byName.restricted.error.message).toMatch(/forbidden/i);
    // the policy comes from the good cluster only
    expect(res.body.items.map((i: any) => `${i.cluster} ${i.name}`)).toEqual([
      'good support-rate-limit',
    ]);
  });

  it('a cluster forbidden only one kind still serves the others', async () => {
    const res = await request(backend.server).get(
      '/api/ai-gateway/entity/component/default/support-bot/tabs/routes',
    );
    const restricted = res.body.clusters.find(
      (c: any) => c.name === 'restricted',
    );
    expect(restricted).toEqual({ name: 'restricted', ok: true });
    expect(res.body.items.map((i: any) => i.cluster).sort()).toEqual([
      'good',
      'restricted',
    ]);
  });

  it('the platform overview reports the same cluster states', async () => {
    const res = await request(backend.server).get(
      '/api/ai-gateway/platform/overview',
    );
    expect(res.status).toBe(200);
    expect(
      res.body.clusters.map((c: any) => [c.name, c.error?.reason ?? 'ok']),
    ).toEqual([
      ['good', 'ok'],
      ['down', 'Unreachable'],
      ['bad-token', 'Unauthorized'],
      ['restricted', 'ok'],
    ]);
    expect(
      res.body.gateways.every((g: any) =>
        ['good', 'restricted'].includes(g.cluster),
      ),
    ).toBe(true);
  });
});
