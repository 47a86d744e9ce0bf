/**
 * Topology benchmark: 50 gateways, 1,000 routes, 300 backends (LLM / MCP / static), 100 policies
 * (`bench-topology-fixture.ts`), with a Prometheus answering the fixed queries with one series per (route,
 * backend, status). Measures one topology request the way `TopologyService` serves it — the metrics
 * source's queries + normalization, the structural graph (per scope, patched on watch events), the metrics
 * join, the JSON body and its gzip — and prints p50/p95 wall and CPU time per phase, and the PromQL queries
 * per request. Cases:
 *
 * - after a scrape: new metrics, same objects (the first request after each scrape);
 * - after a watch event: new metrics and one route changed (a new object version);
 * - full rebuild: new metrics and every object a new version (as after a re-list);
 * - between scrapes: nothing changed (the cached body).
 *
 *   npx tsx scripts/bench-topology.ts [--iterations 40]
 */
import { performance } from 'node:perf_hooks';
import { loadavg, cpus } from 'node:os';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { PrometheusMetricsSource } from '../plugins/ai-gateway-backend/src/metrics/PrometheusMetricsSource';
import { SNAPSHOT_QUERY_IDS } from '../plugins/ai-gateway-backend/src/metrics/queries';
import { TopologyScope } from '../plugins/ai-gateway-backend/src/topology/scope';
import { TopologyCache } from '../plugins/ai-gateway-backend/src/topology/topologyCache';
import {
  BACKENDS,
  GATEWAYS,
  POLICIES,
  ROUTES,
  fakePrometheus,
  objects,
} from './bench-topology-fixture';

const iterations =
  Number(process.argv[process.argv.indexOf('--iterations') + 1]) || 40;

type Case =
  | 'after a scrape'
  | 'after a watch event'
  | 'full rebuild'
  | 'between scrapes';
const CASES: Case[] = [
  'after a scrape',
  'after a watch event',
  'full rebuild',
  'between scrapes',
];

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const at = (xs: number[], p: number) =>
  sorted(xs)[Math.min(xs.length - 1, Math.floor(p * xs.length))].toFixed(1);
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

async function main() {
  let objs = objects();
  const prometheus = fakePrometheus(objs);
  const scrape = () =>
    // a new result object per request: what the first request after each scrape sees
    new PrometheusMetricsSource({
      url: 'http://prometheus.bench',
      fetch: prometheus.fetch,
      cacheTtlMs: 60_000,
    });
  let source = scrape();
  const cache = new TopologyCache();
  let version = 0;
  const touchRoute = () => {
    const i = objs.findIndex(
      o => o.object.kind === 'HTTPRoute' && version++ >= 0,
    );
    const r = objs[(i + (version % ROUTES)) % objs.length];
    objs = objs.map(o =>
      o === r
        ? {
            cluster: o.cluster,
            object: {
              ...o.object,
              metadata: {
                ...o.object.metadata,
                resourceVersion: String(version),
              },
            },
          }
        : o,
    );
  };
  const relist = () => {
    version++;
    objs = objs.map(o => ({
      cluster: o.cluster,
      object: {
        ...o.object,
        metadata: { ...o.object.metadata, resourceVersion: String(version) },
      },
    }));
  };
  const ownTeam = (o: KubeObject) => o.metadata.namespace === 'team-7';
  const scopeOf = (entity: boolean): [string, TopologyScope] =>
    entity
      ? [
          'entity|group:default/team-7',
          {
            type: 'entity',
            entityRef: 'group:default/team-7',
            owns: (_c, o) => ownTeam(o),
          },
        ]
      : ['platform', { type: 'platform' }];

  const run = async (c: Case, entity: boolean) => {
    if (c !== 'between scrapes') source = scrape();
    if (c === 'after a watch event') touchRoute();
    if (c === 'full rebuild') relist();
    const [key, scope] = scopeOf(entity);
    const before = prometheus.count();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const snap = await source.snapshot('5m');
    const t1 = performance.now();
    const structure = cache.structure(key, objs, scope);
    const input = { metrics: { bench: snap }, window: '5m' as const };
    const built = cache.topology(key, structure, input);
    const t2 = performance.now();
    const body = cache.body(key, structure, input, []);
    const t3 = performance.now();
    const zipped = await body.gzip();
    const t4 = performance.now();
    return {
      ms: t4 - t0,
      cpu: cpuMs(process.cpuUsage(c0)),
      metrics: t1 - t0,
      graph: t2 - t1,
      json: t3 - t2,
      gzip: t4 - t3,
      queries: prometheus.count() - before,
      nodes: built.nodes.length,
      edges: built.edges.length,
      bytes: body.json.length,
      gzBytes: zipped.length,
    };
  };

  console.log(
    `${cpus().length} cores (${cpus()[0]?.model}), load average ${loadavg()
      .map(l => l.toFixed(1))
      .join(' ')}, Node ${process.version}`,
  );
  for (const c of CASES) {
    for (const entity of [false, true]) {
      await run(c, entity); // warm up (and: the case's previous state)
      const rs: Array<Awaited<ReturnType<typeof run>>> = [];
      for (let i = 0; i < iterations; i++) rs.push(await run(c, entity));
      const col = (k: 'ms' | 'cpu' | 'metrics' | 'graph' | 'json' | 'gzip') =>
        `p50 ${at(
          rs.map(r => r[k]),
          0.5,
        )} / p95 ${at(
          rs.map(r => r[k]),
          0.95,
        )}`;
      const r0 = rs[0];
      console.log(
        `[${c}] ${entity ? 'entity  ' : 'platform'} (${r0.nodes} nodes, ${
          r0.edges
        } edges, ` +
          `${(r0.bytes / 1024).toFixed(0)} KB JSON, ${(
            r0.gzBytes / 1024
          ).toFixed(0)} KB gzip): ` +
          `request ms ${col('ms')}; CPU ms ${col('cpu')} | metrics read ${col(
            'metrics',
          )}, graph ${col('graph')}, ` +
          `JSON ${col('json')}, gzip ${col(
            'gzip',
          )}; PromQL queries per request: ${[
            ...new Set(rs.map(r => r.queries)),
          ].join(', ')} ` +
          `(fixed set: ${
            SNAPSHOT_QUERY_IDS.length
          }); load ${loadavg()[0].toFixed(1)}`,
      );
    }
  }
  console.log(
    `${GATEWAYS} gateways / ${ROUTES} routes / ${BACKENDS} backends / ${POLICIES} policies, ${iterations} requests per line`,
  );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
