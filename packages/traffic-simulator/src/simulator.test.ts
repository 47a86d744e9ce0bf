import path from 'node:path';
import { TrafficSimulator } from './simulator';
import { loadObjectsFromPath } from './load';

const objects = loadObjectsFromPath(
  path.resolve(__dirname, '../fixtures/demo-cluster.yaml'),
);

function sample(
  text: string,
  metric: string,
  match: Record<string, string>,
): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue;
    if (Object.entries(match).every(([k, v]) => line.includes(`${k}="${v}"`)))
      total += Number(line.split(' ').pop());
  }
  return total;
}

describe('TrafficSimulator', () => {
  it('is deterministic for a seed', () => {
    const a = new TrafficSimulator(objects, { seed: 5, startMs: 0 });
    const b = new TrafficSimulator(objects, { seed: 5, startMs: 0 });
    const c = new TrafficSimulator(objects, { seed: 6, startMs: 0 });
    a.tick(60);
    b.advanceTo(60_000);
    c.tick(60);
    expect(b.elapsedSeconds).toBe(60);
    expect(a.render()).toBe(b.render());
    expect(a.render()).not.toBe(c.render());
  });

  it('moves counters forward and produces denials, failures, tokens, cost and MCP tool calls', () => {
    const sim = new TrafficSimulator(objects, { seed: 1, startMs: 0 });
    sim.tick(120);
    const t1 = sim.render();
    sim.tick(120);
    const t2 = sim.render();
    const ok = { route: 'team-a/chat', status: '200' };
    expect(sample(t2, 'agentgateway_requests_total', ok)).toBeGreaterThan(
      sample(t1, 'agentgateway_requests_total', ok),
    );
    expect(
      sample(t2, 'agentgateway_requests_total', {
        route: 'team-a/chat',
        status: '429',
        reason: 'RateLimit',
      }),
    ).toBeGreaterThan(0);
    expect(
      sample(t2, 'agentgateway_requests_total', {
        backend: 'unknown',
        status: '401',
        reason: 'JwtAuth',
        route: 'team-b/mcp',
      }),
    ).toBeGreaterThan(0);
    expect(t2).toMatch(
      /agentgateway_requests_total\{[^}]*status="50[23]",reason="UpstreamFailure"/,
    );
    expect(
      sample(t2, 'agentgateway_gen_ai_client_token_usage_sum', {
        gen_ai_token_type: 'output',
        gen_ai_request_model: 'gpt-4o-mini',
      }),
    ).toBeGreaterThan(0);
    expect(
      sample(t2, 'agentgateway_gen_ai_client_cost_usd_total', {
        gen_ai_system: 'anthropic',
      }),
    ).toBeGreaterThan(0);
    expect(
      sample(t2, 'agentgateway_mcp_requests_total', {
        method: 'tools/call',
        server: 'sse-target',
      }),
    ).toBeGreaterThan(0);
    // label order of the Rust structs: HTTPLabels then RouteIdentifier
    expect(t2).toMatch(
      /agentgateway_requests_total\{backend="[^"]+",protocol="[^"]+",method="[^"]+",status="[^"]+",reason="[^"]+",bind="[^"]+",gateway="[^"]+",listener="[^"]+",route="[^"]+",route_rule="[^"]+"\} \d+/,
    );
    expect(t2.endsWith('# EOF\n')).toBe(true);
  });

  it('renders one gateway for a pod', () => {
    const sim = new TrafficSimulator(objects, { seed: 1, startMs: 0 });
    sim.tick(30);
    const text = sim.render('platform/mcp-gateway');
    expect(text).toContain('gateway="platform/mcp-gateway"');
    expect(text).not.toContain('gateway="platform/ai-gateway"');
    expect(text).toContain('agentgateway_build_info{tag="v1.4.1"} 1');
    expect(sim.gateways()).toEqual([
      'platform/ai-gateway',
      'platform/mcp-gateway',
    ]);
  });
});
