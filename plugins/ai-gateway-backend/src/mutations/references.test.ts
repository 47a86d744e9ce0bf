/*
 * Cross-namespace references and ambiguous ownership, through the API against a local Kubernetes API server.
 */
import request from 'supertest';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import { writeEntities, writeSeed } from '../__testUtils__/writeSeed';
import { eventually, startPluginBackend } from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const GW = 'gateway.networking.k8s.io';
const AGW = 'agentgateway.dev';
const SUPPORT = '/api/ai-gateway/entity/component/default/support-bot';
const TWIN_A = '/api/ai-gateway/entity/component/default/twin-a';
const TWIN_B = '/api/ai-gateway/entity/component/default/twin-b';

const route = (name: string, spec: object) => ({
  apiVersion: `${GW}/v1`,
  kind: 'HTTPRoute',
  metadata: { name },
  spec,
});
const llm = (
  name: string,
  labels?: Record<string, string>,
  namespace?: string,
) => ({
  apiVersion: `${AGW}/v1alpha1`,
  kind: 'AgentgatewayBackend',
  metadata: {
    name,
    ...(labels ? { labels } : {}),
    ...(namespace ? { namespace } : {}),
  },
  spec: { ai: { provider: { anthropic: { model: 'claude' } } } },
});

const sharedSeed = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-shared' } },
  llm('both', { app: 'shared', tier: 'x' }, 'team-shared'),
  llm('only-a', { app: 'shared' }, 'team-shared'),
];

describe('reference rules and ownership', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  let app: Awaited<ReturnType<typeof startPluginBackend>>;
  const post = (ref: string, object: object) =>
    request(app.server).post(`${ref}/resources`).send({ object });

  beforeAll(async () => {
    kube = await startKubeLocal({
      port: 0,
      seed: [...writeSeed, ...sharedSeed],
    });
    app = await startPluginBackend({
      clusters: [{ name: 'local', url: kube.url, token: kube.adminToken }],
      entities: writeEntities,
    });
    await eventually(async () => {
      const res = await request(app.server).get(`${TWIN_A}/tabs/backends`);
      if (!res.body.clusters?.[0]?.ok)
        throw new Error(`not ready: ${res.text}`);
    }, 60_000);
  });

  afterAll(async () => {
    await app?.stop();
    await kube?.close();
  });

  const parent = (name: string, namespace = 'agentgateway-system') =>
    route(`to-${name}-${namespace}`, { parentRefs: [{ name, namespace }] });

  it.each([
    ['All', 'ai-gw'],
    ['Selector matching the namespace labels', 'selective-gw'],
  ])(
    'parentRefs: a Gateway admitting the namespace (%s) is allowed',
    async (_how, gw) => {
      const res = await post(SUPPORT, parent(gw));
      expect(res.status).toBe(201);
    },
  );

  it('parentRefs: Same (the default) and missing Gateways are refused with the field', async () => {
    const same = await post(SUPPORT, parent('search-gw'));
    expect(same.status).toBe(422);
    expect(same.body.causes).toEqual([
      expect.objectContaining({
        field: 'spec.parentRefs[0].namespace',
        reason: 'FieldValueForbidden',
        message: expect.stringMatching(/allowedRoutes/),
      }),
    ]);
    const missing = await post(SUPPORT, parent('nope'));
    expect(missing.status).toBe(422);
    expect(missing.body.causes[0].field).toBe('spec.parentRefs[0].namespace');
    // the same route in its own namespace is no cross-namespace reference
    expect(
      (await post(SUPPORT, parent('support-gw', 'team-support'))).status,
    ).toBe(201);
  });

  it('backendRefs: allowed by a ReferenceGrant in the target namespace, refused without one', async () => {
    const backendRef = (name: string) => ({
      group: AGW,
      kind: 'AgentgatewayBackend',
      name,
      namespace: 'team-search',
    });
    const granted = await post(
      SUPPORT,
      route('granted', {
        parentRefs: [{ name: 'ai-gw', namespace: 'agentgateway-system' }],
        rules: [{ backendRefs: [backendRef('shared-llm')] }],
      }),
    );
    expect(granted.status).toBe(201);
    const refused = await post(
      SUPPORT,
      route('not-granted', {
        rules: [
          { backendRefs: [backendRef('shared-llm'), backendRef('anthropic')] },
        ],
      }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.causes.map((c: any) => c.field)).toEqual([
      'spec.rules[0].backendRefs[1].namespace',
    ]);
  });

  it('targetRefs and secretRefs are local only; MCP selectors may not reach other namespaces', async () => {
    const policy = await post(SUPPORT, {
      apiVersion: `${AGW}/v1alpha1`,
      kind: 'AgentgatewayPolicy',
      metadata: { name: 'far-policy' },
      spec: {
        targetRefs: [
          {
            group: GW,
            kind: 'HTTPRoute',
            name: 'search',
            namespace: 'team-search',
          },
        ],
        traffic: { timeouts: { request: '5s' } },
      },
    });
    expect(policy.status).toBe(422);
    expect(policy.body.causes.map((c: any) => c.field)).toEqual([
      'spec.targetRefs[0].namespace',
    ]);

    const secret = await post(SUPPORT, {
      ...llm('far-secret'),
      spec: {
        ai: { provider: { openai: {} } },
        policies: {
          auth: { secretRef: { name: 'k', namespace: 'team-search' } },
        },
      },
    });
    expect(secret.status).toBe(422);
    expect(secret.body.causes.map((c: any) => c.field)).toEqual([
      'spec.policies.auth.secretRef.namespace',
    ]);

    const mcp = (namespaces: object) => ({
      apiVersion: `${AGW}/v1alpha1`,
      kind: 'AgentgatewayBackend',
      metadata: { name: `mcp-${Object.keys(namespaces).length}` },
      spec: {
        mcp: {
          targets: [
            {
              name: 't',
              selector: {
                services: { matchLabels: { app: 'mcp' } },
                namespaces,
              },
            },
          ],
        },
      },
    });
    const wide = await post(SUPPORT, mcp({ matchLabels: { team: 'any' } }));
    expect(wide.status).toBe(422);
    expect(wide.body.causes.map((c: any) => c.field)).toEqual([
      'spec.mcp.targets[0].selector.namespaces',
    ]);
    const own = await request(app.server)
      .post(`${SUPPORT}/validate`)
      .send({
        object: mcp({
          matchLabels: { 'kubernetes.io/metadata.name': 'team-support' },
        }),
      });
    expect(own.body).toEqual({ valid: true, causes: [] });
  });

  it('an object selected by two entities is read-only to both (409 AmbiguousOwnership naming the claimants)', async () => {
    const tab = await request(app.server).get(`${TWIN_A}/tabs/backends`);
    const both = tab.body.items.find((i: any) => i.name === 'both');
    const claimants = ['component:default/twin-a', 'component:default/twin-b'];

    const put = await request(app.server)
      .put(`${TWIN_A}/resources/AgentgatewayBackend/both`)
      .send({ object: both.object });
    expect(put.status).toBe(409);
    expect(put.body.error.name).toBe('AmbiguousOwnership');
    expect(put.body.claimants).toEqual(claimants);
    const del = await request(app.server).delete(
      `${TWIN_B}/resources/AgentgatewayBackend/both`,
    );
    expect(del.status).toBe(409);
    expect(del.body.claimants).toEqual(claimants);
    // creating what both would select is refused too; twin-a's own label alone is only twin-a's
    const created = await post(TWIN_B, llm('new-both'));
    expect(created.status).toBe(409);
    expect(created.body.claimants).toEqual(claimants);
    expect((await post(TWIN_A, llm('new-a'))).status).toBe(201);
    // objects only one entity selects stay writable
    const onlyA = tab.body.items.find((i: any) => i.name === 'only-a');
    // an edit that would make twin-b select it too is refused
    const widened = await request(app.server)
      .put(`${TWIN_A}/resources/AgentgatewayBackend/only-a`)
      .send({
        object: {
          ...onlyA.object,
          metadata: {
            ...onlyA.object.metadata,
            labels: { ...onlyA.object.metadata.labels, tier: 'x' },
          },
        },
      });
    expect(widened.status).toBe(409);
    expect(widened.body.claimants).toEqual(claimants);
    expect(
      (
        await request(app.server)
          .put(`${TWIN_A}/resources/AgentgatewayBackend/only-a`)
          .send({ object: onlyA.object })
      ).status,
    ).toBe(200);
    expect(
      (await request(app.server).get(`${TWIN_B}/tabs/backends`)).body.items.map(
        (i: any) => i.name,
      ),
    ).toEqual(['both']);
  });
});
