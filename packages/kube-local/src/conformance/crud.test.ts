import {
  GATEWAY_GROUP,
  AGW_GROUP,
  TestCluster,
  backend,
  jsonHeaders,
  startTestCluster,
  statusOf,
} from './__testUtils__/testServer';

describe('CRUD through @kubernetes/client-node and raw HTTP', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(() => t.server.close());

  it('creates, reads, lists, replaces and deletes a Secret', async () => {
    const created = await t.core.createNamespacedSecret({
      namespace: 'default',
      body: {
        metadata: { name: 's1', labels: { app: 'x' } },
        stringData: { token: 'abc' },
      },
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.resourceVersion).toMatch(/^\d+$/);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(created.data).toEqual({
      token: Buffer.from('abc').toString('base64'),
    });
    expect(created.type).toBe('Opaque');

    const got = await t.core.readNamespacedSecret({
      namespace: 'default',
      name: 's1',
    });
    expect(got.metadata?.uid).toBe(created.metadata?.uid);

    const list = await t.core.listNamespacedSecret({ namespace: 'default' });
    expect(list.kind).toBe('SecretList');
    expect(list.items.map(s => s.metadata?.name)).toEqual(['s1']);
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThanOrEqual(
      Number(created.metadata?.resourceVersion),
    );

    const replaced = await t.core.replaceNamespacedSecret({
      namespace: 'default',
      name: 's1',
      body: { ...got, data: { token: 'eHl6' } },
    });
    expect(replaced.data).toEqual({ token: 'eHl6' });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(
      Number(got.metadata?.resourceVersion),
    );

    const deleted = await t.raw('/api/v1/namespaces/default/secrets/s1', {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 's1', kind: 'secrets', uid: created.metadata?.uid },
    });
    expect(
      await statusOf(
        t.core.readNamespacedSecret({ namespace: 'default', name: 's1' }),
      ),
    ).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'secrets "s1" not found',
      details: { name: 's1', kind: 'secrets' },
    });
  });

  it('creates and reads custom resources, namespaced and cluster-scoped', async () => {
    const created = await t.custom.createNamespacedCustomObject({
      group: AGW_GROUP,
      version: 'v1alpha1',
      namespace: 'default',
      plural: 'agentgatewaybackends',
      body: backend('b1'),
    });
    expect(created.metadata.generation).toBe(1);
    const got = await t.custom.getNamespacedCustomObject({
      group: AGW_GROUP,
      version: 'v1alpha1',
      namespace: 'default',
      plural: 'agentgatewaybackends',
      name: 'b1',
    });
    expect(got.spec).toEqual({ static: { host: 'example.com', port: 443 } });

    const gc = {
      apiVersion: `${GATEWAY_GROUP}/v1`,
      kind: 'GatewayClass',
      metadata: { name: 'agentgateway' },
      spec: { controllerName: 'agentgateway.dev/agentgateway' },
    };
    await t.custom.createClusterCustomObject({
      group: GATEWAY_GROUP,
      version: 'v1',
      plural: 'gatewayclasses',
      body: gc,
    });
    const classes = await t.custom.listClusterCustomObject({
      group: GATEWAY_GROUP,
      version: 'v1',
      plural: 'gatewayclasses',
    });
    expect(classes.kind).toBe('GatewayClassList');
    expect(classes.items.map((c: any) => c.metadata.name)).toEqual([
      'agentgateway',
    ]);
    expect(classes.items[0].metadata.namespace).toBeUndefined();
    // a served non-storage version answers with its own apiVersion
    const beta = await t.json(
      `/apis/${GATEWAY_GROUP}/v1beta1/gatewayclasses/agentgateway`,
    );
    expect(beta.body.apiVersion).toBe(`${GATEWAY_GROUP}/v1beta1`);
  });

  it('generates names from generateName', async () => {
    const a = await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { generateName: 'cm-' } },
    });
    const b = await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { generateName: 'cm-' } },
    });
    expect(a.metadata?.name).toMatch(/^cm-[a-z0-9]{5}$/);
    expect(a.metadata?.name).not.toBe(b.metadata?.name);
  });

  it('answers AlreadyExists, NotFound namespace and Invalid name', async () => {
    await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'dup' } },
    });
    expect(
      await statusOf(
        t.core.createNamespacedConfigMap({
          namespace: 'default',
          body: { metadata: { name: 'dup' } },
        }),
      ),
    ).toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
      message: 'configmaps "dup" already exists',
    });
    expect(
      await statusOf(
        t.core.createNamespacedConfigMap({
          namespace: 'nope',
          body: { metadata: { name: 'x' } },
        }),
      ),
    ).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'namespaces "nope" not found',
      details: { name: 'nope', kind: 'namespaces' },
    });
    const bad = await statusOf(
      t.core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: 'Bad_Name' } },
      }),
    );
    expect(bad).toMatchObject({
      code: 422,
      reason: 'Invalid',
      details: {
        name: 'Bad_Name',
        kind: 'ConfigMap',
        causes: [{ field: 'metadata.name' }],
      },
    });
    const missing = await statusOf(
      t.core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: {} },
      }),
    );
    expect(missing).toMatchObject({
      code: 422,
      details: {
        causes: [{ field: 'metadata.name', reason: 'FieldValueRequired' }],
      },
    });
  });

  it('answers 400 for bad JSON, name and namespace mismatches and kind mismatch', async () => {
    const badJson = await t.json('/api/v1/namespaces/default/configmaps', {
      method: 'POST',
      headers: jsonHeaders(),
      body: '{"metadata":',
    });
    expect(badJson).toMatchObject({
      status: 400,
      body: { kind: 'Status', reason: 'BadRequest', code: 400 },
    });
    await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'mm' } },
    });
    const nameMismatch = await t.json(
      '/api/v1/namespaces/default/configmaps/mm',
      {
        method: 'PUT',
        headers: jsonHeaders(),
        body: JSON.stringify({ metadata: { name: 'other' } }),
      },
    );
    expect(nameMismatch.status).toBe(400);
    expect(nameMismatch.body.message).toBe(
      'the name of the object (other) does not match the name on the URL (mm)',
    );
    const nsMismatch = await t.json('/api/v1/namespaces/default/configmaps', {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({
        metadata: { name: 'n', namespace: 'kube-system' },
      }),
    });
    expect(nsMismatch.status).toBe(400);
    expect(nsMismatch.body.message).toBe(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
    const kindMismatch = await t.json('/api/v1/namespaces/default/configmaps', {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'k' },
      }),
    });
    expect(kindMismatch.status).toBe(400);
  });

  it('answers 404 for unknown paths, 405 for unsupported methods, 415 and 406 for media types', async () => {
    expect(await t.json('/api/v1/nothings')).toMatchObject({
      status: 404,
      body: {
        reason: 'NotFound',
        message: 'the server could not find the requested resource',
      },
    });
    expect(
      await t.json('/api/v1/namespaces/default/configmaps/mm', {
        method: 'POST',
        headers: jsonHeaders(),
        body: '{}',
      }),
    ).toMatchObject({ status: 405, body: { reason: 'MethodNotAllowed' } });
    expect(
      await t.json('/api/v1/namespaces/default/configmaps', {
        method: 'POST',
        headers: jsonHeaders('text/plain'),
        body: 'x',
      }),
    ).toMatchObject({ status: 415, body: { reason: 'UnsupportedMediaType' } });
    expect(
      await t.json('/api/v1/namespaces/default/configmaps', {
        headers: { Accept: 'application/vnd.kubernetes.protobuf' },
      }),
    ).toMatchObject({ status: 406, body: { reason: 'NotAcceptable' } });
    expect(
      await t.json('/api/v1/namespaces/default/secrets/x/status'),
    ).toMatchObject({ status: 404 });
  });

  it('accepts YAML bodies', async () => {
    const res = await t.json('/api/v1/namespaces/default/configmaps', {
      method: 'POST',
      headers: jsonHeaders('application/yaml'),
      body: 'metadata:\n  name: from-yaml\ndata:\n  a: "1"\n',
    });
    expect(res).toMatchObject({
      status: 201,
      body: { kind: 'ConfigMap', data: { a: '1' } },
    });
  });

  it('deletes with uid / resourceVersion preconditions', async () => {
    const cm = await t.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'pre' } },
    });
    const wrongUid = await t.json('/api/v1/namespaces/default/configmaps/pre', {
      method: 'DELETE',
      headers: jsonHeaders(),
      body: JSON.stringify({ preconditions: { uid: 'other' } }),
    });
    expect(wrongUid).toMatchObject({
      status: 409,
      body: { reason: 'Conflict' },
    });
    expect(wrongUid.body.message).toContain(
      'the UID in the precondition (other) does not match the UID in record',
    );
    const wrongRv = await t.json('/api/v1/namespaces/default/configmaps/pre', {
      method: 'DELETE',
      headers: jsonHeaders(),
      body: JSON.stringify({ preconditions: { resourceVersion: '1' } }),
    });
    expect(wrongRv.status).toBe(409);
    const ok = await t.json('/api/v1/namespaces/default/configmaps/pre', {
      method: 'DELETE',
      headers: jsonHeaders(),
      body: JSON.stringify({
        preconditions: {
          uid: cm.metadata?.uid,
          resourceVersion: cm.metadata?.resourceVersion,
        },
      }),
    });
    expect(ok.status).toBe(200);
  });

  it('deletes collections by label selector and returns the deleted objects', async () => {
    await t.core.createNamespace({ body: { metadata: { name: 'dc' } } });
    for (const [name, app] of [
      ['a', 'x'],
      ['b', 'x'],
      ['c', 'y'],
    ]) {
      await t.core.createNamespacedConfigMap({
        namespace: 'dc',
        body: { metadata: { name, labels: { app } } },
      });
    }
    const res = await t.json(
      '/api/v1/namespaces/dc/configmaps?labelSelector=app%3Dx',
      { method: 'DELETE' },
    );
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe('ConfigMapList');
    expect(res.body.items.map((o: any) => o.metadata.name)).toEqual(['a', 'b']);
    const left = await t.core.listNamespacedConfigMap({ namespace: 'dc' });
    expect(left.items.map(o => o.metadata?.name)).toEqual(['c']);
  });

  it('deleting a namespace deletes what is in it', async () => {
    await t.core.createNamespace({ body: { metadata: { name: 'gone' } } });
    await t.core.createNamespacedConfigMap({
      namespace: 'gone',
      body: { metadata: { name: 'a' } },
    });
    const ns = await t.json('/api/v1/namespaces/gone', { method: 'DELETE' });
    expect(ns.body.kind).toBe('Namespace');
    // the namespace controller removes the content, then the namespace (see namespaces.test.ts)
    for (let i = 0; i < 100; i++) {
      if ((await t.json('/api/v1/namespaces/gone')).status === 404) break;
      await new Promise(r => setTimeout(r, 20));
    }
    expect((await t.json('/api/v1/namespaces/gone/configmaps/a')).status).toBe(
      404,
    );
  });
});
