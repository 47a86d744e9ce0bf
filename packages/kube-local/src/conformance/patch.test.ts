import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import {
  AGW_GROUP,
  TestCluster,
  backend,
  jsonHeaders,
  startTestCluster,
  statusOf,
} from './__testUtils__/testServer';

const BACKENDS = `/apis/${AGW_GROUP}/v1alpha1/namespaces/default/agentgatewaybackends`;

describe('patch: merge, JSON patch, strategic merge, server-side apply', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(() => t.server.close());

  it('applies a JSON merge patch through the client', async () => {
    await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: {
        metadata: { name: 'm', labels: { a: '1', b: '2' } },
        data: { x: '1' },
      },
    });
    const patched = await t.core.patchNamespacedConfigMap(
      {
        namespace: 'default',
        name: 'm',
        body: { metadata: { labels: { a: null, c: '3' } }, data: { y: '2' } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(patched.metadata?.labels).toEqual({ b: '2', c: '3' });
    expect(patched.data).toEqual({ x: '1', y: '2' });
  });

  it('applies a JSON patch (default of the client) and rejects a failing test op with 422', async () => {
    await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'j' }, data: { x: '1' } },
    });
    const patched = await t.core.patchNamespacedConfigMap({
      namespace: 'default',
      name: 'j',
      body: [{ op: 'replace', path: '/data/x', value: '2' }],
    });
    expect(patched.data).toEqual({ x: '2' });
    const failed = await statusOf(
      t.core.patchNamespacedConfigMap({
        namespace: 'default',
        name: 'j',
        body: [{ op: 'test', path: '/data/x', value: 'nope' }],
      }),
    );
    expect(failed).toMatchObject({ code: 422, reason: 'Invalid' });
  });

  it('uses a resourceVersion in a patch as a precondition', async () => {
    const cm = await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'p' } },
    });
    const res = await t.json('/api/v1/namespaces/default/configmaps/p', {
      method: 'PATCH',
      headers: jsonHeaders('application/merge-patch+json'),
      body: JSON.stringify({
        metadata: {
          resourceVersion: String(Number(cm.metadata?.resourceVersion) - 1),
        },
        data: { a: 'b' },
      }),
    });
    expect(res).toMatchObject({ status: 409, body: { reason: 'Conflict' } });
  });

  it('accepts strategic merge patch for core kinds and answers 415 for custom resources', async () => {
    await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'smp' } },
    });
    const ok = await t.json('/api/v1/namespaces/default/configmaps/smp', {
      method: 'PATCH',
      headers: jsonHeaders('application/strategic-merge-patch+json'),
      body: JSON.stringify({ data: { a: '1' } }),
    });
    expect(ok).toMatchObject({ status: 200, body: { data: { a: '1' } } });
    await t.json(BACKENDS, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify(backend('smp')),
    });
    const cr = await t.json(`${BACKENDS}/smp`, {
      method: 'PATCH',
      headers: jsonHeaders('application/strategic-merge-patch+json'),
      body: '{}',
    });
    expect(cr).toMatchObject({
      status: 415,
      body: { reason: 'UnsupportedMediaType' },
    });
    expect(cr.body.message).toContain('application/merge-patch+json');
  });

  it('server-side apply creates, merges managers, reports conflicts and honours force', async () => {
    const yaml = (port: number, extra = '') =>
      `apiVersion: agentgateway.dev/v1alpha1\nkind: AgentgatewayBackend\nmetadata:\n  name: ssa\n  namespace: default${extra}\nspec:\n  static:\n    host: example.com\n    port: ${port}\n`;
    const apply = (manager: string | null, body: string, force = false) =>
      t.json(
        `${BACKENDS}/ssa?${manager ? `fieldManager=${manager}` : ''}${
          force ? '&force=true' : ''
        }`,
        {
          method: 'PATCH',
          headers: jsonHeaders('application/apply-patch+yaml'),
          body,
        },
      );

    const created = await apply('alice', yaml(443));
    expect(created.status).toBe(201);
    expect(created.body.metadata.managedFields).toEqual([
      expect.objectContaining({
        manager: 'alice',
        operation: 'Apply',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': { 'f:static': { 'f:host': {}, 'f:port': {} } } },
      }),
    ]);
    // another manager adds a label: no conflict, both kept
    const labelled = await apply(
      'bob',
      `apiVersion: agentgateway.dev/v1alpha1\nkind: AgentgatewayBackend\nmetadata:\n  name: ssa\n  labels:\n    team: b\n`,
    );
    expect(labelled.status).toBe(200);
    expect(labelled.body.metadata.labels).toEqual({ team: 'b' });
    expect(labelled.body.spec.static.port).toBe(443);
    // bob changes alice's field: conflict
    const clash = await apply('bob', yaml(8443));
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({
      reason: 'Conflict',
      message:
        'Apply failed with 1 conflict: conflict with "alice": .spec.static.port',
    });
    expect(clash.body.details.causes).toEqual([
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "alice"',
        field: '.spec.static.port',
      },
    ]);
    // force: bob takes the field
    const forced = await apply('bob', yaml(8443), true);
    expect(forced.status).toBe(200);
    expect(forced.body.spec.static.port).toBe(8443);
    const owners = Object.fromEntries(
      forced.body.metadata.managedFields.map((m: any) => [
        m.manager,
        m.fieldsV1,
      ]),
    );
    expect(owners.alice).toEqual({
      'f:spec': { 'f:static': { 'f:host': {} } },
    });
    expect(owners.bob['f:spec']).toEqual({
      'f:static': { 'f:host': {}, 'f:port': {} },
    });
    // apply without fieldManager is invalid
    expect(await apply(null, yaml(1))).toMatchObject({
      status: 422,
      body: {
        reason: 'Invalid',
        details: { causes: [{ field: 'fieldManager' }] },
      },
    });
  });
});
