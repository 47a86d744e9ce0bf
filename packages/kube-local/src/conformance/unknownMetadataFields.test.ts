import {
  TestCluster,
  jsonHeaders,
  startTestCluster,
} from './__testUtils__/testServer';

const BACKENDS =
  '/apis/agentgateway.dev/v1alpha1/namespaces/default/agentgatewaybackends';
const CONFIGMAPS = '/api/v1/namespaces/default/configmaps';

/**
 * Unknown fields in `metadata` (kube-apiserver v1.32): a custom resource's metadata is decoded strictly into ObjectMeta
 * before the schema prunes the rest (apiextensions' unstructuredSchemaCoercer.apply, schema/objectmeta
 * GetObjectMetaWithOptions), so `metadata.*` paths come first, in key order; a built-in kind's strict decoder
 * reports them in the body's order. Either way the field is dropped, warned about (Warn) or refused (Strict).
 */
describe('unknown fields in metadata', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(() => t.server.close());

  const backend = (name: string) => ({
    apiVersion: 'agentgateway.dev/v1alpha1',
    kind: 'AgentgatewayBackend',
    metadata: { name, zeta: 1, labels: { a: 'b' }, alpha: 'x' },
    spec: { static: { host: 'a', port: 1, prot: 'typo' } },
  });

  it('a custom resource: metadata paths first, sorted, then the pruned ones; dropped from what is stored', async () => {
    const strict = await t.json(`${BACKENDS}?fieldValidation=Strict`, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify(backend('strict')),
    });
    expect(strict).toMatchObject({
      status: 400,
      body: {
        reason: 'BadRequest',
        message:
          'AgentgatewayBackend in version "v1alpha1" cannot be handled as a AgentgatewayBackend: strict decoding error: unknown field "metadata.alpha", unknown field "metadata.zeta", unknown field "spec.static.prot"',
      },
    });
    const warned = await t.raw(BACKENDS, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify(backend('warned')),
    });
    expect(warned.status).toBe(201);
    expect(warned.headers.get('warning')).toBe(
      [
        '299 - "unknown field \\"metadata.alpha\\""',
        '299 - "unknown field \\"metadata.zeta\\""',
        '299 - "unknown field \\"spec.static.prot\\""',
      ].join(', '),
    );
    const stored = await t.json(`${BACKENDS}/warned`);
    expect(stored.body.metadata.alpha).toBeUndefined();
    expect(stored.body.metadata.zeta).toBeUndefined();
    expect(stored.body.metadata.labels).toEqual({ a: 'b' });
  });

  it('a built-in kind: in the order of the body, with owner references item by item', async () => {
    const body = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'cm',
        zeta: 1,
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            name: 'owner',
            uid: '6f1c1d2e-0000-4000-8000-000000000001',
            extra: true,
          },
        ],
        alpha: 2,
      },
      dat: { a: 'b' },
    });
    const strict = await t.json(`${CONFIGMAPS}?fieldValidation=Strict`, {
      method: 'POST',
      headers: jsonHeaders(),
      body,
    });
    expect(strict).toMatchObject({
      status: 400,
      body: {
        message:
          'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata.zeta", unknown field "metadata.ownerReferences[0].extra", unknown field "metadata.alpha", unknown field "dat"',
      },
    });
    const ignored = await t.json(`${CONFIGMAPS}?fieldValidation=Ignore`, {
      method: 'POST',
      headers: jsonHeaders(),
      body,
    });
    expect(ignored.status).toBe(201);
    expect(ignored.body.metadata.zeta).toBeUndefined();
    expect(ignored.body.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        name: 'owner',
        uid: '6f1c1d2e-0000-4000-8000-000000000001',
      },
    ]);
  });
});
