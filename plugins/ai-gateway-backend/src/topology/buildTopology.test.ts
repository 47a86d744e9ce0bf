import {
  TopologyResponse,
  TrafficMetrics,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { buildTopology } from './buildTopology';
import {
  CLUSTER,
  demoSnapshot,
  demoTopologyObjects,
  entityScope,
} from './__testUtils__/data';

const node = (t: TopologyResponse, id: string) => {
  const n = t.nodes.find(x => x.id === id);
  if (!n)
    throw new Error(`no node ${id}; have ${t.nodes.map(x => x.id).join(', ')}`);
  return n;
};
const traffic = (t: TopologyResponse, id: string) =>
  node(t, id).metrics as TrafficMetrics;
const edge = (t: TopologyResponse, source: string, target: string) =>
  t.edges.find(e => e.source === source && e.target === target);

const GW = 'dev:Gateway:platform:ai-gateway';
const MCP_GW = 'dev:Gateway:platform:mcp-gateway';
const CHAT = 'dev:HTTPRoute:team-a:chat';
const OPENAI = 'dev:AgentgatewayBackend:team-a:openai';
const TOOLS = 'dev:AgentgatewayBackend:team-b:tools';

describe('buildTopology (platform scope)', () => {
  const t = buildTopology({
    objects: demoTopologyObjects(),
    metrics: { [CLUSTER]: demoSnapshot() },
    scope: { type: 'platform' },
    window: '5m',
    now: new Date('2026-01-01T00:00:00Z'),
  });

  it('builds gateways, listeners, routes, backends, targets and policies with their edges', () => {
    const byType = (type: string) =>
      t.nodes
        .filter(n => n.type === type)
        .map(n => n.label)
        .sort();
    expect(byType('gateway')).toEqual([
      'platform/ai-gateway',
      'platform/mcp-gateway',
    ]);
    expect(byType('listener')).toEqual(['http HTTP/80', 'mcp HTTP/8080']);
    expect(byType('route')).toEqual([
      'team-a/chat',
      'team-b/httpbin',
      'team-b/mcp',
    ]);
    expect(byType('backend')).toEqual([
      'team-a/llm-failover',
      'team-a/openai',
      'team-b/httpbin',
      'team-b/tools',
    ]);
    expect(byType('target')).toEqual([
      'MCP http-target',
      'MCP sse-target',
      'anthropic claude-sonnet-4-5',
      'httpbin.org:443',
      'openai gpt-4o',
      'openai gpt-4o-mini',
    ]);
    expect(byType('tool')).toEqual(['fetch', 'search']);
    expect(byType('policy')).toEqual([
      'platform/mcp-jwt',
      'team-a/chat-rate-limit',
    ]);
    expect(edge(t, `${GW}#http`, CHAT)?.type).toBe('route');
    expect(edge(t, CHAT, OPENAI)?.type).toBe('backend');
    expect(
      edge(t, 'dev:AgentgatewayPolicy:team-a:chat-rate-limit', CHAT)?.type,
    ).toBe('policy');
    expect(
      edge(t, 'dev:AgentgatewayPolicy:platform:mcp-jwt', MCP_GW)?.type,
    ).toBe('policy');
    // every edge joins two existing nodes
    const ids = new Set(t.nodes.map(n => n.id));
    t.edges.forEach(e =>
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true),
    );
    expect(t.metrics).toEqual([
      {
        cluster: 'dev',
        available: true,
        source: 'prometheus',
        collectedAt: '2026-01-01T00:00:00.000Z',
      },
    ]);
    expect(t.metricsAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('puts rates, error rates, latency, tokens, cost and tool calls on nodes and edges', () => {
    expect(traffic(t, GW)).toMatchObject({
      rps: 50,
      errorRate: 11 / 50,
      p95Ms: 3000,
    });
    expect(traffic(t, CHAT)).toMatchObject({
      rps: 10,
      errorRate: 0.1,
      p50Ms: 1000,
      p95Ms: 3000,
    });
    expect(traffic(t, CHAT).errors).toEqual([
      { status: '429', reason: 'RateLimit', rps: 1 },
    ]);
    expect(edge(t, CHAT, OPENAI)).toMatchObject({
      rps: 9,
      errorRate: 1 / 9,
      p95Ms: 2000,
    });
    expect(edge(t, `${GW}#http`, CHAT)).toMatchObject({ rps: 10 });
    expect(traffic(t, 'dev:HTTPRoute:team-b:mcp')).toMatchObject({
      rps: 4,
      errorRate: 0.25,
    });
    expect(traffic(t, `${OPENAI}#llm0`)).toEqual({
      available: true,
      tokensInPerMinute: 4000,
      tokensOutPerMinute: 1000,
      costUsdPerHour: 0.5,
    });
    expect(edge(t, OPENAI, `${OPENAI}#llm0`)?.perMinute).toBe(5000);
    expect(
      traffic(t, 'dev:AgentgatewayBackend:team-a:llm-failover#llm0')
        .tokensInPerMinute,
    ).toBe(500);
    expect(traffic(t, `${TOOLS}#mcp:sse-target`).mcpCallsPerMinute).toBe(90);
    expect(
      traffic(t, `${TOOLS}#mcp:sse-target#tool:fetch`).mcpCallsPerMinute,
    ).toBe(60);
    expect(
      traffic(t, 'dev:AgentgatewayBackend:team-b:httpbin#host'),
    ).toMatchObject({ rps: 40, errorRate: 0.25 });
  });

  it('derives node status from the registry conditions', () => {
    expect(node(t, GW).status).toBe('ok');
    expect(node(t, CHAT).status).toBe('ok');
    expect(node(t, MCP_GW).status).toBe('unknown');
    const objects = demoTopologyObjects();
    const chat = objects.find(o => o.object.metadata.name === 'chat')!.object;
    chat.status.parents[0].conditions[1] = {
      type: 'ResolvedRefs',
      status: 'False',
      reason: 'BackendNotFound',
      message: 'llm-failover not found',
    };
    const broken = buildTopology({
      objects,
      metrics: {},
      scope: { type: 'platform' },
      window: '5m',
    });
    expect(node(broken, CHAT)).toMatchObject({
      status: 'error',
      statusMessage: 'ResolvedRefs: BackendNotFound - llm-failover not found',
    });
  });
});

describe('buildTopology (entity scope)', () => {
  it("shows the entity's routes, backends and policies plus the shared gateway, with only its own traffic", () => {
    const t = buildTopology({
      objects: demoTopologyObjects(),
      metrics: { dev: demoSnapshot() },
      scope: entityScope('chat-service'),
      window: '1h',
    });
    expect(t.scope).toEqual({
      type: 'entity',
      entityRef: 'component:default/chat-service',
    });
    const labels = t.nodes
      .filter(n => n.type !== 'listener' && n.type !== 'target')
      .map(n => `${n.type} ${n.label} ${n.relation}`)
      .sort();
    expect(labels).toEqual([
      'backend team-a/llm-failover owned',
      'backend team-a/openai owned',
      'gateway platform/ai-gateway attached',
      'policy team-a/chat-rate-limit owned',
      'route team-a/chat owned',
    ]);
    // the shared gateway only counts the entity's requests (not team-b's httpbin traffic)
    expect(traffic(t, GW)).toMatchObject({ rps: 10, errorRate: 0.1 });
    expect(traffic(t, `${GW}#http`).rps).toBe(10);
  });

  it('sees platform policies on the shared gateways it attaches to, and nothing of other teams', () => {
    const t = buildTopology({
      objects: demoTopologyObjects(),
      metrics: { dev: demoSnapshot() },
      scope: entityScope('tools-service'),
      window: '5m',
    });
    const labels = t.nodes
      .filter(n => ['gateway', 'route', 'policy'].includes(n.type))
      .map(n => `${n.label} ${n.relation}`)
      .sort();
    expect(labels).toEqual([
      'platform/ai-gateway attached',
      'platform/mcp-gateway attached',
      'platform/mcp-jwt attached',
      'team-b/httpbin owned',
      'team-b/mcp owned',
    ]);
    expect(t.nodes.some(n => n.label.startsWith('team-a/'))).toBe(false);
    expect(traffic(t, GW).rps).toBe(40);
  });

  it('marks referenced objects it cannot see as external, without details', () => {
    const objects = demoTopologyObjects().filter(
      o => o.object.metadata.name !== 'llm-failover',
    );
    const t = buildTopology({
      objects,
      metrics: {},
      scope: entityScope('chat-service'),
      window: '5m',
    });
    expect(
      node(t, 'dev:AgentgatewayBackend:team-a:llm-failover'),
    ).toMatchObject({ relation: 'external', status: 'unknown', details: {} });
  });
});

describe('buildTopology without metrics', () => {
  it('still returns the graph, every node saying why it has no numbers', () => {
    const t = buildTopology({
      objects: demoTopologyObjects(),
      metrics: {
        dev: {
          available: false,
          reason: 'Prometheus at http://p:9090 is unreachable: ECONNREFUSED',
        },
      },
      scope: { type: 'platform' },
      window: '24h',
    });
    expect(t.nodes.length).toBeGreaterThan(15);
    const withoutTraffic = t.nodes.filter(n => n.type !== 'policy');
    withoutTraffic.forEach(n =>
      expect(n.metrics).toEqual({
        available: false,
        reason: 'Prometheus at http://p:9090 is unreachable: ECONNREFUSED',
      }),
    );
    t.edges.forEach(e => expect(e.rps).toBeUndefined());
    expect(t.metrics).toEqual([
      {
        cluster: 'dev',
        available: false,
        reason: 'Prometheus at http://p:9090 is unreachable: ECONNREFUSED',
      },
    ]);
  });
});
