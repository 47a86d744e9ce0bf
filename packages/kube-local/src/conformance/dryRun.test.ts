import {
  AGW_GROUP,
  TestCluster,
  backend,
  jsonHeaders,
  startTestCluster,
} from './__testUtils__/testServer';

describe('dryRun=All', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(() => t.server.close());

  it('validates and returns the result of every write but stores nothing and emits no event', async () => {
    await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'kept' }, data: { a: '1' } },
    });
    const rvBefore = t.server.resourceVersion();
    const events: string[] = [];
    const watch = await t.raw(
      `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rvBefore}`,
    );
    const reader = watch.body!.getReader();
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        events.push(Buffer.from(value).toString());
      }
    })().catch(() => {});

    const created = await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'dry' } },
      dryRun: 'All',
    });
    expect(created.metadata?.uid).toBeDefined();
    expect(created.metadata?.name).toBe('dry');
    const cur = await t.core.readNamespacedConfigMap({
      namespace: 'default',
      name: 'kept',
    });
    const replaced = await t.core.replaceNamespacedConfigMap({
      namespace: 'default',
      name: 'kept',
      body: { ...cur, data: { a: '2' } },
      dryRun: 'All',
    });
    expect(replaced.data).toEqual({ a: '2' });
    const patched = await t.json(
      '/api/v1/namespaces/default/configmaps/kept?dryRun=All',
      {
        method: 'PATCH',
        headers: jsonHeaders('application/merge-patch+json'),
        body: '{"data":{"a":"3"}}',
      },
    );
    expect(patched.body.data).toEqual({ a: '3' });
    const applied = await t.json(
      `/apis/${AGW_GROUP}/v1alpha1/namespaces/default/agentgatewaybackends/d?dryRun=All&fieldManager=me`,
      {
        method: 'PATCH',
        headers: jsonHeaders('application/apply-patch+yaml'),
        body: JSON.stringify(backend('d')),
      },
    );
    expect(applied.status).toBe(201);
    const deleted = await t.json(
      '/api/v1/namespaces/default/configmaps/kept?dryRun=All',
      { method: 'DELETE' },
    );
    expect(deleted.status).toBe(200);

    expect(t.server.resourceVersion()).toBe(rvBefore);
    expect(
      (await t.json('/api/v1/namespaces/default/configmaps/dry')).status,
    ).toBe(404);
    expect(
      (
        await t.core.readNamespacedConfigMap({
          namespace: 'default',
          name: 'kept',
        })
      ).data,
    ).toEqual({ a: '1' });
    expect(
      (
        await t.json(
          `/apis/${AGW_GROUP}/v1alpha1/namespaces/default/agentgatewaybackends/d`,
        )
      ).status,
    ).toBe(404);
    await new Promise(r => setTimeout(r, 100));
    expect(events.join('')).toBe('');
    await reader.cancel();
  });

  it('still reports errors on a dry run', async () => {
    const res = await t.json(
      '/api/v1/namespaces/default/configmaps?dryRun=All',
      {
        method: 'POST',
        headers: jsonHeaders(),
        body: JSON.stringify({ metadata: { name: 'Bad_Name' } }),
      },
    );
    expect(res.status).toBe(422);
    expect(
      (
        await t.json('/api/v1/namespaces/default/configmaps?dryRun=Some', {
          method: 'POST',
          headers: jsonHeaders(),
          body: '{}',
        })
      ).status,
    ).toBe(400);
  });
});
