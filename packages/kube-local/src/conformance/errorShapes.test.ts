import {
  TestCluster,
  backend,
  jsonHeaders,
  startTestCluster,
} from './__testUtils__/testServer';

const METHOD_NOT_ALLOWED = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'the server does not allow this method on the requested resource',
  reason: 'MethodNotAllowed',
  details: {},
  code: 405,
};

/** Error answers whose shape the real server fixes: 405 Status, plain-text 404 pages, JSON 404 Status. */
describe('error shapes', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
    await t.custom.createNamespacedCustomObject({
      group: 'agentgateway.dev',
      version: 'v1alpha1',
      namespace: 'default',
      plural: 'agentgatewaybackends',
      body: backend('b'),
    });
  });
  afterAll(() => t.server.close());

  it('answers 405 MethodNotAllowed (a Status without details) for PUT / PATCH on a collection, POST to an object, writes to discovery and /watch/', async () => {
    const cases: Array<[string, string, string?]> = [
      ['PUT', '/api/v1/namespaces/default/configmaps'],
      [
        'PATCH',
        '/apis/agentgateway.dev/v1alpha1/namespaces/default/agentgatewaybackends',
        'application/merge-patch+json',
      ],
      ['POST', '/api/v1/namespaces/default/configmaps/x'],
      ['POST', '/api/v1'],
      ['DELETE', '/apis/agentgateway.dev/v1alpha1'],
      ['POST', '/api/v1/watch/namespaces/default/configmaps'],
    ];
    for (const [method, path, type] of cases) {
      const res = await t.json(path, {
        method,
        headers: jsonHeaders(type),
        body: '{}',
      });
      expect([method, path, res.status, res.body]).toEqual([
        method,
        path,
        405,
        METHOD_NOT_ALLOWED,
      ]);
    }
  });

  it('answers the not-found handler page (plain text) for unknown groups, versions and what no CRD defines', async () => {
    for (const path of [
      '/apis/nope.io/v1/things',
      '/apis/nope.io',
      '/api/v2',
      '/foo',
      '/apis/agentgateway.dev/v1alpha1/nothings',
      '/apis/agentgateway.dev/v9/agentgatewaybackends',
      '/apis/agentgateway.dev/v1alpha1/namespaces/default/agentgatewaybackends/b/scale',
    ]) {
      const res = await t.raw(path);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([
        path,
        404,
        'text/plain; charset=utf-8',
      ]);
      expect(await res.text()).toBe('404 page not found\n');
    }
  });

  it('answers a 404 Status inside a built-in group-version', async () => {
    for (const path of [
      '/api/v1/nothings',
      '/api/v1/namespaces/default/secrets/x/status',
      '/apis/apiextensions.k8s.io/v1/nothings',
    ]) {
      const res = await t.json(path);
      expect([path, res.status, res.body]).toEqual([
        path,
        404,
        {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'the server could not find the requested resource',
          reason: 'NotFound',
          details: {},
          code: 404,
        },
      ]);
    }
  });

  it('answers 413 RequestEntityTooLarge for a body over 3 MiB (handlers limitedReadBody: exactly the limit passes)', async () => {
    const path = '/api/v1/namespaces/default/configmaps';
    const body = (size: number) => {
      const head =
        '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"big"},"data":{"a":"';
      const tail = '"}}';
      return head + 'x'.repeat(size - head.length - tail.length) + tail;
    };
    const over = await t.json(path, {
      method: 'POST',
      headers: jsonHeaders(),
      body: body(3 * 1024 * 1024 + 1),
    });
    expect(over).toEqual({
      status: 413,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Request entity too large: limit is 3145728',
        reason: 'RequestEntityTooLarge',
        code: 413,
      },
    });
    // at the limit the body is read (and decoded); kube-local does not check a ConfigMap's 1 MiB total
    const at = await t.json(path, {
      method: 'POST',
      headers: jsonHeaders(),
      body: body(3 * 1024 * 1024),
    });
    expect(at.status).not.toBe(413);
  });
});
