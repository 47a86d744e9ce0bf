import {
  TestCluster,
  startTestCluster,
  statusOf,
} from './__testUtils__/testServer';

describe('list: selectors and pagination', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({
      seed: [
        ...['a', 'b', 'c', 'd', 'e'].map((name, i) => ({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name,
            namespace: 'ns1',
            labels: {
              app: i % 2 ? 'web' : 'db',
              ...(i === 4 ? { canary: 'true' } : {}),
            },
          },
        })),
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'a', namespace: 'ns2', labels: { app: 'web' } },
        },
      ],
    });
  });
  afterAll(() => t.server.close());

  const names = (items: any[]) =>
    items.map(o => `${o.metadata.namespace}/${o.metadata.name}`);

  it('filters by equality and set-based label selectors', async () => {
    const web = await t.core.listNamespacedConfigMap({
      namespace: 'ns1',
      labelSelector: 'app=web',
    });
    expect(names(web.items)).toEqual(['ns1/b', 'ns1/d']);
    const notWeb = await t.core.listNamespacedConfigMap({
      namespace: 'ns1',
      labelSelector: 'app!=web',
    });
    expect(names(notWeb.items)).toEqual(['ns1/a', 'ns1/c', 'ns1/e']);
    const inSet = await t.core.listConfigMapForAllNamespaces({
      labelSelector: 'app in (web),canary notin (true)',
    });
    expect(names(inSet.items)).toEqual(['ns1/b', 'ns1/d', 'ns2/a']);
    const exists = await t.core.listConfigMapForAllNamespaces({
      labelSelector: 'canary',
    });
    expect(names(exists.items)).toEqual(['ns1/e']);
    const notExists = await t.core.listNamespacedConfigMap({
      namespace: 'ns1',
      labelSelector: '!canary,app=db',
    });
    expect(names(notExists.items)).toEqual(['ns1/a', 'ns1/c']);
  });

  it('filters by metadata.name / metadata.namespace field selectors', async () => {
    const byName = await t.core.listConfigMapForAllNamespaces({
      fieldSelector: 'metadata.name=a',
    });
    expect(names(byName.items)).toEqual(['ns1/a', 'ns2/a']);
    const byNs = await t.core.listConfigMapForAllNamespaces({
      fieldSelector: 'metadata.namespace=ns2',
    });
    expect(names(byNs.items)).toEqual(['ns2/a']);
    expect(
      await statusOf(
        t.core.listConfigMapForAllNamespaces({ fieldSelector: 'data.x=1' }),
      ),
    ).toMatchObject({ code: 400, reason: 'BadRequest' });
    expect(
      await statusOf(
        t.core.listConfigMapForAllNamespaces({ labelSelector: 'app in (' }),
      ),
    ).toMatchObject({ code: 400, reason: 'BadRequest' });
  });

  it('pages with limit and continue', async () => {
    const seen: string[] = [];
    let cont: string | undefined;
    let pages = 0;
    do {
      const page = await t.core.listConfigMapForAllNamespaces({
        limit: 2,
        _continue: cont,
      });
      seen.push(...names(page.items));
      cont = page.metadata?._continue;
      expect(!cont || (page.metadata?.remainingItemCount ?? 0) > 0).toBe(true);
      pages++;
    } while (cont);
    expect(pages).toBe(3);
    expect(seen).toEqual([
      'ns1/a',
      'ns1/b',
      'ns1/c',
      'ns1/d',
      'ns1/e',
      'ns2/a',
    ]);
  });

  it('keeps the first page resourceVersion across continue pages and rejects broken tokens', async () => {
    const first = await t.json('/api/v1/configmaps?limit=1');
    const rv = first.body.metadata.resourceVersion;
    await t.core.createNamespacedConfigMap({
      namespace: 'ns2',
      body: { metadata: { name: 'z' } },
    });
    const second = await t.json(
      `/api/v1/configmaps?limit=1&continue=${encodeURIComponent(
        first.body.metadata.continue,
      )}`,
    );
    expect(second.body.metadata.resourceVersion).toBe(rv);
    expect(
      (await t.json('/api/v1/configmaps?limit=1&continue=garbage')).status,
    ).toBe(400);
  });
});
