/**
 * Topology benchmark: 50 gateways, 1,000 routes, 300 backends (LLM / MCP / static), 100 policies
 * (`bench-topology-fixture.ts`), served by the real `TopologyService` with the real metrics flow: a
 * `MetricsService` whose background feed reads a Prometheus-like source (10 fixed PromQL queries answered
 * with one series per route, backend and status, through the real HTTP client, JSON parsing and
 * normalization) on its timer, and whose data changes with every scrape. Per scrape it times, for the
 * platform graph and an entity's (`team-7`), wall and CPU p50/p95 of a request (body + gzip):
 *
 * - first after a scrape: the first request once the feed has published the new numbers;
 * - between scrapes: the next request;
 * - after a watch event: one of the entity's routes got a new version, which its kind cache announces;
 *
 * and the background work per scrape (the read; the read plus joining, serializing and gzipping the graphs
 * asked for), which no request waits for. The first request of a window (the only one that waits for the
 * read) is printed once. process.cpuUsage counts the whole process, so each request's figures are also
 * given over the requests during which no background read or preparation was in flight.
 *
 * Prometheus runs in a child process behind a real HTTP server (`--in-process-prometheus`: a fake fetch in
 * this process, as before, whose answer generation then counts in this process's CPU and garbage).
 * process.cpuUsage over a request of a millisecond is coarse while other threads run (V8's concurrent GC,
 * the libuv pool): Linux adds a running thread's time to the process total in steps (ticks and context
 * switches), so a 0.5 ms request can show several ms; the main-thread figure is the request's own JS.
 *
 *   npx tsx scripts/bench-topology.ts [--iterations 40] [--interval-ms 1000] [--in-process-prometheus]
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KubeObject,
  MetricsWindow,
  TopologyResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { CacheChange } from '../plugins/ai-gateway-backend/src/cache/KindCache';
import type {
  ChangeAnnouncer,
  TopologyReader,
} from '../plugins/ai-gateway-backend/src/topology/objectFeed';
import { AccessControl } from '../plugins/ai-gateway-backend/src/permissions/AccessControl';
import { MetricsService } from '../plugins/ai-gateway-backend/src/metrics/config';
import { PrometheusMetricsSource } from '../plugins/ai-gateway-backend/src/metrics/PrometheusMetricsSource';
import { SNAPSHOT_QUERY_IDS } from '../plugins/ai-gateway-backend/src/metrics/queries';
import { MetricsSource } from '../plugins/ai-gateway-backend/src/metrics/types';
import { TopologyService } from '../plugins/ai-gateway-backend/src/topology/TopologyService';
import { TopologyBody } from '../plugins/ai-gateway-backend/src/topology/topologyCache';
import {
  BACKENDS,
  GATEWAYS,
  POLICIES,
  ROUTES,
  fakePrometheus,
  objects,
  startPrometheusProcess,
} from './bench-topology-fixture';

const arg = (name: string) =>
  Number(process.argv[process.argv.indexOf(name) + 1]) || undefined;
const iterations = arg('--iterations') ?? 40;
const intervalMs = arg('--interval-ms') ?? 1000;
const WINDOW: MetricsWindow = '5m';
const CLUSTER = 'bench';
const ENTITY = 'group:default/team-7';

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[
    Math.min(xs.length - 1, Math.floor(p * xs.length))
  ];
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 0.5).toFixed(1)} / p95 ${pct(xs, 0.95).toFixed(1)}`;
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
/**
 * CPU time of the main (JavaScript) thread alone, from Linux's schedstat (ns): process.cpuUsage also
 * counts V8's concurrent GC threads and the libuv pool, which run other work of the process meanwhile.
 */
const MAIN_THREAD = `/proc/self/task/${process.pid}/schedstat`;
const mainThreadMs = () =>
  existsSync(MAIN_THREAD)
    ? Number(readFileSync(MAIN_THREAD, 'utf8').split(' ')[0]) / 1e6
    : NaN;
const load = () =>
  loadavg()
    .map(l => l.toFixed(1))
    .join(' / ');
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * The watch caches' view of the fleet: objects per kind, replaced (new version) on a watch event, which
 * the kind's cache announces to its subscribers as ResourceCaches' KindCache does.
 */
function fleetReader() {
  const byKind = new Map<string, KubeObject[]>();
  for (const { object } of objects()) {
    const list = byKind.get(object.kind) ?? [];
    list.push(object);
    byKind.set(object.kind, list);
  }
  const listeners = new Map<string, Set<(change: CacheChange) => void>>();
  const announcers = new Map<string, ChangeAnnouncer>();
  // per kind, the objects by namespace, as ResourceCaches' index answers a namespace query
  const inNamespace = (kind: string, ns: string) =>
    (byKind.get(kind) ?? []).filter(o => (o.metadata.namespace ?? '') === ns);
  const byNamespace = new Map<string, KubeObject[]>();
  const reader: TopologyReader = {
    clusterNames: () => [CLUSTER],
    query: (_c, kind, q) =>
      q?.namespaces
        ? q.namespaces.flatMap(ns => {
            const k = `${kind}|${ns}`;
            let list = byNamespace.get(k);
            if (!list) byNamespace.set(k, (list = inNamespace(kind, ns)));
            return list;
          })
        : byKind.get(kind) ?? [],
    get: (_c, kind, ns, name) =>
      byKind
        .get(kind)
        ?.find(o => o.metadata.namespace === ns && o.metadata.name === name),
    clusterState: name => ({ name, ok: true }),
    waitUntilSettled: async () => undefined,
    cacheStates: () => [],
    cache: (_c, kind) => {
      let announcer = announcers.get(kind);
      if (!announcer)
        announcers.set(
          kind,
          (announcer = {
            subscribe: listener => {
              const set = listeners.get(kind) ?? new Set();
              listeners.set(kind, set.add(listener));
              return () => set.delete(listener);
            },
          }),
        );
      return announcer;
    },
  };
  let version = 0;
  /** a new version of one of team-7's routes (r-7, r-47, ...) */
  const touchRoute = () => {
    const routes = byKind.get('HTTPRoute')!;
    const name = `r-${7 + 40 * (version % Math.floor(ROUTES / 40))}`;
    const i = routes.findIndex(o => o.metadata.name === name);
    version++;
    const old = routes[i];
    routes[i] = {
      ...old,
      metadata: { ...old.metadata, resourceVersion: `bench-${version}` },
    };
    // the index holds the new version in place, as ResourceCaches' upsert does
    const same = byNamespace.get(`HTTPRoute|${old.metadata.namespace ?? ''}`);
    if (same) same[same.indexOf(old)] = routes[i];
    const change: CacheChange = { type: 'upsert', object: routes[i] };
    listeners.get('HTTPRoute')?.forEach(l => l(change));
  };
  return { reader, touchRoute };
}

const allow: PermissionsService = {
  authorize: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
};
const credentials: BackstageCredentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: 'user:default/bench' },
};

async function main() {
  const { reader, touchRoute } = fleetReader();
  // Prometheus in a child process behind a real HTTP server (default), or its answers from a fake fetch in
  // this process (--in-process-prometheus: its CPU and garbage then count in this process's figures)
  let queries = 0;
  const inProcess = process.argv.includes('--in-process-prometheus');
  const prometheus = inProcess
    ? (() => {
        const p = fakePrometheus(objects());
        return {
          url: 'http://prometheus.bench',
          fetch: p.fetch,
          scrape: async () => p.scrape(),
          close: () => undefined,
        };
      })()
    : { ...(await startPrometheusProcess()), fetch };
  const prom = new PrometheusMetricsSource({
    url: prometheus.url,
    fetch: (url, init) => {
      queries++;
      return prometheus.fetch(url, init);
    },
  });
  // the background work per scrape: the read, then (after TopologyService's preparation) the end
  const background: Array<{
    readMs: number;
    readCpu: number;
    ms: number;
    cpu: number;
  }> = [];
  let started: { t: number; c: NodeJS.CpuUsage } | undefined;
  // a background read (and its preparation) in flight: process.cpuUsage counts it in a request that overlaps
  let backgroundBusy = false;
  let backgroundStarts = 0;
  let read: { ms: number; cpu: number } | undefined;
  const source: MetricsSource = {
    kind: 'prometheus',
    snapshot: w => prom.snapshot(w),
    usage: w => prom.usage(w),
    readSnapshot: async w => {
      started = { t: performance.now(), c: process.cpuUsage() };
      backgroundBusy = true;
      backgroundStarts++;
      const r = await prom.readSnapshot(w);
      read = {
        ms: performance.now() - started.t,
        cpu: cpuMs(process.cpuUsage(started.c)),
      };
      return r;
    },
  };
  const metrics = new MetricsService(new Map([[CLUSTER, source]]), {
    intervalMs,
  });
  const access = new AccessControl(allow);
  const service = new TopologyService({
    reader,
    access,
    metrics,
    reads: {
      resolveEntity: async () => ({
        selection: { entityRef: ENTITY, namespace: 'team-7' },
        query: { namespaces: ['team-7'], requirements: [] },
      }),
    },
  });
  metrics.onSnapshot(() => {
    backgroundBusy = false;
    if (started && read)
      background.push({
        readMs: read.ms,
        readCpu: read.cpu,
        ms: performance.now() - started.t,
        cpu: cpuMs(process.cpuUsage(started.c)),
      });
  });

  let last: Record<'platform' | 'entity', TopologyBody | undefined> = {
    platform: undefined,
    entity: undefined,
  };
  // garbage collections (main-thread pauses) that began during a request: the share of its time they take
  const pauses: Array<{ start: number; ms: number }> = [];
  const gcObserver = new PerformanceObserver(list => {
    for (const e of list.getEntries())
      pauses.push({ start: e.startTime, ms: e.duration });
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const gcBetween = (from: number, to: number) =>
    pauses
      .filter(p => p.start >= from && p.start <= to)
      .reduce((a, p) => a + p.ms, 0);
  const request = async (scope: 'platform' | 'entity') => {
    const quietBefore = !backgroundBusy;
    const startsBefore = backgroundStarts;
    const c0 = process.cpuUsage();
    const m0 = mainThreadMs();
    const t0 = performance.now();
    const body =
      scope === 'platform'
        ? await service.platformTopologyBody(WINDOW, credentials)
        : await service.entityTopologyBody(ENTITY, WINDOW, credentials);
    await body.gzip();
    const t1 = performance.now();
    const r = {
      ms: t1 - t0,
      cpu: cpuMs(process.cpuUsage(c0)),
      main: mainThreadMs() - m0,
      quiet: quietBefore && startsBefore === backgroundStarts,
      t0,
      t1,
    };
    last = { ...last, [scope]: body };
    return r;
  };

  console.log(
    `${cpus().length} cores (${cpus()[0]?.model}), Node ${
      process.version
    }, load average (1/5/15 min) at start ${load()}; scrape interval ${intervalMs} ms, ${iterations} scrapes`,
  );
  const first = { platform: await request('platform') };
  const firstEntity = await request('entity');
  console.log(
    `[first request of the window, waits for the read] platform ${first.platform.ms.toFixed(
      0,
    )} ms wall / ${first.platform.cpu.toFixed(
      0,
    )} ms CPU; entity after it ${firstEntity.ms.toFixed(1)} ms wall`,
  );
  const feed = metrics.feed(CLUSTER)!;
  const waitsBefore = feed.waits;
  const readsBefore = feed.reads;
  const t0 = performance.now();
  background.length = 0;

  type Case =
    | 'first after a scrape'
    | 'between scrapes'
    | 'after a watch event';
  type Result = {
    ms: number;
    cpu: number;
    main: number;
    quiet: boolean;
    t0: number;
    t1: number;
  };
  const results = new Map<string, Result[]>();
  const record = (c: Case, scope: string, r: Result) => {
    const k = `${c}|${scope}`;
    results.set(k, [...(results.get(k) ?? []), r]);
  };
  for (let i = 0; i < iterations; i++) {
    const before = metrics.currentSnapshot(CLUSTER, WINDOW);
    await prometheus.scrape(); // new data: the feed reads it on its next tick, prepares the graphs, publishes
    while (metrics.currentSnapshot(CLUSTER, WINDOW) === before) await sleep(2);
    const order: Array<'platform' | 'entity'> =
      i % 2 ? ['platform', 'entity'] : ['entity', 'platform'];
    for (const scope of order)
      record('first after a scrape', scope, await request(scope));
    for (const scope of order)
      record('between scrapes', scope, await request(scope));
    touchRoute();
    for (const scope of order)
      record('after a watch event', scope, await request(scope));
  }
  const seconds = (performance.now() - t0) / 1000;
  metrics.close();
  prometheus.close();
  // the observer reports asynchronously: let the last entries arrive
  await sleep(50);
  gcObserver.disconnect();

  const shape = (scope: 'platform' | 'entity') => {
    const body = last[scope]!;
    const t = JSON.parse(body.json.toString()) as TopologyResponse;
    return `${t.nodes.length} nodes, ${t.edges.length} edges, ${(
      body.json.length / 1024
    ).toFixed(0)} KB JSON`;
  };
  for (const c of [
    'first after a scrape',
    'between scrapes',
    'after a watch event',
  ] as Case[])
    for (const scope of ['platform', 'entity'] as const) {
      const rs = results.get(`${c}|${scope}`)!;
      const quiet = rs.filter(r => r.quiet);
      console.log(
        `[${c}] ${scope.padEnd(8)} (${shape(scope)}): wall ms ${fmt(
          rs.map(r => r.ms),
        )}; CPU ms ${fmt(
          rs.map(r => r.cpu),
        )}; without a background read in flight (${quiet.length} of ${
          rs.length
        }): wall ms ${fmt(quiet.map(r => r.ms))}; CPU ms ${fmt(
          quiet.map(r => r.cpu),
        )}; main-thread CPU ms ${fmt(
          rs.map(r => r.main),
        )}; other threads (process − main) ms ${fmt(
          rs.map(r => Math.max(0, r.cpu - r.main)),
        )}; GC pauses during the request: ms ${fmt(
          rs.map(r => gcBetween(r.t0, r.t1)),
        )}`,
      );
    }
  console.log(
    `[background, per scrape, no request waits] read (${
      SNAPSHOT_QUERY_IDS.length
    } PromQL queries, JSON, normalize): wall ms ${fmt(
      background.map(b => b.readMs),
    )}, CPU ms ${fmt(background.map(b => b.readCpu))}; ` +
      `read + join + JSON + gzip of the 2 graphs asked for: wall ms ${fmt(
        background.map(b => b.ms),
      )}, CPU ms ${fmt(background.map(b => b.cpu))}`,
  );
  console.log(
    `Requests after the first that waited for a metrics read: ${
      feed.waits - waitsBefore
    }; background reads: ${feed.reads - readsBefore} in ${seconds.toFixed(
      0,
    )} s (${queries} PromQL queries in all, Prometheus ${
      inProcess ? 'in this process' : 'in a child process over HTTP'
    })`,
  );
  console.log(
    `${GATEWAYS} gateways / ${ROUTES} routes / ${BACKENDS} backends / ${POLICIES} policies; load average at end ${load()}`,
  );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
