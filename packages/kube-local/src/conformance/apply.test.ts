import {
  TestCluster,
  jsonHeaders,
  startTestCluster,
} from './__testUtils__/testServer';

/** A CRD with a list-map (keys `name`), a set and scalars, to see server-side apply merge and share ownership. */
const boxCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'boxes.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Box', plural: 'boxes', singular: 'box' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  size: { type: 'integer' },
                  ports: {
                    type: 'array',
                    'x-kubernetes-list-type': 'map',
                    'x-kubernetes-list-map-keys': ['name'],
                    items: {
                      type: 'object',
                      required: ['name'],
                      properties: {
                        name: { type: 'string' },
                        port: { type: 'integer' },
                      },
                    },
                  },
                  tags: {
                    type: 'array',
                    'x-kubernetes-list-type': 'set',
                    items: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    ],
  },
};

const BOXES = '/apis/example.com/v1/namespaces/default/boxes';

describe('server-side apply with list-map keys and shared ownership', () => {
  let t: TestCluster;
  const apply = (manager: string, spec: object, force = false) =>
    t.json(`${BOXES}/b?fieldManager=${manager}${force ? '&force=true' : ''}`, {
      method: 'PATCH',
      headers: jsonHeaders('application/apply-patch+yaml'),
      body: JSON.stringify({
        apiVersion: 'example.com/v1',
        kind: 'Box',
        metadata: { name: 'b' },
        spec,
      }),
    });
  const owners = (obj: any) =>
    Object.fromEntries(
      obj.metadata.managedFields.map((m: any) => [m.manager, m.fieldsV1]),
    );
  beforeAll(async () => {
    t = await startTestCluster({ crds: [] });
    const crd = await t.json(
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      { method: 'POST', headers: jsonHeaders(), body: JSON.stringify(boxCrd) },
    );
    if (crd.status !== 201) throw new Error(`CRD: ${crd.status}`);
  });
  afterAll(() => t.server.close());

  it('merges list-map items by key and sets by value, owned per item in fieldsV1 (k: / v:)', async () => {
    expect(
      (await apply('a', { ports: [{ name: 'http', port: 80 }], tags: ['x'] }))
        .status,
    ).toBe(201);
    const b = await apply('b', {
      ports: [{ name: 'grpc', port: 9000 }],
      tags: ['y'],
    });
    expect(b.status).toBe(200);
    expect(b.body.spec).toEqual({
      ports: [
        { name: 'http', port: 80 },
        { name: 'grpc', port: 9000 },
      ],
      tags: ['x', 'y'],
    });
    expect(owners(b.body).b).toEqual({
      'f:spec': {
        'f:ports': {
          'k:{"name":"grpc"}': { '.': {}, 'f:name': {}, 'f:port': {} },
        },
        'f:tags': { 'v:"y"': {} },
      },
    });
  });

  it('shares ownership of equal values, and reports a changed one as a 409 naming the item', async () => {
    const shared = await apply('b', {
      ports: [
        { name: 'http', port: 80 },
        { name: 'grpc', port: 9000 },
      ],
      tags: ['y'],
    });
    expect(shared.status).toBe(200);
    expect(Object.keys(owners(shared.body).a['f:spec']['f:ports'])).toEqual([
      'k:{"name":"http"}',
    ]);
    expect(
      Object.keys(owners(shared.body).b['f:spec']['f:ports']).sort(),
    ).toEqual(['k:{"name":"grpc"}', 'k:{"name":"http"}']);
    const clash = await apply('b', {
      ports: [
        { name: 'http', port: 8080 },
        { name: 'grpc', port: 9000 },
      ],
    });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({
      reason: 'Conflict',
      message:
        'Apply failed with 1 conflict: conflict with "a": .spec.ports[name="http"].port',
      details: {
        name: 'b',
        group: 'example.com',
        kind: 'boxes',
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "a"',
            field: '.spec.ports[name="http"].port',
          },
        ],
      },
    });
  });

  it('names Update managers with apiVersion and time, lists every conflict, and force takes the fields', async () => {
    const patched = await t.json(`${BOXES}/b?fieldManager=editor`, {
      method: 'PATCH',
      headers: jsonHeaders('application/merge-patch+json'),
      body: JSON.stringify({ spec: { size: 5 } }),
    });
    expect(patched.status).toBe(200);
    const editor = patched.body.metadata.managedFields.find(
      (m: any) => m.manager === 'editor',
    );
    expect(editor).toMatchObject({
      operation: 'Update',
      apiVersion: 'example.com/v1',
      fieldsV1: { 'f:spec': { 'f:size': {} } },
    });
    const clash = await apply('c', {
      size: 3,
      ports: [{ name: 'http', port: 81 }],
    });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toBe(
      [
        'Apply failed with 3 conflicts: conflicts with "a":',
        '- .spec.ports[name="http"].port',
        'conflicts with "b":',
        '- .spec.ports[name="http"].port',
        `conflicts with "editor" using example.com/v1 at ${editor.time}:`,
        '- .spec.size',
      ].join('\n'),
    );
    expect(
      clash.body.details.causes.map((c: any) => [c.message, c.field]),
    ).toEqual([
      ['conflict with "a"', '.spec.ports[name="http"].port'],
      ['conflict with "b"', '.spec.ports[name="http"].port'],
      [
        `conflict with "editor" using example.com/v1 at ${editor.time}`,
        '.spec.size',
      ],
    ]);
    const forced = await apply(
      'c',
      { size: 3, ports: [{ name: 'http', port: 81 }] },
      true,
    );
    expect(forced.status).toBe(200);
    expect(forced.body.spec.size).toBe(3);
    expect(forced.body.spec.ports).toContainEqual({ name: 'http', port: 81 });
    const o = owners(forced.body);
    expect(o.editor).toBeUndefined();
    expect(o.a['f:spec']['f:ports']).toEqual({
      'k:{"name":"http"}': { '.': {}, 'f:name': {} },
    });
  });

  it('removes an item only when no manager applies it any more', async () => {
    await apply('c', { size: 3 });
    await apply('a', { tags: ['x'] });
    const kept = await t.json(`${BOXES}/b`);
    // b still applies http and grpc
    expect(kept.body.spec.ports.map((p: any) => p.name)).toEqual([
      'http',
      'grpc',
    ]);
    const gone = await apply('b', { ports: [{ name: 'grpc', port: 9000 }] });
    expect(gone.body.spec.ports).toEqual([{ name: 'grpc', port: 9000 }]);
    expect(gone.body.spec.tags).toEqual(['x']);
  });

  it("refuses force on a non-apply patch (400) and an applied name or kind other than the URL's (400)", async () => {
    const forced = await t.json(`${BOXES}/b?force=true`, {
      method: 'PATCH',
      headers: jsonHeaders('application/merge-patch+json'),
      body: JSON.stringify({ spec: { size: 1 } }),
    });
    expect(forced.status).toBe(400);
    const otherName = await t.json(`${BOXES}/b?fieldManager=a`, {
      method: 'PATCH',
      headers: jsonHeaders('application/apply-patch+yaml'),
      body: JSON.stringify({
        apiVersion: 'example.com/v1',
        kind: 'Box',
        metadata: { name: 'other' },
      }),
    });
    expect(otherName).toMatchObject({
      status: 400,
      body: {
        reason: 'BadRequest',
        message:
          'the name of the object (other) does not match the name on the URL (b)',
      },
    });
    const otherKind = await t.json(`${BOXES}/b?fieldManager=a`, {
      method: 'PATCH',
      headers: jsonHeaders('application/apply-patch+yaml'),
      body: JSON.stringify({
        apiVersion: 'example.com/v1',
        kind: 'Crate',
        metadata: { name: 'b' },
      }),
    });
    expect(otherKind.status).toBe(400);
  });
});
