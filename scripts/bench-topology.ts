/**
 * Topology benchmark: 50 gateways, 1,000 routes, 300 backends (LLM / MCP / static), 100 policies, with a
 * Prometheus answering the fixed queries with one series per (route, backend, status). Measures one
 * topology request end to end (the metrics source's queries + normalization + graph building) and prints
 * p50/p95 latency and the number of PromQL queries per request.
 *
 *   npx tsx scripts/bench-topology.ts [--iterations 40]
 */
import { performance } from 'node:perf_hooks';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { PrometheusMetricsSource } from '../plugins/ai-gateway-backend/src/metrics/PrometheusMetricsSource';
import { SNAPSHOT_QUERY_IDS } from '../plugins/ai-gateway-backend/src/metrics/queries';
import { buildTopology } from '../plugins/ai-gateway-backend/src/topology/buildTopology';
import { TopologyObject } from '../plugins/ai-gateway-backend/src/topology/scope';
import { TopologyCache } from '../plugins/ai-gateway-backend/src/topology/topologyCache';

const GATEWAYS = 50;
const ROUTES = 1000;
const BACKENDS = 300;
const POLICIES = 100;
const iterations =
  Number(process.argv[process.argv.indexOf('--iterations') + 1]) || 40;

function objects(): TopologyObject[] {
  const out: KubeObject[] = [];
  for (let g = 0; g < GATEWAYS; g++) {
    out.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: `gw-${g}`, namespace: 'platform' },
      spec: {
        gatewayClassName: 'agentgateway',
        listeners: [
          { name: 'http', protocol: 'HTTP', port: 80 },
          { name: 'https', protocol: 'HTTPS', port: 443 },
        ],
      },
      status: {
        conditions: [
          { type: 'Accepted', status: 'True' },
          { type: 'Programmed', status: 'True' },
        ],
      },
    });
  }
  for (let b = 0; b < BACKENDS; b++) {
    const spec =
      b % 3 === 0
        ? { ai: { provider: { openai: { model: `gpt-${b % 7}` } } } }
        : b % 3 === 1
        ? {
            mcp: {
              targets: [
                { name: `t${b}`, static: { host: `mcp-${b}.svc`, port: 8080 } },
                {
                  name: `u${b}`,
                  static: { host: `mcp2-${b}.svc`, port: 8080 },
                },
              ],
            },
          }
        : { static: { host: `svc-${b}.example.com`, port: 443 } };
    out.push({
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayBackend',
      metadata: { name: `b-${b}`, namespace: `team-${b % 40}` },
      spec,
      status: { conditions: [{ type: 'Accepted', status: 'True' }] },
    });
  }
  for (let r = 0; r < ROUTES; r++) {
    const b1 = r % BACKENDS;
    const b2 = (r * 7 + 3) % BACKENDS;
    out.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: `r-${r}`, namespace: `team-${r % 40}` },
      spec: {
        parentRefs: [
          {
            name: `gw-${r % GATEWAYS}`,
            namespace: 'platform',
            sectionName: 'http',
          },
        ],
        rules: [
          {
            backendRefs: [
              {
                group: 'agentgateway.dev',
                kind: 'AgentgatewayBackend',
                name: `b-${b1}`,
                namespace: `team-${b1 % 40}`,
                weight: 90,
              },
            ],
          },
          {
            backendRefs: [
              {
                group: 'agentgateway.dev',
                kind: 'AgentgatewayBackend',
                name: `b-${b2}`,
                namespace: `team-${b2 % 40}`,
                weight: 10,
              },
            ],
          },
        ],
      },
    });
  }
  for (let p = 0; p < POLICIES; p++) {
    out.push({
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayPolicy',
      metadata: { name: `p-${p}`, namespace: `team-${(p * 10) % 40}` },
      spec: {
        targetRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'HTTPRoute',
            name: `r-${p * 10}`,
          },
        ],
        traffic: { rateLimit: { local: [{ requests: 10, unit: 'Minutes' }] } },
      },
    });
  }
  return out.map(object => ({ cluster: 'bench', object }));
}

/** The vector Prometheus would answer for each fixed query on this fleet. */
function vectorFor(query: string, objs: TopologyObject[]): unknown[] {
  const routes = objs
    .filter(o => o.object.kind === 'HTTPRoute')
    .map(o => o.object);
  const rows: unknown[] = [];
  for (const r of routes) {
    const route = `${r.metadata.namespace}/${r.metadata.name}`;
    const gateway = `platform/${r.spec.parentRefs[0].name}`;
    for (const rule of r.spec.rules) {
      const ref = rule.backendRefs[0];
      const backend = `${ref.namespace}/${ref.name}`;
      const base = { gateway, listener: 'http', route, backend };
      if (query.startsWith('histogram_quantile'))
        rows.push({ metric: base, value: [0, String(Math.random())] });
      else if (query.includes('agentgateway_requests_total')) {
        rows.push({
          metric: { ...base, status: '200', reason: 'Upstream' },
          value: [0, '3.5'],
        });
        rows.push({
          metric: { ...base, status: '429', reason: 'RateLimit' },
          value: [0, '0.2'],
        });
        rows.push({
          metric: { ...base, status: '503', reason: 'UpstreamFailure' },
          value: [0, '0.05'],
        });
      } else if (query.includes('token_usage')) {
        for (const type of ['input', 'output'])
          rows.push({
            metric: {
              gateway,
              route,
              gen_ai_system: 'openai',
              gen_ai_request_model: 'gpt-1',
              gen_ai_token_type: type,
            },
            value: [0, '900'],
          });
      } else if (query.includes('cost_usd')) {
        rows.push({
          metric: {
            gateway,
            route,
            gen_ai_system: 'openai',
            gen_ai_request_model: 'gpt-1',
          },
          value: [0, '0.3'],
        });
      } else if (query.includes('mcp_requests')) {
        rows.push({
          metric: {
            gateway,
            route,
            server: `t${ref.name.slice(2)}`,
            resource: 'fetch',
            method: 'tools/call',
          },
          value: [0, '12'],
        });
      }
    }
  }
  return rows;
}

async function main() {
  const objs = objects();
  let queries = 0;
  // answers are prepared once per query, so the timings are this plugin's work (HTTP client, JSON, graph)
  const answers = new Map<string, string>();
  const fakeFetch = (async (_url: string, init: RequestInit) => {
    queries++;
    const q = new URLSearchParams(String(init.body)).get('query') ?? '';
    if (!answers.has(q))
      answers.set(
        q,
        JSON.stringify({
          status: 'success',
          data: { resultType: 'vector', result: vectorFor(q, objs) },
        }),
      );
    return new Response(answers.get(q), {
      headers: { 'Content-Type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  // cold: every request reads the metrics and builds the graph (what a request right after a scrape pays)
  const coldSource = new PrometheusMetricsSource({
    url: 'http://prometheus.bench',
    fetch: fakeFetch,
    cacheTtlMs: 0,
  });
  // between scrapes: metrics cached for cacheSeconds, the built graph reused per (scope, window)
  const warmSource = new PrometheusMetricsSource({
    url: 'http://prometheus.bench',
    fetch: fakeFetch,
    cacheTtlMs: 60_000,
  });
  let source = coldSource;
  let cache: TopologyCache | undefined;
  const ownTeam = (o: KubeObject) => o.metadata.namespace === 'team-7';

  const run = async (entity: boolean) => {
    const before = queries;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const snap = await source.snapshot('5m');
    const t1 = performance.now();
    const build = () =>
      buildTopology({
        objects: objs,
        metrics: { bench: snap },
        scope: entity
          ? {
              type: 'entity',
              entityRef: 'group:default/team-7',
              owns: (_c, o) => ownTeam(o),
            }
          : { type: 'platform' },
        window: '5m',
      });
    const topo = cache
      ? cache.get(
          `${entity}|5m`,
          TopologyCache.fingerprint(objs),
          { bench: snap },
          build,
        )
      : build();
    const t2 = performance.now();
    const cpu = process.cpuUsage(c0);
    return {
      ms: t2 - t0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      buildMs: t2 - t1,
      queries: queries - before,
      nodes: topo.nodes.length,
      edges: topo.edges.length,
    };
  };

  for (const mode of ['cold', 'between scrapes'] as const) {
    source = mode === 'cold' ? coldSource : warmSource;
    cache = mode === 'cold' ? undefined : new TopologyCache();
    for (const entity of [false, true]) {
      await run(entity); // warm up
      const results = [];
      for (let i = 0; i < iterations; i++) results.push(await run(entity));
      const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
      const ms = sorted(results.map(r => r.ms));
      const build = sorted(results.map(r => r.buildMs));
      const cpu = sorted(results.map(r => r.cpuMs));
      const at = (xs: number[], p: number) =>
        xs[Math.min(xs.length - 1, Math.floor(p * xs.length))].toFixed(1);
      const pct = (p: number) => at(ms, p);
      const perRequest = [...new Set(results.map(r => r.queries))];
      console.log(
        `[${mode}] ${
          entity ? 'entity  ' : 'platform'
        } scope: ${GATEWAYS} gateways / ${ROUTES} routes / ${BACKENDS} backends / ${POLICIES} policies → ` +
          `${results[0].nodes} nodes, ${
            results[0].edges
          } edges; request p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms ` +
          `(graph building p50 ${at(build, 0.5)} ms, p95 ${at(
            build,
            0.95,
          )} ms; CPU time p50 ${at(cpu, 0.5)} ms, p95 ${at(cpu, 0.95)} ms) ` +
          `over ${iterations} requests; ` +
          `PromQL queries per request: ${perRequest.join(', ')} (fixed set: ${
            SNAPSHOT_QUERY_IDS.length
          })`,
      );
    }
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
