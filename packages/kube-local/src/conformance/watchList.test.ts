import { TestCluster, startTestCluster } from './__testUtils__/testServer';
import { collect } from './__testUtils__/watchEvents';

/** The watch-list protocol (sendInitialEvents) and ListOptions decoding / validation, as kube-apiserver v1.32. */
describe('watch list and ListOptions', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({ bookmarkIntervalMs: 100 });
    await t.core.createNamespace({ body: { metadata: { name: 'w' } } });
  });
  afterAll(() => t.server.close());

  it('sendInitialEvents=true: the state as ADDED, then the k8s.io/initial-events-end bookmark, then changes', async () => {
    await t.core.createNamespace({ body: { metadata: { name: 'wl' } } });
    for (const name of ['a', 'b'])
      await t.core.createNamespacedConfigMap({
        namespace: 'wl',
        body: { metadata: { name } },
      });
    const done = collect(
      t,
      '/api/v1/namespaces/wl/configmaps?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true',
      12,
      1000,
    );
    await new Promise(r => setTimeout(r, 300));
    await t.core.createNamespacedConfigMap({
      namespace: 'wl',
      body: { metadata: { name: 'c' } },
    });
    // periodic bookmarks (every 100 ms here) carry no annotation
    const events = (await done).filter(
      e => e.type !== 'BOOKMARK' || e.object.metadata.annotations,
    );
    expect(events.map(e => [e.type, e.object.metadata.name])).toEqual([
      ['ADDED', 'a'],
      ['ADDED', 'b'],
      ['BOOKMARK', undefined],
      ['ADDED', 'c'],
    ]);
    expect(events[2].object).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: {
        resourceVersion: expect.any(String),
        annotations: { 'k8s.io/initial-events-end': 'true' },
      },
    });
    expect(Number(events[2].object.metadata.resourceVersion)).toBeLessThan(
      Number(events[3].object.metadata.resourceVersion),
    );
    // sendInitialEvents=false without a resourceVersion: only what happens from now on
    const later = collect(
      t,
      '/api/v1/namespaces/wl/configmaps?watch=true&sendInitialEvents=false&resourceVersionMatch=NotOlderThan',
      1,
    );
    await new Promise(r => setTimeout(r, 300));
    await t.core.deleteNamespacedConfigMap({ namespace: 'wl', name: 'a' });
    expect((await later).map(e => [e.type, e.object.metadata.name])).toEqual([
      ['DELETED', 'a'],
    ]);
  });

  it('validates ListOptions like the real server (422 ListOptions, 400 for numbers that do not parse)', async () => {
    const base = '/api/v1/namespaces/w/configmaps';
    const noMatch = await t.json(`${base}?watch=true&sendInitialEvents=true`);
    expect(noMatch.status).toBe(422);
    expect(noMatch.body).toMatchObject({
      reason: 'Invalid',
      message:
        'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      details: {
        group: 'meta.k8s.io',
        kind: 'ListOptions',
        causes: [
          {
            reason: 'FieldValueForbidden',
            field: 'resourceVersionMatch',
          },
        ],
      },
    });
    const onList = await t.json(`${base}?sendInitialEvents=true`);
    expect(onList.status).toBe(422);
    expect(onList.body.message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list',
    );
    const badMatch = await t.json(
      `${base}?resourceVersion=1&resourceVersionMatch=Newest`,
    );
    expect(badMatch.body.details.causes).toEqual([
      {
        reason: 'FieldValueNotSupported',
        field: 'resourceVersionMatch',
        message:
          'Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""',
      },
    ]);
    const limit = await t.json(`${base}?limit=ten`);
    expect(limit.status).toBe(400);
    expect(limit.body).toMatchObject({
      reason: 'BadRequest',
      message: 'strconv.ParseInt: parsing "ten": invalid syntax',
    });
    // a limit of 0 or below is no limit; any watch value but "0" / "false" watches
    expect((await t.json(`${base}?limit=-1`)).status).toBe(200);
    const yes = await collect(
      t,
      `${base}?watch=yes&allowWatchBookmarks=1&timeoutSeconds=1`,
      1,
      600,
    );
    expect(yes.length).toBeGreaterThan(0);
    expect((await t.json(`${base}?watch=false`)).body.kind).toBe(
      'ConfigMapList',
    );
  });
});
