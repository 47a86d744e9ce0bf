import fs from 'node:fs';
import path from 'node:path';
import {
  TopologyResponse,
  TrafficMetrics,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { parseExposition } from '../metrics/exposition';
import { sumBy } from '../metrics/evaluate';
import { normalizeSnapshot } from '../metrics/normalize';
import { SNAPSHOT_GROUPING } from '../metrics/queries';
import { VectorSample } from '../metrics/types';
import { buildTopology } from './buildTopology';
import { backendIdentity } from './labels';
import { TOPOLOGY_KINDS } from './TopologyService';
import { allFixtureObjects } from '../metrics/__testUtils__/simulator';
import { CLUSTER } from './__testUtils__/data';

/** The proxy's exposition (see metrics/fixtures/README.md), its counter values read as per-second rates. */
function fixtureSnapshot() {
  const text = fs.readFileSync(
    path.join(__dirname, '../metrics/fixtures/agentgateway-real.prom'),
    'utf8',
  );
  const samples = parseExposition(text);
  const of = (name: string): VectorSample[] =>
    samples
      .filter(s => s.name === name)
      .map(s => ({ metric: s.labels, value: s.value }));
  const g = SNAPSHOT_GROUPING;
  return normalizeSnapshot(
    {
      requests: sumBy(of('agentgateway_requests_total'), g.requests),
      latencyP50: [],
      latencyP95: [],
      ttftP50: [],
      ttftP95: [],
      tpotP50: [],
      tpotP95: [],
      tokens: [],
      cost: [],
      mcp: sumBy(of('agentgateway_mcp_requests_total'), g.mcp, 1),
    },
    {
      source: 'pod-proxy',
      window: '5m',
      collectedAt: new Date('2026-01-01T00:00:00Z'),
    },
  );
}

const node = (t: TopologyResponse, id: string) => {
  const n = t.nodes.find(x => x.id === id);
  if (!n)
    throw new Error(`no node ${id}; have ${t.nodes.map(x => x.id).join(', ')}`);
  return n;
};

describe('label-value joins on what agentgateway emits', () => {
  // the backend's caches hold the topology kinds only (no Services)
  const objects = allFixtureObjects()
    .filter(o => TOPOLOGY_KINDS.includes(o.kind))
    .map(object => ({ cluster: CLUSTER, object }));
  const t = buildTopology({
    objects,
    metrics: { [CLUSTER]: fixtureSnapshot() },
    scope: { type: 'platform' },
    window: '5m',
  });

  it('maps a Service hostname:port backend label to the Service, any cluster domain', () => {
    expect(backendIdentity('echo.team-b.svc.cluster.local:8080')).toBe(
      'Service:team-b/echo',
    );
    expect(backendIdentity('echo.team-b.svc.corp.example:80')).toBe(
      'Service:team-b/echo',
    );
    expect(backendIdentity('team-b/echo')).toBe('team-b/echo');
    expect(backendIdentity('unknown')).toBe('unknown');
  });

  it('puts Service backendRef traffic on the route → Service edge (1 + 2 + 3 req/s)', () => {
    const route = 'dev:HTTPRoute:team-b:echo';
    const svc = 'dev:Service:team-b:echo';
    const e = t.edges.find(x => x.source === route && x.target === svc);
    expect(e?.rps).toBeCloseTo(6);
    expect((node(t, svc).metrics as TrafficMetrics).rps).toBeCloseTo(6);
  });

  it('attributes MCP servers chosen by selector to the selector target, with their tools', () => {
    const backend = 'dev:AgentgatewayBackend:team-b:search-index';
    const selector = `${backend}#selector:indexes`;
    expect(node(t, selector).details.servers).toEqual([
      'index-docs-mcp',
      'tickets',
    ]);
    expect(
      (node(t, selector).metrics as TrafficMetrics).mcpCallsPerMinute,
    ).toBeCloseTo(12);
    const docs = `${backend}#mcp:index-docs-mcp`;
    expect(
      t.edges.find(x => x.source === selector && x.target === docs),
    ).toBeDefined();
    expect(
      (node(t, `${docs}#tool:search`).metrics as TrafficMetrics)
        .mcpCallsPerMinute,
    ).toBeCloseTo(7);
  });

  it('shows a route whose backend is missing as 500 NoHealthyBackend', () => {
    const m = node(t, 'dev:HTTPRoute:team-a:orphan').metrics as TrafficMetrics;
    expect(m.rps).toBeCloseTo(4);
    expect(m.errorRate).toBe(1);
    expect(m.errors).toEqual([
      { status: '500', reason: 'NoHealthyBackend', rps: 4 },
    ]);
  });
});
