import path from 'node:path';
import { buildPlan } from './plan';
import { loadObjectsFromPath } from './load';

// the demo cluster plus label-joins.yaml
const fixture = path.resolve(__dirname, '../fixtures');

describe('buildPlan', () => {
  const flows = buildPlan(loadObjectsFromPath(fixture));

  it('creates one flow per route rule backendRef and parent gateway, labelled like agentgateway', () => {
    expect(
      flows
        .map(
          f =>
            `${f.gateway} ${f.listener} ${f.route} ${f.backend} ${f.protocol}`,
        )
        .sort(),
    ).toEqual([
      'platform/ai-gateway http team-a/chat team-a/llm-failover llm',
      'platform/ai-gateway http team-a/chat team-a/openai llm',
      'platform/ai-gateway http team-a/orphan team-a/deleted http',
      'platform/ai-gateway http team-b/echo echo.team-b.svc.cluster.local:8080 http',
      'platform/ai-gateway http team-b/httpbin team-b/httpbin http',
      'platform/edge https team-a/guarded team-a/openai llm',
      'platform/mcp-gateway mcp team-b/mcp team-b/tools mcp',
      'platform/mcp-gateway mcp team-b/search team-b/search-index mcp',
    ]);
    expect(flows.find(f => f.route === 'team-b/mcp')!.bind).toBe(
      '8080/platform/mcp-gateway',
    );
  });

  it('labels a Service backendRef `hostname:port` and marks a backendRef to a missing object', () => {
    const echo = flows.find(f => f.route === 'team-b/echo')!;
    expect(echo).toMatchObject({
      backend: 'echo.team-b.svc.cluster.local:8080',
      routeRule: 'echo',
      missing: false,
    });
    expect(flows.find(f => f.route === 'team-a/orphan')!.missing).toBe(true);
    expect(flows.filter(f => f.missing)).toHaveLength(1);
  });

  it('names selector-chosen MCP targets like the controller: annotation, else service-portName, else service-port', () => {
    const search = flows.find(f => f.route === 'team-b/search')!;
    expect(search.mcp!.map(s => s.name).sort()).toEqual([
      'index-archive-3003',
      'index-docs-mcp',
      'tickets',
    ]);
  });

  it("adds the custom labels of the gateway's metrics policies", () => {
    expect(flows.find(f => f.route === 'team-b/echo')!.customLabels).toEqual([
      'client',
    ]);
    expect(flows.find(f => f.route === 'team-b/mcp')!.customLabels).toEqual([]);
  });

  it('maps LLM providers to gen_ai_system values and keeps failover groups in order', () => {
    const failover = flows.find(f => f.backend === 'team-a/llm-failover')!;
    expect(failover.llm!.map(l => `${l.system} ${l.requestModel}`)).toEqual([
      'anthropic claude-sonnet-4-5',
      'openai gpt-4o',
    ]);
  });

  it('gives MCP targets tool names and derives denials from the policies', () => {
    const mcp = flows.find(f => f.protocol === 'mcp')!;
    expect(mcp.mcp!.map(s => s.name)).toEqual(['sse-target', 'http-target']);
    mcp.mcp!.forEach(s => expect(s.tools.length).toBeGreaterThanOrEqual(2));
    expect(mcp.denials).toEqual([
      expect.objectContaining({
        status: '401',
        reason: 'JwtAuth',
        beforeBackend: true,
      }),
    ]);
    const chat = flows.find(f => f.backend === 'team-a/openai')!;
    expect(chat.denials).toEqual([
      expect.objectContaining({ status: '429', reason: 'RateLimit' }),
    ]);
    expect(flows.find(f => f.route === 'team-b/httpbin')!.denials).toEqual([]);
  });
});
