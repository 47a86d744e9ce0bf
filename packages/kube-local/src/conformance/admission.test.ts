/**
 * Validating admission as real clusters refuse writes: ResourceQuota object-count quotas (the ResourceQuota admission
 * plugin, https://kubernetes.io/docs/concepts/policy/resource-quotas/#quota-on-object-count) and validating webhooks
 * (webhook/errors.ToStatusErr: `admission webhook "<name>" denied the request: <message>`).
 */
import {
  TestCluster,
  backend,
  jsonHeaders,
  startTestCluster,
} from './__testUtils__/testServer';

const SECRETS = '/api/v1/namespaces/quota/secrets';
const QUOTAS = '/api/v1/namespaces/quota/resourcequotas';

describe('admission', () => {
  let t: TestCluster;
  const seen: string[] = [];
  beforeAll(async () => {
    t = await startTestCluster({
      admissionWebhooks: [
        {
          name: 'no-forbidden.example.com',
          rules: [
            {
              operations: ['CREATE', 'UPDATE'],
              apiGroups: [''],
              resources: ['configmaps'],
            },
          ],
          review: req => {
            seen.push(
              `${req.operation} ${req.resource.resource} ${req.name} ${req.userInfo.username}`,
            );
            if (req.object?.data?.forbidden)
              return 'the key "forbidden" is not allowed';
            if (req.object?.data?.bare) return { allowed: false };
            if (req.object?.data?.warn)
              return { allowed: true, warnings: ['data.warn is deprecated'] };
            return true;
          },
        },
        {
          name: 'keep.example.com',
          rules: [
            {
              operations: ['DELETE'],
              apiGroups: ['agentgateway.dev'],
              resources: ['*'],
            },
          ],
          review: req =>
            req.oldObject?.metadata?.labels?.keep
              ? {
                  allowed: false,
                  status: {
                    code: 403,
                    reason: 'Forbidden',
                    message: 'labelled keep',
                  },
                }
              : undefined,
        },
      ],
    });
  });
  afterAll(() => t.server.close());

  const post = (url: string, body: unknown) =>
    t.json(url, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify(body),
    });

  it('refuses a create over an object-count quota with 403 naming the quota, and keeps status.used current', async () => {
    await t.core.createNamespace({ body: { metadata: { name: 'quota' } } });
    const q = await post(QUOTAS, {
      metadata: { name: 'small' },
      spec: { hard: { 'count/secrets': '2', configmaps: '5' } },
    });
    expect(q.status).toBe(201);
    expect((await post(SECRETS, { metadata: { name: 's1' } })).status).toBe(
      201,
    );
    expect((await post(SECRETS, { metadata: { name: 's2' } })).status).toBe(
      201,
    );
    const third = await post(SECRETS, { metadata: { name: 's3' } });
    expect(third).toMatchObject({
      status: 403,
      body: {
        kind: 'Status',
        reason: 'Forbidden',
        code: 403,
        message:
          'secrets "s3" is forbidden: exceeded quota: small, requested: count/secrets=1, used: count/secrets=2, limited: count/secrets=2',
        details: { name: 's3', kind: 'secrets' },
      },
    });
    const status = (await t.json(`${QUOTAS}/small`)).body.status;
    expect(status).toEqual({
      hard: { 'count/secrets': '2', configmaps: '5' },
      used: { 'count/secrets': '2', configmaps: '0' },
    });
    await t.raw(`${SECRETS}/s1`, { method: 'DELETE' });
    expect((await post(SECRETS, { metadata: { name: 's3' } })).status).toBe(
      201,
    );
  });

  it('counts custom resources as count/<plural>.<group>', async () => {
    await post(QUOTAS, {
      metadata: { name: 'backends' },
      spec: { hard: { 'count/agentgatewaybackends.agentgateway.dev': '1' } },
    });
    const url =
      '/apis/agentgateway.dev/v1alpha1/namespaces/quota/agentgatewaybackends';
    expect((await post(url, backend('b1', 'quota'))).status).toBe(201);
    const second = await post(url, backend('b2', 'quota'));
    expect(second.status).toBe(403);
    expect(second.body.message).toBe(
      'agentgatewaybackends.agentgateway.dev "b2" is forbidden: exceeded quota: backends, requested: count/agentgatewaybackends.agentgateway.dev=1, used: count/agentgatewaybackends.agentgateway.dev=1, limited: count/agentgatewaybackends.agentgateway.dev=1',
    );
    expect(second.body.details).toEqual({
      name: 'b2',
      group: 'agentgateway.dev',
      kind: 'agentgatewaybackends',
    });
  });

  it('validates quota limits', async () => {
    const bad = await post(QUOTAS, {
      metadata: { name: 'bad' },
      spec: { hard: { 'count/secrets': 'lots' } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details.causes[0].field).toBe('spec.hard[count/secrets]');
  });

  it('answers a webhook denial as the dispatcher does, after schema validation', async () => {
    const cms = '/api/v1/namespaces/default/configmaps';
    const denied = await post(cms, {
      metadata: { name: 'x' },
      data: { forbidden: 'yes' },
    });
    expect(denied).toMatchObject({
      status: 403,
      body: {
        kind: 'Status',
        status: 'Failure',
        reason: 'Forbidden',
        code: 403,
        message:
          'admission webhook "no-forbidden.example.com" denied the request: the key "forbidden" is not allowed',
      },
    });
    expect(seen).toContain('CREATE configmaps x admin');
    const bare = await post(cms, {
      metadata: { name: 'y' },
      data: { bare: 'yes' },
    });
    expect(bare).toMatchObject({
      status: 400,
      body: {
        code: 400,
        message:
          'admission webhook "no-forbidden.example.com" denied the request without explanation',
      },
    });
    // invalid objects are refused by validation before any webhook sees them
    const invalid = await post(cms, {
      metadata: { name: 'Bad_Name' },
      data: { forbidden: 'yes' },
    });
    expect(invalid.status).toBe(422);
    const warned = await t.raw(cms, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({ metadata: { name: 'w' }, data: { warn: '1' } }),
    });
    expect(warned.status).toBe(201);
    expect(warned.headers.get('warning')).toBe(
      '299 - "data.warn is deprecated"',
    );
    // updates go through the webhook too
    const upd = await t.json(`${cms}/w`, {
      method: 'PATCH',
      headers: jsonHeaders('application/merge-patch+json'),
      body: JSON.stringify({ data: { forbidden: '1' } }),
    });
    expect(upd.status).toBe(403);
  });

  it('lets a webhook refuse deletes', async () => {
    const url =
      '/apis/agentgateway.dev/v1alpha1/namespaces/default/agentgatewaybackends';
    await post(url, backend('kept', 'default', { labels: { keep: 'yes' } }));
    const res = await t.json(`${url}/kept`, { method: 'DELETE' });
    expect(res).toMatchObject({
      status: 403,
      body: {
        message:
          'admission webhook "keep.example.com" denied the request: labelled keep',
      },
    });
    expect((await t.json(`${url}/kept`)).status).toBe(200);
  });
});
