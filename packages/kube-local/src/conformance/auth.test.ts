import { CoreV1Api } from '@kubernetes/client-node';
import {
  TestCluster,
  kubeConfigFor,
  startTestCluster,
  statusOf,
} from './__testUtils__/testServer';

describe('authentication and authorization', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({
      adminToken: 'admin-token',
      users: [
        {
          name: 'reader',
          token: 'reader-token',
          rules: [
            {
              verbs: ['get', 'list', 'watch'],
              resources: [
                'configmaps',
                'agentgateway.dev/agentgatewaybackends',
              ],
              namespaces: ['team-a'],
            },
          ],
        },
        {
          name: 'ops',
          token: 'ops-token',
          rules: [{ verbs: ['*'], resources: ['*'], namespaces: ['*'] }],
        },
      ],
      seed: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'cm', namespace: 'team-a' },
        },
      ],
    });
  });
  afterAll(() => t.server.close());

  it('answers 401 Unauthorized with an unknown token', async () => {
    expect(await t.json('/api/v1/namespaces', { token: 'nope' })).toMatchObject(
      {
        status: 401,
        body: { kind: 'Status', reason: 'Unauthorized', code: 401 },
      },
    );
    expect(
      await t.json('/api/v1/namespaces', { token: 'wrong' }),
    ).toMatchObject({ status: 401 });
    const client = kubeConfigFor(t.server.url, 'wrong').makeApiClient(
      CoreV1Api,
    );
    expect((await statusOf(client.listNamespace())).code).toBe(401);
  });

  it('serves health without a token', async () => {
    expect((await t.raw('/healthz', { token: null })).status).toBe(200);
    expect((await t.raw('/readyz', { token: null })).status).toBe(200);
  });

  it('allows what the rules allow', async () => {
    const reader = kubeConfigFor(t.server.url, 'reader-token').makeApiClient(
      CoreV1Api,
    );
    expect(
      (
        await reader.readNamespacedConfigMap({
          namespace: 'team-a',
          name: 'cm',
        })
      ).metadata?.name,
    ).toBe('cm');
    expect(
      (await reader.listNamespacedConfigMap({ namespace: 'team-a' })).items,
    ).toHaveLength(1);
    expect(
      (
        await t.json(
          '/apis/agentgateway.dev/v1alpha1/namespaces/team-a/agentgatewaybackends',
          { token: 'reader-token' },
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await t.json('/api/v1/namespaces/team-a/secrets', {
          token: 'ops-token',
        })
      ).status,
    ).toBe(200);
  });

  it('answers 403 Forbidden worded like RBAC for everything else', async () => {
    const reader = kubeConfigFor(t.server.url, 'reader-token').makeApiClient(
      CoreV1Api,
    );
    expect(
      await statusOf(
        reader.readNamespacedSecret({ namespace: 'team-a', name: 'x' }),
      ),
    ).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message:
        'secrets "x" is forbidden: User "reader" cannot get resource "secrets" in API group "" in the namespace "team-a"',
      details: { name: 'x', kind: 'secrets' },
    });
    expect(
      (await statusOf(reader.listConfigMapForAllNamespaces())).message,
    ).toBe(
      'configmaps is forbidden: User "reader" cannot list resource "configmaps" in API group "" at the cluster scope',
    );
    expect(
      (
        await statusOf(
          reader.createNamespacedConfigMap({
            namespace: 'team-a',
            body: { metadata: { name: 'n' } },
          }),
        )
      ).code,
    ).toBe(403);
    expect(
      (
        await statusOf(
          reader.readNamespacedConfigMap({ namespace: 'team-b', name: 'cm' }),
        )
      ).code,
    ).toBe(403);
    const gw = await t.json(
      '/apis/gateway.networking.k8s.io/v1/namespaces/team-a/gateways',
      { token: 'reader-token' },
    );
    expect(gw.body.message).toBe(
      'gateways.gateway.networking.k8s.io is forbidden: User "reader" cannot list resource "gateways" in API group "gateway.networking.k8s.io" in the namespace "team-a"',
    );
  });

  it('records who did what', () => {
    const mine = t.server.requests.filter(
      r => r.user === 'reader' && r.verb === 'get',
    );
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0]).toMatchObject({
      method: 'GET',
      resource: 'configmaps',
      namespace: 'team-a',
    });
  });
});
