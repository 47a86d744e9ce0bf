import {
  TestCluster,
  backend,
  jsonHeaders,
  startTestCluster,
  statusOf,
  AGW_GROUP,
} from './__testUtils__/testServer';

describe('resourceVersion, conflicts and concurrency', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(() => t.server.close());

  it('uses one monotonic resourceVersion across kinds', async () => {
    const a = await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'rv-a' } },
    });
    const b = await t.core.createNamespacedSecret({
      namespace: 'default',
      body: { metadata: { name: 'rv-b' } },
    });
    const c = await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'rv-c' } },
    });
    const rvs = [a, b, c].map(o => Number(o.metadata?.resourceVersion));
    expect(rvs[1]).toBe(rvs[0] + 1);
    expect(rvs[2]).toBe(rvs[1] + 1);
  });

  it('rejects a PUT with a stale resourceVersion with 409 Conflict', async () => {
    const cm = await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'stale' } },
    });
    await t.core.replaceNamespacedConfigMap({
      namespace: 'default',
      name: 'stale',
      body: { ...cm, data: { a: '1' } },
    });
    expect(
      await statusOf(
        t.core.replaceNamespacedConfigMap({
          namespace: 'default',
          name: 'stale',
          body: { ...cm, data: { a: '2' } },
        }),
      ),
    ).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on configmaps "stale": the object has been modified; please apply your changes to the latest version and try again',
      details: { name: 'stale', kind: 'configmaps' },
    });
  });

  it('requires a resourceVersion on custom resource updates', async () => {
    await t.custom.createNamespacedCustomObject({
      group: AGW_GROUP,
      version: 'v1alpha1',
      namespace: 'default',
      plural: 'agentgatewaybackends',
      body: backend('norv'),
    });
    const res = await t.json(
      `/apis/${AGW_GROUP}/v1alpha1/namespaces/default/agentgatewaybackends/norv`,
      {
        method: 'PUT',
        headers: jsonHeaders(),
        body: JSON.stringify(backend('norv')),
      },
    );
    expect(res.status).toBe(422);
    expect(res.body.details.causes[0].field).toBe('metadata.resourceVersion');
  });

  it('lets exactly one of many concurrent updates from the same resourceVersion win', async () => {
    const cm = await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'race' } },
    });
    const attempts = Array.from({ length: 10 }, (_, i) =>
      t.raw('/api/v1/namespaces/default/configmaps/race', {
        method: 'PUT',
        headers: jsonHeaders(),
        body: JSON.stringify({ ...cm, data: { winner: String(i) } }),
      }),
    );
    const codes = (await Promise.all(attempts)).map(r => r.status);
    expect(codes.filter(c => c === 200)).toHaveLength(1);
    expect(codes.filter(c => c === 409)).toHaveLength(9);
    const final = await t.core.readNamespacedConfigMap({
      namespace: 'default',
      name: 'race',
    });
    expect(Number(final.metadata?.resourceVersion)).toBeGreaterThan(
      Number(cm.metadata?.resourceVersion),
    );
  });

  it('lets exactly one of concurrent creates of the same name win', async () => {
    const attempts = Array.from({ length: 5 }, () =>
      t.raw('/api/v1/namespaces/default/configmaps', {
        method: 'POST',
        headers: jsonHeaders(),
        body: JSON.stringify({ metadata: { name: 'once' } }),
      }),
    );
    const codes = (await Promise.all(attempts)).map(r => r.status).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409]);
  });

  it('does not bump the resourceVersion for a no-op update', async () => {
    const cm = await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'noop' }, data: { a: '1' } },
    });
    const again = await t.core.replaceNamespacedConfigMap({
      namespace: 'default',
      name: 'noop',
      body: cm,
    });
    expect(again.metadata?.resourceVersion).toBe(cm.metadata?.resourceVersion);
  });
});
