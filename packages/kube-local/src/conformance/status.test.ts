import {
  AGW_GROUP,
  TestCluster,
  backend,
  jsonHeaders,
  startTestCluster,
} from './__testUtils__/testServer';

const BACKENDS = `/apis/${AGW_GROUP}/v1alpha1/namespaces/default/agentgatewaybackends`;
const accepted = {
  conditions: [
    {
      type: 'Accepted',
      status: 'True',
      reason: 'Accepted',
      message: 'ok',
      lastTransitionTime: '2026-01-01T00:00:00Z',
      observedGeneration: 1,
    },
  ],
};

describe('status subresource and generation', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(() => t.server.close());

  it('ignores status on create and on main-resource updates', async () => {
    const created = await t.json(BACKENDS, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({ ...backend('st'), status: accepted }),
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBeUndefined();
    const put = await t.json(`${BACKENDS}/st`, {
      method: 'PUT',
      headers: jsonHeaders(),
      body: JSON.stringify({ ...created.body, status: accepted }),
    });
    expect(put.body.status).toBeUndefined();
  });

  it('changes only status through /status (PUT and merge PATCH)', async () => {
    const cur = (await t.json(`${BACKENDS}/st`)).body;
    const put = await t.json(`${BACKENDS}/st/status`, {
      method: 'PUT',
      headers: jsonHeaders(),
      body: JSON.stringify({
        ...cur,
        spec: { static: { host: 'changed.example.com', port: 1 } },
        status: accepted,
      }),
    });
    expect(put.status).toBe(200);
    expect(put.body.status).toEqual(accepted);
    expect(put.body.spec.static.host).toBe('example.com');
    expect(put.body.metadata.generation).toBe(1);

    const patched = await t.custom.patchNamespacedCustomObjectStatus({
      group: AGW_GROUP,
      version: 'v1alpha1',
      namespace: 'default',
      plural: 'agentgatewaybackends',
      name: 'st',
      body: [
        {
          op: 'replace',
          path: '/status/conditions/0/reason',
          value: 'Programmed',
        },
      ],
    });
    expect(patched.status.conditions[0].reason).toBe('Programmed');

    // a later main-resource update keeps the status
    const again = await t.json(`${BACKENDS}/st`, {
      method: 'PATCH',
      headers: jsonHeaders('application/merge-patch+json'),
      body: JSON.stringify({ metadata: { labels: { a: 'b' } }, status: null }),
    });
    expect(again.body.status.conditions[0].reason).toBe('Programmed');
    expect(again.body.metadata.generation).toBe(1);
  });

  it('bumps generation only on spec changes', async () => {
    const patch = (body: unknown) =>
      t.json(`${BACKENDS}/st`, {
        method: 'PATCH',
        headers: jsonHeaders('application/merge-patch+json'),
        body: JSON.stringify(body),
      });
    expect(
      (await patch({ metadata: { annotations: { x: 'y' } } })).body.metadata
        .generation,
    ).toBe(1);
    expect(
      (await patch({ spec: { static: { port: 8443 } } })).body.metadata
        .generation,
    ).toBe(2);
    expect(
      (await patch({ spec: { static: { port: 8443 } } })).body.metadata
        .generation,
    ).toBe(2);
    expect(
      (await patch({ spec: { static: { port: 9443 } } })).body.metadata
        .generation,
    ).toBe(3);
  });

  it('announces status subresources in discovery and 404s them for kinds without one', async () => {
    const disc = await t.json(`/apis/${AGW_GROUP}/v1alpha1`);
    expect(disc.body.resources.map((r: any) => r.name)).toContain(
      'agentgatewaybackends/status',
    );
    expect(
      (await t.json('/api/v1/namespaces/default/configmaps/x/status')).status,
    ).toBe(404);
  });
});
