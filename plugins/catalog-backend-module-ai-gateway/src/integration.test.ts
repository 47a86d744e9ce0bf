/*
 * The REAL catalog backend + the AI Gateway backend plugin reading kube-local seeded with the demo cluster +
 * this module: after the provider runs, the catalog serves the gateway's APIs with definitions and relations.
 */
import { resolve } from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import {
  McpDemoServer,
  startMcpDemoServer,
} from '@ai-gateway-backstage/mcp-demo-server';
// end-to-end test: the real AI Gateway backend plugin serves the snapshot this module reads
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import aiGatewayPlugin from '@ai-gateway-backstage/plugin-ai-gateway-backend';
import { catalogModuleAiGateway } from './module';

jest.setTimeout(240_000);

const ROOT = resolve(__dirname, '../../..');

async function eventually<T>(check: () => Promise<T>, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise(r => setTimeout(r, 500));
    }
  }
}

const rels = (e: Entity) =>
  (e.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort();

describe('catalog discovery end to end (real catalog, kube-local with the demo cluster)', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let demo: McpDemoServer;

  beforeAll(async () => {
    // the demo's MCP servers and A2A agent (official SDKs), reached through the development endpoints
    demo = await startMcpDemoServer({ port: 0 });
    kube = await startKubeLocal({
      port: 0,
      seedFiles: [resolve(ROOT, 'examples/cluster')],
    });
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleAiGateway,
        aiGatewayPlugin,
        // the real scheduler: the provider's task runs on its schedule, not only once at start-up
        schedulerServiceFactory,
        mockServices.rootLogger.factory({
          level: (process.env.DB_LOG as any) ?? 'error',
        }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [
                {
                  allow: [
                    'User',
                    'Group',
                    'System',
                    'Component',
                    'Domain',
                    'Resource',
                    'API',
                    'Location',
                  ],
                },
              ],
              locations: ['org', 'systems', 'components'].map(f => ({
                type: 'file',
                target: resolve(ROOT, `examples/catalog/${f}.yaml`),
              })),
            },
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'local',
                      url: kube.url,
                      authProvider: 'serviceAccount',
                      serviceAccountToken: kube.adminToken,
                      skipTLSVerify: true,
                    },
                  ],
                },
              ],
            },
            aiGateway: {
              cache: { initialBackoffMs: 100, maxBackoffMs: 500 },
              ownership: { refreshSeconds: 1 },
              mcp: {
                endpoints: [
                  {
                    backend: 'team-support/support-kb-mcp',
                    target: 'knowledge-base',
                    url: `${demo.url}/support-kb/mcp`,
                  },
                ],
              },
              a2a: {
                endpoints: [
                  {
                    backend: 'team-payments/payments-agent-a2a',
                    url: demo.a2aAgents[0].url,
                  },
                ],
              },
              gateways: [
                {
                  gateway: 'agentgateway-system/ai-gateway',
                  url: 'https://ai.example.com',
                },
              ],
              catalog: {
                defaultOwner: 'group:default/platform-team',
                platformOwner: 'group:default/platform-team',
                debounceMs: 100,
                schedule: {
                  frequency: { seconds: 2 },
                  timeout: { seconds: 60 },
                  initialDelay: { seconds: 0 },
                },
              },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await kube?.close();
    await demo?.close();
  });

  const get = (path: string) => request(backend.server).get(path);
  const entity = async (ref: string) => {
    const [kind, rest] = ref.split(':');
    const [ns, name] = rest.split('/');
    const res = await get(
      `/api/catalog/entities/by-name/${kind}/${ns}/${name}`,
    );
    if (res.status !== 200) throw new Error(`${ref}: ${res.status}`);
    return res.body as Entity;
  };

  it('the catalog lists the APIs with their definitions, owners and relations', async () => {
    const api = await eventually(async () => {
      const e = await entity('api:default/team-support.support-openai');
      // owners come from the catalog itself: wait until the components were ingested and related
      expect(e.spec?.owner).toBe('group:default/team-support');
      expect(rels(e)).toContain(
        'apiProvidedBy component:default/support-assistant',
      );
      return e;
    });
    expect(rels(api)).toEqual(
      expect.arrayContaining([
        'apiProvidedBy component:default/support-assistant',
        'dependsOn resource:default/agentgateway-system.ai-gateway',
        'dependsOn resource:default/team-support.support-openai',
        'ownedBy group:default/team-support',
        'partOf system:default/customer-support',
      ]),
    );
    const def = JSON.parse(api.spec!.definition as string);
    expect(def.servers).toEqual([{ url: 'https://ai.example.com' }]);
    expect(def['x-ai-gateway'].models).toEqual(['gpt-4.1-mini']);
    expect(api.metadata.annotations).toMatchObject({
      'backstage.io/kubernetes-id': 'support-assistant',
      'ai-gateway.backstage.io/auth': 'api-key',
    });

    // discovery (MCP tools, A2A card) changes definitions a few seconds in: the catalog restitches those entities
    const byName = await eventually(async () => {
      const list = await get('/api/catalog/entities?filter=kind=api');
      expect(list.status).toBe(200);
      const names = new Map<string, Entity>(
        list.body.map((e: Entity) => [e.metadata.name, e]),
      );
      expect([...names.keys()].sort()).toEqual(
        expect.arrayContaining([
          'team-payments.payments-agent',
          'team-search.model.gemini-2.5-flash',
          'team-search.search-tools-mcp',
          'team-support.support-chat',
          'team-support.support-kb-mcp',
          'team-support.support-openai',
        ]),
      );
      return names;
    }, 30_000);
    expect(byName.get('team-support.support-kb-mcp')!.spec).toMatchObject({
      type: 'mcp-server',
    });
    expect(byName.get('team-payments.payments-agent')!.spec).toMatchObject({
      type: 'a2a',
      owner: 'group:default/team-payments',
    });
    for (const e of byName.values())
      expect(typeof e.spec?.definition).toBe('string');

    // the component provides its APIs (relation emitted by the processor, not its YAML)
    const component = await entity('component:default/support-assistant');
    expect(rels(component)).toEqual(
      expect.arrayContaining([
        'providesApi api:default/team-support.support-openai',
        'providesApi api:default/team-support.support-kb-mcp',
      ]),
    );
    const gateway = await entity(
      'resource:default/agentgateway-system.ai-gateway',
    );
    expect(gateway.spec).toMatchObject({
      type: 'ai-gateway',
      owner: 'group:default/platform-team',
    });
  });

  it('the A2A API carries the agent card the demo agent serves, with its skills; the MCP API pages its stored tools', async () => {
    const agent = await eventually(async () => {
      const e = await entity('api:default/team-payments.payments-agent');
      expect(
        e.metadata.annotations?.['ai-gateway.backstage.io/discovery-status'],
      ).toBe('ok');
      return e;
    });
    const def = JSON.parse(agent.spec!.definition as string);
    expect(def.agentCard.name).toBe('Payments agent');
    expect(def.agentCard.skills.map((s: { name: string }) => s.name)).toEqual([
      'Payment status',
      'Refund a payment',
      'Explain an invoice',
    ]);
    expect(def.discovery.cardUrl).toBe(
      `${demo.a2aAgents[0].url}/.well-known/agent-card.json`,
    );
    expect(agent.metadata.tags).toEqual(
      expect.arrayContaining(['a2a', 'refunds']),
    );

    const tools = await eventually(async () => {
      const res = await get(
        '/api/ai-gateway/discovery/apis/default/team-support.support-kb-mcp/tools?limit=2',
      ).set('Authorization', mockCredentials.user.header('user:default/guest'));
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ok');
      return res.body;
    });
    expect(tools.items).toHaveLength(2);
    expect(tools.total).toBeGreaterThanOrEqual(4);
    expect(tools.nextCursor).toBeDefined();
    const search = await get(
      '/api/ai-gateway/discovery/apis/default/team-support.support-kb-mcp/tools?q=create_issue',
    ).set('Authorization', mockCredentials.user.header('user:default/guest'));
    expect(search.body.items.map((t: { name: string }) => t.name)).toEqual([
      'create_issue',
    ]);
  });

  it('the snapshot is for service principals only', async () => {
    const asUser = await get('/api/ai-gateway/discovery/snapshot').set(
      'Authorization',
      mockCredentials.user.header('user:default/guest'),
    );
    expect(asUser.status).toBe(403);
    const asService = await get('/api/ai-gateway/discovery/snapshot').set(
      'Authorization',
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('plugin:catalog'),
        targetPluginId: 'ai-gateway',
      }),
    );
    expect(asService.status).toBe(200);
    expect(asService.body.complete).toBe(true);
  });

  it('a deleted route: its API disappears from the catalog', async () => {
    await entity('api:default/team-support.support-anthropic');
    const res = await fetch(
      `${kube.url}/apis/gateway.networking.k8s.io/v1/namespaces/team-support/httproutes/support-anthropic`,
      {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${kube.adminToken}` },
      },
    );
    expect(res.status).toBe(200);
    await eventually(async () => {
      const r = await get(
        '/api/catalog/entities/by-name/api/default/team-support.support-anthropic',
      );
      expect(r.status).toBe(404);
    }, 60_000);
  });
});
