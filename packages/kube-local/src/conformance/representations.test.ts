import { parse as parseYaml } from 'yaml';
import { TestCluster, startTestCluster } from './__testUtils__/testServer';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
/** What kubectl get sends. */
const KUBECTL_GET = `${TABLE},application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json`;

const gadgetCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gadgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Gadget', plural: 'gadgets', singular: 'gadget' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        additionalPrinterColumns: [
          { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
          {
            name: 'Ready',
            type: 'string',
            jsonPath: '.spec.conditions[?(@.type=="Ready")].status',
            description: 'Whether it is ready',
          },
          { name: 'Tags', type: 'string', jsonPath: '.spec.tags', priority: 1 },
          { name: 'On', type: 'boolean', jsonPath: '.spec.on' },
          { name: 'Missing', type: 'string', jsonPath: '.spec.nothing' },
          {
            name: 'Age',
            type: 'date',
            jsonPath: '.metadata.creationTimestamp',
          },
        ],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                'x-kubernetes-preserve-unknown-fields': true,
              },
            },
          },
        },
      },
      {
        name: 'v2',
        served: true,
        storage: false,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                'x-kubernetes-preserve-unknown-fields': true,
              },
            },
          },
        },
      },
    ],
  },
};

describe('representations (Accept)', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({ crds: [] });
    await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'cm' }, data: { a: '1', b: '2' } },
    });
    await t.json('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(gadgetCrd),
    });
    const created = await t.json(
      '/apis/example.com/v1/namespaces/default/gadgets',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          apiVersion: 'example.com/v1',
          kind: 'Gadget',
          metadata: { name: 'g' },
          spec: {
            size: 3,
            on: true,
            tags: ['x', 'y'],
            conditions: [
              { type: 'Other', status: 'False' },
              { type: 'Ready', status: 'True' },
            ],
          },
        }),
      },
    );
    if (created.status !== 201) throw new Error(`Gadget: ${created.status}`);
  });
  afterAll(() => t.server.close());

  it('answers a list as a meta.k8s.io/v1 Table with the printer columns of the kind (ConfigMap: Name, Data, Age)', async () => {
    const res = await t.raw('/api/v1/namespaces/default/configmaps', {
      headers: { Accept: KUBECTL_GET },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(TABLE);
    const table = await res.json();
    expect(table).toMatchObject({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: expect.any(String) },
    });
    expect(
      table.columnDefinitions.map((c: any) => [
        c.name,
        c.type,
        c.format,
        c.priority,
      ]),
    ).toEqual([
      ['Name', 'string', 'name', 0],
      ['Data', 'string', '', 0],
      ['Age', 'string', '', 0],
    ]);
    const row = table.rows.find((r: any) => r.cells[0] === 'cm');
    expect(row.cells).toEqual(['cm', 2, expect.stringMatching(/^\d+s$/)]);
    // includeObject defaults to Metadata
    expect(row.object).toMatchObject({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'cm', namespace: 'default' },
    });
    expect(row.object.data).toBeUndefined();
  });

  it("uses a CRD version's additionalPrinterColumns (JSONPath, types, filters) and Age when it declares none", async () => {
    const res = await t.json(
      '/apis/example.com/v1/namespaces/default/gadgets/g',
      {
        headers: { Accept: TABLE },
      },
    );
    expect(res.status).toBe(200);
    expect(
      res.body.columnDefinitions.map((c: any) => [
        c.name,
        c.type,
        c.priority,
        c.description,
      ]),
    ).toEqual([
      ['Name', 'string', 0, expect.stringContaining('Name must be unique')],
      [
        'Size',
        'integer',
        0,
        'Custom resource definition column (in JSONPath format): .spec.size',
      ],
      ['Ready', 'string', 0, 'Whether it is ready'],
      ['Tags', 'string', 1, expect.any(String)],
      ['On', 'boolean', 0, expect.any(String)],
      ['Missing', 'string', 0, expect.any(String)],
      ['Age', 'date', 0, expect.any(String)],
    ]);
    expect(res.body.rows).toHaveLength(1);
    expect(res.body.rows[0].cells).toEqual([
      'g',
      3,
      'True',
      '["x","y"]',
      true,
      null,
      expect.stringMatching(/^\d+s$/),
    ]);
    const v2 = await t.json(
      '/apis/example.com/v2/namespaces/default/gadgets?includeObject=Object',
      {
        headers: { Accept: TABLE },
      },
    );
    expect(v2.body.columnDefinitions.map((c: any) => [c.name, c.type])).toEqual(
      [
        ['Name', 'string'],
        ['Age', 'date'],
      ],
    );
    expect(v2.body.rows[0].object).toMatchObject({
      apiVersion: 'example.com/v2',
      kind: 'Gadget',
      spec: { size: 3 },
    });
    const none = await t.json(
      '/apis/example.com/v1/gadgets?includeObject=None',
      {
        headers: { Accept: TABLE },
      },
    );
    expect(none.body.rows[0].object).toBeUndefined();
  });

  it('serves YAML, PartialObjectMetadata, and 406 for what it cannot produce (protobuf only)', async () => {
    const y = await t.raw('/api/v1/namespaces/default/configmaps/cm', {
      headers: { Accept: 'application/yaml' },
    });
    expect(y.headers.get('content-type')).toBe('application/yaml');
    expect(parseYaml(await y.text())).toMatchObject({
      kind: 'ConfigMap',
      data: { a: '1', b: '2' },
    });
    const partial = await t.json('/api/v1/namespaces/default/configmaps', {
      headers: {
        Accept:
          'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io',
      },
    });
    expect(partial.body).toMatchObject({
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      items: [{ kind: 'PartialObjectMetadata', metadata: { name: 'cm' } }],
    });
    const proto = await t.json('/apis/example.com/v1/gadgets', {
      headers: { Accept: 'application/vnd.kubernetes.protobuf' },
    });
    expect(proto).toMatchObject({
      status: 406,
      body: {
        reason: 'NotAcceptable',
        message:
          'only the following media types are accepted: application/json, application/yaml',
      },
    });
    // a Table of an unknown version of meta.k8s.io is not acceptable either
    expect(
      (
        await t.json('/api/v1/configmaps', {
          headers: { Accept: 'application/json;as=Table;v=v2;g=meta.k8s.io' },
        })
      ).status,
    ).toBe(406);
    // the protobuf kubectl prefers for built-in kinds falls back to JSON
    const fallback = await t.json('/api/v1/namespaces/default/configmaps/cm', {
      headers: { Accept: 'application/vnd.kubernetes.protobuf, */*' },
    });
    expect(fallback.body.kind).toBe('ConfigMap');
  });

  it('renders Namespaces and Secrets with their columns', async () => {
    await t.core.createNamespacedSecret({
      namespace: 'default',
      body: { metadata: { name: 's' }, type: 'Opaque', stringData: { k: 'v' } },
    });
    const ns = await t.json('/api/v1/namespaces/default', {
      headers: { Accept: TABLE },
    });
    expect(ns.body.columnDefinitions.map((c: any) => c.name)).toEqual([
      'Name',
      'Status',
      'Age',
    ]);
    expect(ns.body.rows[0].cells.slice(0, 2)).toEqual(['default', 'Active']);
    const s = await t.json('/api/v1/namespaces/default/secrets/s', {
      headers: { Accept: TABLE },
    });
    expect(s.body.columnDefinitions.map((c: any) => c.name)).toEqual([
      'Name',
      'Type',
      'Data',
      'Age',
    ]);
    expect(s.body.rows[0].cells.slice(0, 3)).toEqual(['s', 'Opaque', 1]);
    expect(JSON.stringify(s.body)).not.toContain('"v"');
  });
});
