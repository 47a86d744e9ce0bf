import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { planMcpDiscovery } from './targets';
import { cachesWith, exampleObjects } from './__testUtils__/caches';

const noConfig = { endpoints: [], gateways: new Map<string, string>() };

describe('planMcpDiscovery', () => {
  it('connects to each static target of the demo federated backend, prefixing names', async () => {
    const objects = exampleObjects();
    const { caches } = await cachesWith(objects);
    const backend = caches.get(
      'local',
      'AgentgatewayBackend',
      'team-search',
      'search-tools-mcp',
    )!;
    const plan = planMcpDiscovery(caches, 'local', backend, noConfig);
    expect(plan.via).toBe('targets');
    expect(plan.prefix).toBe(true);
    expect(plan.connections).toEqual([
      {
        target: 'web-fetcher',
        url: 'http://search-web-fetcher.team-search.svc.cluster.local:80/sse',
        transport: 'sse',
        headers: {},
      },
      {
        target: 'vector-db',
        url: 'http://vector-mcp.team-search.svc.cluster.local:9090/mcp',
        transport: 'streamable-http',
        headers: {},
      },
    ]);
    // Services are not among the cached kinds: the selector target stays unresolved
    expect(plan.unresolved).toEqual(['indexes']);
  });

  it('goes through the gateway URL (aiGateway.gateways + the route path) when configured', async () => {
    const { caches } = await cachesWith(exampleObjects());
    const backend = caches.get(
      'local',
      'AgentgatewayBackend',
      'team-support',
      'support-kb-mcp',
    )!;
    const gateways = new Map([
      ['agentgateway-system/ai-gateway', 'https://ai.example.com'],
    ]);
    const plan = planMcpDiscovery(caches, 'local', backend, {
      endpoints: [],
      gateways,
    });
    expect(plan).toMatchObject({
      via: 'gateway',
      prefix: false,
      connections: [
        { url: 'https://ai.example.com/support/mcp', transport: 'auto' },
      ],
    });
    const perCluster = new Map([
      ['other:agentgateway-system/ai-gateway', 'https://other.example.com'],
    ]);
    expect(
      planMcpDiscovery(caches, 'local', backend, {
        endpoints: [],
        gateways: perCluster,
      }).via,
    ).toBe('targets');
    // explicit development endpoints win over the gateway URL
    const endpoint = {
      backend: 'team-support/support-kb-mcp',
      target: 'knowledge-base',
      url: 'http://127.0.0.1:7010/x',
      transport: 'auto' as const,
      headers: {},
    };
    expect(
      planMcpDiscovery(caches, 'local', backend, {
        endpoints: [endpoint],
        gateways,
      }).via,
    ).toBe('targets');
  });

  it('prefers a whole-backend development endpoint, then per-target ones', async () => {
    const backend: KubeObject = {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayBackend',
      metadata: { name: 'kb', namespace: 'ns' },
      spec: {
        mcp: {
          targets: [
            {
              name: 'kb',
              static: { backendRef: { name: 'kb-svc' }, port: 8080 },
            },
          ],
        },
      },
    };
    const { caches } = await cachesWith([backend]);
    expect(
      planMcpDiscovery(caches, 'local', backend, noConfig).connections[0].url,
    ).toBe('http://kb-svc.ns.svc.cluster.local:8080/mcp');
    const endpoint = {
      backend: 'ns/kb',
      url: 'http://localhost:7010/kb/mcp',
      transport: 'auto' as const,
      headers: {},
    };
    expect(
      planMcpDiscovery(caches, 'local', backend, {
        ...noConfig,
        endpoints: [endpoint],
      }),
    ).toMatchObject({
      via: 'endpoint',
      connections: [{ url: 'http://localhost:7010/kb/mcp' }],
    });
    const otherCluster = { ...endpoint, cluster: 'prod' };
    expect(
      planMcpDiscovery(caches, 'local', backend, {
        ...noConfig,
        endpoints: [otherCluster],
      }).via,
    ).toBe('targets');
  });
});
