/**
 * PUT preconditions as registry/store.go answers them: custom resources need `metadata.resourceVersion`
 * (422 naming the resource), built-in kinds update unconditionally without it, and a `metadata.uid` that is not
 * the stored one fails the storage precondition (409).
 */
import {
  TestCluster,
  backend,
  jsonHeaders,
  startTestCluster,
} from './__testUtils__/testServer';

const BACKENDS =
  '/apis/agentgateway.dev/v1alpha1/namespaces/default/agentgatewaybackends';
const CMS = '/api/v1/namespaces/default/configmaps';

describe('updates', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(() => t.server.close());

  const send = (method: string, url: string, body: unknown) =>
    t.json(url, { method, headers: jsonHeaders(), body: JSON.stringify(body) });

  it('PUT of a custom resource without resourceVersion: 422 naming the resource', async () => {
    await send('POST', BACKENDS, backend('norv'));
    const res = await send('PUT', `${BACKENDS}/norv`, backend('norv'));
    expect(res).toMatchObject({
      status: 422,
      body: {
        reason: 'Invalid',
        message:
          'agentgatewaybackends.agentgateway.dev "norv" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
        details: {
          name: 'norv',
          group: 'agentgateway.dev',
          kind: 'agentgatewaybackends',
        },
      },
    });
  });

  it('PUT of a built-in kind without resourceVersion is unconditional', async () => {
    await send('POST', CMS, { metadata: { name: 'free' }, data: { a: '1' } });
    const res = await send('PUT', `${CMS}/free`, {
      metadata: { name: 'free' },
      data: { a: '2' },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ a: '2' });
  });

  it('PUT with another uid: 409 precondition failed', async () => {
    const cm = (await send('POST', CMS, { metadata: { name: 'uid' } })).body;
    const res = await send('PUT', `${CMS}/uid`, {
      metadata: { name: 'uid', uid: 'not-the-uid' },
    });
    expect(res).toMatchObject({
      status: 409,
      body: {
        reason: 'Conflict',
        message: `Operation cannot be fulfilled on configmaps "uid": Precondition failed: UID in precondition: not-the-uid, UID in object meta: ${cm.metadata.uid}`,
      },
    });
  });
});
