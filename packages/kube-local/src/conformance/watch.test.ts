import { V1ConfigMap, Watch, makeInformer } from '@kubernetes/client-node';
import { TestCluster, startTestCluster } from './__testUtils__/testServer';
import { collect } from './__testUtils__/watchEvents';

describe('watch', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({ watchHistory: 20, bookmarkIntervalMs: 100 });
    await t.core.createNamespace({ body: { metadata: { name: 'w' } } });
  });
  afterAll(() => t.server.close());

  it('streams ADDED, MODIFIED, DELETED in order through client-node Watch', async () => {
    const seen: Array<[string, string, string]> = [];
    const watch = new Watch(t.kc);
    const req = await watch.watch(
      '/api/v1/namespaces/w/configmaps',
      {},
      (type, obj) =>
        seen.push([type, obj.metadata.name, obj.metadata.resourceVersion]),
      () => {},
    );
    await new Promise(r => setTimeout(r, 50));
    const a = await t.core.createNamespacedConfigMap({
      namespace: 'w',
      body: { metadata: { name: 'a' } },
    });
    await t.core.patchNamespacedConfigMap({
      namespace: 'w',
      name: 'a',
      body: [{ op: 'add', path: '/data', value: { k: 'v' } }],
    });
    await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'elsewhere' } },
    });
    await t.core.deleteNamespacedConfigMap({ namespace: 'w', name: 'a' });
    await new Promise(r => setTimeout(r, 100));
    req.abort();
    expect(seen.map(([type, name]) => [type, name])).toEqual([
      ['ADDED', 'a'],
      ['MODIFIED', 'a'],
      ['DELETED', 'a'],
    ]);
    const rvs = seen.map(s => Number(s[2]));
    expect(rvs[0]).toBe(Number(a.metadata?.resourceVersion));
    expect(rvs[1]).toBeGreaterThan(rvs[0]);
    expect(rvs[2]).toBeGreaterThan(rvs[1]);
  });

  it('sends the current state as ADDED without resourceVersion, and resumes after a resourceVersion', async () => {
    const b = await t.core.createNamespacedConfigMap({
      namespace: 'w',
      body: { metadata: { name: 'b' } },
    });
    await t.core.createNamespacedConfigMap({
      namespace: 'w',
      body: { metadata: { name: 'c' } },
    });
    const initial = await collect(
      t,
      '/api/v1/namespaces/w/configmaps?watch=1',
      2,
    );
    expect(initial.map(e => [e.type, e.object.metadata.name])).toEqual([
      ['ADDED', 'b'],
      ['ADDED', 'c'],
    ]);
    const resumed = await collect(
      t,
      `/api/v1/namespaces/w/configmaps?watch=true&resourceVersion=${b.metadata?.resourceVersion}`,
      1,
    );
    expect(resumed.map(e => [e.type, e.object.metadata.name])).toEqual([
      ['ADDED', 'c'],
    ]);
  });

  it('watches all namespaces and filters by label selector with transitions', async () => {
    const rv = t.server.resourceVersion();
    await t.core.createNamespacedConfigMap({
      namespace: 'w',
      body: { metadata: { name: 'l', labels: { sel: 'yes' } } },
    });
    await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'l2', labels: { sel: 'yes' } } },
    });
    await t.core.patchNamespacedConfigMap({
      namespace: 'w',
      name: 'l',
      body: [{ op: 'replace', path: '/metadata/labels/sel', value: 'no' }],
    });
    const events = await collect(
      t,
      `/api/v1/configmaps?watch=true&resourceVersion=${rv}&labelSelector=sel%3Dyes`,
      3,
    );
    expect(
      events.map(e => [
        e.type,
        `${e.object.metadata.namespace}/${e.object.metadata.name}`,
      ]),
    ).toEqual([
      ['ADDED', 'w/l'],
      ['ADDED', 'default/l2'],
      ['DELETED', 'w/l'],
    ]);
  });

  it('watches through the legacy /watch/ paths; GET of an object ignores watch=true', async () => {
    const rv = t.server.resourceVersion();
    await t.core.createNamespacedConfigMap({
      namespace: 'w',
      body: { metadata: { name: 'single' } },
    });
    await t.core.createNamespacedConfigMap({
      namespace: 'w',
      body: { metadata: { name: 'other' } },
    });
    const got = await t.json(
      '/api/v1/namespaces/w/configmaps/single?watch=true',
    );
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      kind: 'ConfigMap',
      metadata: { name: 'single' },
    });
    await t.core.deleteNamespacedConfigMap({ namespace: 'w', name: 'single' });
    const events = await collect(
      t,
      `/api/v1/watch/namespaces/w/configmaps/single?resourceVersion=${rv}`,
      2,
    );
    expect(events.map(e => [e.type, e.object.metadata.name])).toEqual([
      ['ADDED', 'single'],
      ['DELETED', 'single'],
    ]);
    const all = await collect(
      t,
      `/api/v1/watch/configmaps?resourceVersion=${rv}&labelSelector=nothing-has-it`,
      1,
      300,
    );
    expect(all).toEqual([]);
    const post = await t.json('/api/v1/watch/namespaces/w/configmaps', {
      method: 'POST',
      body: '{}',
    });
    expect(post.status).toBe(405);
  });

  it('sends BOOKMARK events when allowed', async () => {
    const events = await collect(
      t,
      `/api/v1/namespaces/w/configmaps?watch=true&resourceVersion=${t.server.resourceVersion()}&allowWatchBookmarks=true`,
      2,
    );
    expect(events.map(e => e.type)).toEqual(['BOOKMARK', 'BOOKMARK']);
    expect(events[0].object).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { resourceVersion: t.server.resourceVersion() },
    });
  });

  it('ends the stream after timeoutSeconds', async () => {
    const started = Date.now();
    const events = await collect(
      t,
      '/api/v1/namespaces/kube-system/configmaps?watch=true&timeoutSeconds=1',
      1,
      3000,
    );
    expect(events).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('answers a resourceVersion older than the kept history with an ERROR 410 Expired event', async () => {
    for (let i = 0; i < 25; i++)
      await t.core.createNamespacedConfigMap({
        namespace: 'w',
        body: { metadata: { name: `old-${i}` } },
      });
    const events = await collect(
      t,
      '/api/v1/namespaces/w/configmaps?watch=true&resourceVersion=2',
      1,
    );
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe('ERROR');
    expect(events[0].object).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      code: 410,
      reason: 'Expired',
    });
    expect(events[0].object.message).toMatch(
      /^too old resource version: 2 \(\d+\)$/,
    );
  });

  it('keeps a client-node informer in sync', async () => {
    const informer = makeInformer<V1ConfigMap>(
      t.kc,
      '/api/v1/namespaces/w/configmaps',
      () => t.core.listNamespacedConfigMap({ namespace: 'w' }),
    );
    const changes: string[] = [];
    informer.on('add', o => changes.push(`add ${o.metadata?.name}`));
    informer.on('update', o => changes.push(`update ${o.metadata?.name}`));
    informer.on('delete', o => changes.push(`delete ${o.metadata?.name}`));
    await informer.start();
    const before = informer.list().length;
    expect(before).toBeGreaterThan(20);
    changes.length = 0;
    await t.core.createNamespacedConfigMap({
      namespace: 'w',
      body: { metadata: { name: 'inf' } },
    });
    await t.core.replaceNamespacedConfigMap({
      namespace: 'w',
      name: 'inf',
      body: { metadata: { name: 'inf' }, data: { x: '1' } },
    });
    await t.core.deleteNamespacedConfigMap({ namespace: 'w', name: 'inf' });
    for (let i = 0; i < 50 && changes.length < 3; i++)
      await new Promise(r => setTimeout(r, 20));
    await informer.stop();
    expect(changes).toEqual(['add inf', 'update inf', 'delete inf']);
    expect(informer.list()).toHaveLength(before);
  });
});
