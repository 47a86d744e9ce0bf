import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import {
  ResourceItem,
  TabResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { SECRET_VALUE, seed } from '../__testUtils__/seed';
import {
  eventually,
  startPluginBackend,
  startTestEnvironment,
} from '../__testUtils__/testBackend';
import { checkedRequest } from '../__testUtils__/openApiResponses';

jest.setTimeout(60_000);

type Kube = Awaited<ReturnType<typeof startKubeLocal>>;
type Backend = Awaited<ReturnType<typeof startPluginBackend>>;

const names = (items: ResourceItem[]) =>
  items.map(i => `${i.kind} ${i.namespace}/${i.name}`).sort();
/** Every answer of these tests is checked against openapi.yaml (the request fails when one breaks it). */
const covered = new Set<string>();
const api = (backend: Backend) => checkedRequest(backend.server, covered);
const tab = (backend: Backend, entity: string, name: string) =>
  api(backend).get(`/api/ai-gateway/entity/${entity}/tabs/${name}`);

describe('ai-gateway read API against a local Kubernetes API server', () => {
  let kube: Kube;
  let backend: Backend;

  beforeAll(async () => {
    kube = await startKubeLocal({ port: 0, seed });
    backend = await startPluginBackend({
      clusters: [{ name: 'local', url: kube.url, token: kube.adminToken }],
    });
    // first request waits for the caches' first LIST
    const res = await tab(backend, 'component/default/support-bot', 'routes');
    if (!res.body.clusters?.[0]?.ok)
      throw new Error(`cluster not ready: ${res.text}`);
  });

  afterAll(async () => {
    await backend?.stop();
    await kube?.close();
  });

  it('routes tab: the entity’s routes with summaries and parent conditions, nothing of other entities', async () => {
    const res = await tab(backend, 'component/default/support-bot', 'routes');
    expect(res.status).toBe(200);
    const body: TabResponse = res.body;
    expect(body.tab).toBe('routes');
    expect(body.selection).toEqual({
      entityRef: 'component:default/support-bot',
      kubernetesId: 'support-bot',
      namespace: 'team-support',
    });
    // `stray` carries the label but lives outside the entity's namespace; `search` belongs to search-bot
    expect(names(body.items)).toEqual(['HTTPRoute team-support/support-chat']);
    const [route] = body.items;
    expect(route).toMatchObject({
      cluster: 'local',
      group: 'gateway.networking.k8s.io',
      version: 'v1',
      relation: 'owned',
      labels: { 'backstage.io/kubernetes-id': 'support-bot' },
      summary: {
        gateways: ['agentgateway-system/ai-gw'],
        matches: ['/support'],
        // the API server defaulted `weight: 1` from the CRD schema
        backends: ['AgentgatewayBackend openai (1)'],
      },
    });
    expect(route.conditions.map(c => [c.type, c.status, c.scope])).toEqual([
      ['Accepted', 'True', 'Gateway agentgateway-system/ai-gw'],
      ['ResolvedRefs', 'True', 'Gateway agentgateway-system/ai-gw'],
    ]);
    expect(route.references).toContainEqual(
      expect.objectContaining({
        role: 'parent',
        kind: 'Gateway',
        namespace: 'agentgateway-system',
        name: 'ai-gw',
      }),
    );
    expect(route.object.spec.rules[0].matches[0].path.value).toBe('/support');
    expect(route.uid).toBeTruthy();
  });

  it('all four tabs in one answer: the per-tab items as rows without objects', async () => {
    const res = await api(backend).get(
      '/api/ai-gateway/entity/component/default/support-bot/tabs',
    );
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.tabs)).toEqual([
      'gateways',
      'backends',
      'routes',
      'policies',
    ]);
    for (const name of ['gateways', 'backends', 'routes', 'policies']) {
      const one = await tab(backend, 'component/default/support-bot', name);
      const withoutObjects = one.body.items.map(
        ({ object: _o, ...row }: ResourceItem) => row,
      );
      expect(res.body.tabs[name]).toEqual(withoutObjects);
    }
    expect(res.body.selection.entityRef).toBe('component:default/support-bot');
    expect(res.body.clusters).toEqual([{ name: 'local', ok: true }]);
  });

  it('one row opened: the whole object of an object the entity selects or attaches to, else 404', async () => {
    const ref = '/api/ai-gateway/entity/component/default/support-bot';
    const own = await api(backend).get(
      `${ref}/resources/AgentgatewayBackend/openai`,
    );
    expect(own.status).toBe(200);
    expect(own.body.item).toMatchObject({
      kind: 'AgentgatewayBackend',
      name: 'openai',
      namespace: 'team-support',
      object: { spec: { ai: expect.anything() } },
    });
    expect(own.body.item.object.metadata.managedFields).toBeUndefined();
    const attached = await api(backend).get(`${ref}/resources/Gateway/ai-gw`);
    expect(attached.status).toBe(200);
    expect(attached.body.item.relation).toBe('attached');
    // search-bot's route: exists, but not this entity's
    const other = await api(backend).get(`${ref}/resources/HTTPRoute/search`);
    expect(other.status).toBe(404);
  });

  it('backends tab: backends with provider summary and Accepted condition', async () => {
    const res = await tab(backend, 'component/default/support-bot', 'backends');
    expect(res.status).toBe(200);
    expect(names(res.body.items)).toEqual([
      'AgentgatewayBackend team-support/openai',
    ]);
    const [item] = res.body.items;
    expect(item.summary).toMatchObject({
      type: 'LLM',
      provider: ['openai'],
      model: ['gpt-4o-mini'],
    });
    expect(item.conditions).toEqual([
      expect.objectContaining({
        type: 'Accepted',
        status: 'True',
        message: 'Backend successfully accepted',
      }),
    ]);
    expect(item.references).toContainEqual(
      expect.objectContaining({
        role: 'secret',
        kind: 'Secret',
        namespace: 'team-support',
        name: 'openai-secret',
      }),
    );
  });

  it('policies tab: policies with targets and ancestor conditions', async () => {
    const res = await tab(backend, 'component/default/support-bot', 'policies');
    expect(names(res.body.items)).toEqual([
      'AgentgatewayPolicy team-support/support-rate-limit',
    ]);
    const [item] = res.body.items;
    expect(item.summary).toEqual({
      targets: ['HTTPRoute support-chat'],
      sections: ['traffic.rateLimit'],
    });
    expect(
      item.conditions.map((c: any) => `${c.type}=${c.status}/${c.reason}`),
    ).toEqual(['Accepted=True/Valid', 'Attached=True/Attached']);
  });

  it('gateways tab: own gateways plus the shared gateways its routes attach to', async () => {
    const res = await tab(backend, 'component/default/support-bot', 'gateways');
    expect(res.status).toBe(200);
    const items: ResourceItem[] = res.body.items;
    expect(items.map(i => [i.namespace, i.name, i.relation])).toEqual([
      ['team-support', 'support-gw', 'owned'],
      ['agentgateway-system', 'ai-gw', 'attached'],
    ]);
    const shared = items[1];
    expect(shared.conditions.map(c => c.type)).toEqual([
      'Accepted',
      'Programmed',
    ]);
    expect(shared.summary.class).toBe('agentgateway');
  });

  it('selects by label selector annotation across namespaces', async () => {
    const routes = await tab(backend, 'component/default/search-bot', 'routes');
    expect(names(routes.body.items)).toEqual(['HTTPRoute team-search/search']);
    const gateways = await tab(
      backend,
      'component/default/search-bot',
      'gateways',
    );
    expect(
      gateways.body.items.map((i: ResourceItem) => [i.name, i.relation]),
    ).toEqual([['search-gw', 'attached']]);
  });

  it('platform overview: gateway classes, all gateways and parameters', async () => {
    const res = await api(backend).get('/api/ai-gateway/platform/overview');
    expect(res.status).toBe(200);
    expect(res.body.gatewayClasses.map((i: ResourceItem) => i.name)).toEqual([
      'agentgateway',
    ]);
    expect(res.body.gatewayClasses[0].conditions[0]).toMatchObject({
      type: 'Accepted',
      status: 'True',
    });
    expect(names(res.body.gateways)).toEqual([
      'Gateway agentgateway-system/ai-gw',
      'Gateway agentgateway-system/search-gw',
      'Gateway team-support/support-gw',
    ]);
    expect(names(res.body.parameters)).toEqual([
      'AgentgatewayParameters agentgateway-system/default-params',
    ]);
    expect(res.body.clusters).toEqual([{ name: 'local', ok: true }]);
  });

  it('answers 404 for an unknown entity and 400 for an entity without annotations', async () => {
    const missing = await tab(backend, 'component/default/nope', 'routes');
    expect(missing.status).toBe(404);
    expect(missing.body.error.name).toBe('NotFoundError');
    const bare = await tab(
      backend,
      'component/default/no-annotations',
      'routes',
    );
    expect(bare.status).toBe(400);
    expect(bare.body.error.name).toBe('EntityNotAnnotatedError');
  });

  it('rejects an unknown tab with 400 from the OpenAPI validation', async () => {
    const res = await tab(backend, 'component/default/support-bot', 'secrets');
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(/tab/);
  });

  it('requires a valid credential (401) except on /health', async () => {
    const res = await tab(
      backend,
      'component/default/support-bot',
      'routes',
    ).set('Authorization', mockCredentials.user.invalidHeader());
    expect(res.status).toBe(401);
    const overview = await api(backend)
      .get('/api/ai-gateway/platform/overview')
      .set('Authorization', mockCredentials.user.invalidHeader());
    expect(overview.status).toBe(401);
    const health = await api(backend).get('/api/ai-gateway/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({
      status: 'ok',
      clusters: [{ name: 'local', synced: true }],
    });
  });

  it('serves reads from the caches: no LIST per request, changes arrive through the watch', async () => {
    const lists = () => kube.requests.filter(r => r.verb === 'list').length;
    const before = lists();
    for (const t of ['gateways', 'backends', 'routes', 'policies']) {
      expect(
        (await tab(backend, 'component/default/support-bot', t)).status,
      ).toBe(200);
    }
    await api(backend).get('/api/ai-gateway/platform/overview');
    expect(lists()).toBe(before);

    // a new route appears through the watch, still without any LIST
    const created = await fetch(
      `${kube.url}/apis/gateway.networking.k8s.io/v1/namespaces/team-support/httproutes`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${kube.adminToken}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: {
            name: 'support-new',
            namespace: 'team-support',
            labels: { 'backstage.io/kubernetes-id': 'support-bot' },
          },
          spec: {
            parentRefs: [{ name: 'ai-gw', namespace: 'agentgateway-system' }],
          },
        }),
      },
    );
    expect(created.status).toBe(201);
    await eventually(async () => {
      const res = await tab(backend, 'component/default/support-bot', 'routes');
      expect(names(res.body.items)).toEqual([
        'HTTPRoute team-support/support-chat',
        'HTTPRoute team-support/support-new',
      ]);
    });
    expect(lists()).toBe(before);
  });

  it('secrets: the Secrets the entity selects, key names only; none of another entity', async () => {
    const res = await api(backend).get(
      '/api/ai-gateway/entity/component/default/support-bot/secrets',
    );
    expect(res.status).toBe(200);
    expect(names(res.body.items)).toEqual([
      'Secret team-support/openai-secret',
    ]);
    expect(res.body.items[0]).toMatchObject({
      cluster: 'local',
      labels: { 'backstage.io/kubernetes-id': 'support-bot' },
      summary: { type: 'Opaque', keys: ['Authorization'] },
    });
    expect(res.body.items[0].object.data).toEqual({ Authorization: '' });
    expect(res.text).not.toContain(SECRET_VALUE);
    expect(res.text).not.toContain(
      Buffer.from(SECRET_VALUE).toString('base64'),
    );
    const other = await api(backend).get(
      '/api/ai-gateway/entity/component/default/search-bot/secrets',
    );
    expect(other.status).toBe(200);
    expect(names(other.body.items)).not.toContain(
      'Secret team-support/openai-secret',
    );
  });

  it('never exposes secret values', async () => {
    const bodies = await Promise.all(
      ['gateways', 'backends', 'routes', 'policies'].map(t =>
        tab(backend, 'component/default/support-bot', t),
      ),
    );
    const overview = await api(backend).get(
      '/api/ai-gateway/platform/overview',
    );
    const base64 = Buffer.from(SECRET_VALUE).toString('base64');
    for (const text of [...bodies.map(b => b.text), overview.text]) {
      expect(text).not.toContain(SECRET_VALUE);
      expect(text).not.toContain(base64);
    }
  });
});

describe('permissions', () => {
  // runs unchanged against a real cluster (AI_GATEWAY_TEST_KUBECONFIG)
  let env: Awaited<ReturnType<typeof startTestEnvironment>>;
  let backend: Backend;
  beforeAll(async () => {
    env = await startTestEnvironment({
      seed,
      permission: AuthorizeResult.DENY,
    });
    backend = env.backend;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('answers 403 NotAllowedError when the permission policy denies', async () => {
    const res = await tab(backend, 'component/default/support-bot', 'routes');
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    const overview = await api(backend).get(
      '/api/ai-gateway/platform/overview',
    );
    expect(overview.status).toBe(403);
    const secrets = await api(backend).get(
      '/api/ai-gateway/entity/component/default/support-bot/secrets',
    );
    expect(secrets.status).toBe(403);
    for (const path of ['tabs', 'resources/AgentgatewayBackend/openai']) {
      const denied = await api(backend).get(
        `/api/ai-gateway/entity/component/default/support-bot/${path}`,
      );
      expect(denied.status).toBe(403);
    }
    const platformWrite = await api(backend)
      .post('/api/ai-gateway/platform/resources')
      .send({
        object: {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'Gateway',
          metadata: { name: 'denied', namespace: 'agentgateway-system' },
          spec: {
            gatewayClassName: 'agentgateway',
            listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
          },
        },
      });
    expect(platformWrite.status).toBe(403);
    expect(platformWrite.body.error.name).toBe('NotAllowedError');
  });
});
