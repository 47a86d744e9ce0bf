import {
  TestCluster,
  backend,
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

/**
 * HEAD and OPTIONS as kube-apiserver answers them. Built-in kinds, `/api`, `/api/v1`, `/apis/<group>/<version>` and
 * `/version` are go-restful GET routes: any other method is a 405 Status from its service error handler. The custom
 * resource handler resolves HEAD to the verbs get / list (request info: `case "GET", "HEAD"`) and serves it like GET
 * without a body, and answers a method without a verb (OPTIONS) with apierrors.NewMethodNotSupported. The
 * aggregator's `/apis` and `/apis/<group>` handlers and the OpenAPI handler do not look at the method.
 */
describe('HEAD and OPTIONS', () => {
  let t: TestCluster;
  const crs =
    '/apis/agentgateway.dev/v1alpha1/namespaces/default/agentgatewaybackends';
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

  it('answers HEAD on custom resources with the status and headers of GET and no body', async () => {
    for (const path of [`${crs}/b`, crs, `${crs}/missing`]) {
      const get = await t.raw(path);
      const getBody = await get.text();
      const head = await t.raw(path, { method: 'HEAD' });
      expect([path, head.status, head.headers.get('content-type')]).toEqual([
        path,
        get.status,
        get.headers.get('content-type'),
      ]);
      expect(head.headers.get('content-length')).toBe(
        String(Buffer.byteLength(getBody)),
      );
      expect(await head.text()).toBe('');
    }
    expect((await t.raw(`${crs}/missing`, { method: 'HEAD' })).status).toBe(
      404,
    );
  });

  it('answers HEAD and OPTIONS on built-in kinds and go-restful discovery routes with 405', async () => {
    for (const path of [
      '/api/v1/namespaces/default/configmaps',
      '/api/v1/namespaces/default',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      '/api',
      '/api/v1',
      '/version',
    ]) {
      const head = await t.raw(path, { method: 'HEAD' });
      expect([path, head.status, await head.text()]).toEqual([path, 405, '']);
      const options = await t.json(path, { method: 'OPTIONS' });
      expect([path, options.status, options.body]).toEqual([
        path,
        405,
        METHOD_NOT_ALLOWED,
      ]);
    }
  });

  it('answers OPTIONS on custom resources with MethodNotSupported', async () => {
    const res = await t.json(`${crs}/b`, { method: 'OPTIONS' });
    expect(res).toEqual({
      status: 405,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          ' is not supported on resources of kind "agentgatewaybackends.agentgateway.dev"',
        reason: 'MethodNotAllowed',
        details: { group: 'agentgateway.dev', kind: 'agentgatewaybackends' },
        code: 405,
      },
    });
  });

  it('answers HEAD and OPTIONS on /apis, /apis/<group> and the OpenAPI documents as GET', async () => {
    for (const path of ['/apis', '/apis/agentgateway.dev', '/openapi/v3']) {
      const head = await t.raw(path, { method: 'HEAD' });
      expect([path, head.status, await head.text()]).toEqual([path, 200, '']);
      const options = await t.json(path, { method: 'OPTIONS' });
      const get = await t.json(path);
      expect([path, options.status, options.body]).toEqual([
        path,
        200,
        get.body,
      ]);
    }
  });

  it('authorizes HEAD with the verbs of GET and OPTIONS with no verb', async () => {
    const anonymous = { token: null };
    expect(
      (await t.raw(`${crs}/b`, { method: 'HEAD', ...anonymous })).status,
    ).toBe(403);
    const res = await t.json(`${crs}/b`, { method: 'OPTIONS', ...anonymous });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe(
      'agentgatewaybackends.agentgateway.dev "b" is forbidden: User "system:anonymous" cannot  resource "agentgatewaybackends" in API group "agentgateway.dev" in the namespace "default"',
    );
  });
});
