import { TestCluster, startTestCluster } from './__testUtils__/testServer';
import { collect } from './__testUtils__/watchEvents';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/**
 * A watch with a Table (or PartialObjectMetadata) Accept, as kube-apiserver v1.32's watch encoder sends it: each
 * event's object is converted — a Table with one row, the column definitions in the first event only.
 */
describe('watch with a Table Accept', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({ crds: [] });
    for (const name of ['a', 'b'])
      await t.core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name }, data: { k: 'v' } },
      });
  });
  afterAll(() => t.server.close());

  it('sends one-row Tables, column definitions only in the first event, metadata as PartialObjectMetadata', async () => {
    const watching = collect(
      t,
      '/api/v1/namespaces/default/configmaps?watch=true',
      3,
      5000,
      { headers: { Accept: `${TABLE},application/json` } },
    );
    await new Promise(r => setTimeout(r, 300));
    await t.core.patchNamespacedConfigMap({
      namespace: 'default',
      name: 'a',
      body: [{ op: 'add', path: '/data/k2', value: 'w' }],
    });
    const events = await watching;
    expect(events.map(e => e.type)).toEqual(['ADDED', 'ADDED', 'MODIFIED']);
    const [first, second, third] = events.map(e => e.object);
    expect(first).toMatchObject({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: expect.any(String) },
    });
    expect(first.columnDefinitions.map((c: any) => c.name)).toEqual([
      'Name',
      'Data',
      'Age',
    ]);
    expect(second.columnDefinitions).toBeNull();
    expect(third.columnDefinitions).toBeNull();
    expect(first.rows).toHaveLength(1);
    expect(first.rows[0].cells.slice(0, 2)).toEqual(['a', 1]);
    expect(first.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'a', namespace: 'default' },
    });
    expect(third.rows[0].cells.slice(0, 2)).toEqual(['a', 2]);
    expect(third.metadata.resourceVersion).toBe(
      third.rows[0].object.metadata.resourceVersion,
    );
  });

  it('honours includeObject and the Content-Type of the negotiated Table', async () => {
    const res = await t.raw(
      '/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1&includeObject=Object',
      { headers: { Accept: TABLE } },
    );
    expect(res.headers.get('content-type')).toBe(TABLE);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map(l => JSON.parse(l));
    expect(lines.map(l => l.type)).toEqual(['ADDED', 'ADDED']);
    expect(lines.map(l => l.object.rows[0].object)).toEqual([
      expect.objectContaining({ kind: 'ConfigMap', data: { k: 'v', k2: 'w' } }),
      expect.objectContaining({ kind: 'ConfigMap', data: { k: 'v' } }),
    ]);
  });

  it('sends PartialObjectMetadata objects for as=PartialObjectMetadata', async () => {
    const events = await collect(
      t,
      '/api/v1/namespaces/default/configmaps?watch=true',
      2,
      3000,
      {
        headers: {
          Accept:
            'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1',
        },
      },
    );
    expect(events[0].object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: expect.objectContaining({ name: 'a' }),
    });
    expect(events[0].object.data).toBeUndefined();
  });
});
