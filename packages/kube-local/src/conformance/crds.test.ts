import {
  TestCluster,
  jsonHeaders,
  startTestCluster,
} from './__testUtils__/testServer';

const widgetCrd = (scope: 'Namespaced' | 'Cluster' = 'Namespaced') => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: {
      kind: 'Widget',
      plural: 'widgets',
      singular: 'widget',
      shortNames: ['wd'],
      listKind: 'WidgetList',
    },
    scope,
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['size'],
                properties: {
                  size: { type: 'integer', minimum: 1, default: 1 },
                  color: { type: 'string', enum: ['red', 'blue'] },
                },
              },
              status: {
                type: 'object',
                properties: { ready: { type: 'boolean' } },
              },
            },
          },
        },
      },
    ],
  },
});

describe('CustomResourceDefinitions at runtime', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({ crds: [] });
  });
  afterAll(() => t.server.close());

  it('serves a kind once its CRD is created through the API, validates it, and removes it with the CRD', async () => {
    expect(
      (await t.json('/apis/example.com/v1/namespaces/default/widgets')).status,
    ).toBe(404);
    const crd = await t.json(
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      {
        method: 'POST',
        headers: jsonHeaders(),
        body: JSON.stringify(widgetCrd()),
      },
    );
    expect(crd.status).toBe(201);
    expect(
      crd.body.status.conditions.map((c: any) => [
        c.type,
        c.status,
        c.reason,
        c.message,
      ]),
    ).toEqual([
      ['NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'],
      [
        'Established',
        'True',
        'InitialNamesAccepted',
        'the initial names have been accepted',
      ],
    ]);
    expect(crd.body.status.acceptedNames).toEqual({
      plural: 'widgets',
      singular: 'widget',
      shortNames: ['wd'],
      kind: 'Widget',
      listKind: 'WidgetList',
    });
    expect(crd.body.status.storedVersions).toEqual(['v1']);
    expect(crd.body.spec.conversion).toEqual({ strategy: 'None' });

    const groups = (await t.json('/apis')).body.groups.map((g: any) => g.name);
    expect(groups).toContain('example.com');
    const disc = (await t.json('/apis/example.com/v1')).body;
    expect(disc.resources).toEqual([
      expect.objectContaining({
        name: 'widgets',
        namespaced: true,
        kind: 'Widget',
        shortNames: ['wd'],
        verbs: expect.arrayContaining([
          'get',
          'list',
          'watch',
          'create',
          'patch',
        ]),
      }),
      expect.objectContaining({
        name: 'widgets/status',
        verbs: ['get', 'patch', 'update'],
      }),
    ]);

    const url = '/apis/example.com/v1/namespaces/default/widgets';
    const w = await t.json(url, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w' },
        spec: { color: 'red', extra: 1 },
      }),
    });
    expect(w.status).toBe(201);
    expect(w.body.spec).toEqual({ color: 'red', size: 1 });
    const bad = await t.json(url, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'x' },
        spec: { size: 0, color: 'green' },
      }),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details.causes.map((c: any) => c.field)).toEqual(
      expect.arrayContaining(['spec.color', 'spec.size']),
    );
    expect((await t.json(`${url}`)).body.kind).toBe('WidgetList');

    const del = await t.json(
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com',
      { method: 'DELETE' },
    );
    expect(del.status).toBe(200);
    expect((await t.json(url)).status).toBe(404);
    expect(
      (await t.json('/apis')).body.groups.map((g: any) => g.name),
    ).not.toContain('example.com');
  });

  it('defaults singular and listKind, and asks protected groups for the API approval annotation', async () => {
    const post = (body: object) =>
      t.json('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
        method: 'POST',
        headers: jsonHeaders(),
        body: JSON.stringify(body),
      });
    const base = widgetCrd();
    const bare = await post({
      ...base,
      metadata: { name: 'gizmos.example.com' },
      spec: {
        ...base.spec,
        names: { kind: 'Gizmo', plural: 'gizmos' },
      },
    });
    expect(bare.status).toBe(201);
    expect(bare.body.spec.names).toEqual({
      kind: 'Gizmo',
      plural: 'gizmos',
      singular: 'gizmo',
      listKind: 'GizmoList',
    });
    const protectedCrd = (annotations?: Record<string, string>) => ({
      ...base,
      metadata: { name: 'widgets.x.k8s.io', annotations },
      spec: { ...base.spec, group: 'x.k8s.io' },
    });
    const missing = await post(protectedCrd());
    expect(missing.status).toBe(422);
    expect(missing.body.details.causes).toEqual([
      {
        field: 'metadata.annotations[api-approved.kubernetes.io]',
        reason: 'FieldValueRequired',
        message:
          'Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
      },
    ]);
    const approved = await post(
      protectedCrd({
        'api-approved.kubernetes.io':
          'https://github.com/kubernetes/kubernetes/pull/1',
      }),
    );
    expect(approved.status).toBe(201);
    expect(
      approved.body.status.conditions.map((c: any) => [
        c.type,
        c.status,
        c.reason,
        c.message,
      ])[0],
    ).toEqual([
      'KubernetesAPIApprovalPolicyConformant',
      'True',
      'ApprovedAnnotation',
      'approved in https://github.com/kubernetes/kubernetes/pull/1',
    ]);
    const unapproved = await post({
      ...protectedCrd({ 'api-approved.kubernetes.io': 'unapproved, testing' }),
      metadata: {
        name: 'gadgets.y.k8s.io',
        annotations: { 'api-approved.kubernetes.io': 'unapproved, testing' },
      },
      spec: {
        ...base.spec,
        group: 'y.k8s.io',
        names: { kind: 'Gadget', plural: 'gadgets' },
      },
    });
    expect(unapproved.body.status.conditions[0]).toMatchObject({
      status: 'False',
      reason: 'UnapprovedAnnotation',
      message: 'not approved: "unapproved, testing"',
    });
  });

  it('rejects a CRD whose name does not match its names', async () => {
    const crd = { ...widgetCrd(), metadata: { name: 'wrong.example.com' } };
    const res = await t.json(
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      { method: 'POST', headers: jsonHeaders(), body: JSON.stringify(crd) },
    );
    expect(res.status).toBe(422);
    expect(res.body.details.causes[0].field).toBe('metadata.name');
  });

  it('serves cluster-scoped custom kinds without namespaces', async () => {
    const crd = await t.json(
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      {
        method: 'POST',
        headers: jsonHeaders(),
        body: JSON.stringify(widgetCrd('Cluster')),
      },
    );
    expect(crd.status).toBe(201);
    const res = await t.json('/apis/example.com/v1/widgets', {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'c' },
        spec: { size: 2 },
      }),
    });
    expect(res.status).toBe(201);
    expect(res.body.metadata.namespace).toBeUndefined();
    expect(
      (await t.json('/apis/example.com/v1/namespaces/default/widgets')).status,
    ).toBe(404);
  });
});
