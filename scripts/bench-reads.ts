/**
 * Entity read benchmark (issue 14). Starts `--clusters` kube-local instances holding `--objects` agentgateway objects
 * in total (500 namespaces per cluster, plus the demo cluster in the first), a real backend in its own process
 * (scripts/bench-reads-backend.ts: guest sign-in, catalog, permission backend with the example policy, this plugin;
 * app-config.yaml + app-config.e2e.yaml), and then runs,
 * with 10 requests in flight:
 *   - the entity tab read `GET /api/ai-gateway/entity/component/default/support-assistant/tabs/backends`,
 *   - all four tabs at once `GET .../tabs` (when the backend has it),
 *   - the catalog's by-name lookup of the same entity (a trivial Backstage request),
 * alternating in one run for latency (p50 / p95 / p99), then each alone for req/s and backend CPU ms per request
 * (from /proc/<pid>/stat). Prints startup sync time and the backend's RSS.
 *
 *   npx tsx scripts/bench-reads.ts [--objects 10000] [--clusters 1] [--seconds 8] [--entity-ttl 5] [--in-process]
 *     [--prebuilt] [--bundle <file>] [--backend-log <file>] [--sync-only] [--kube-snapshots <dir>] [--no-discovery]
 *     [--idle-seconds 60]
 *     [--backend-node-args "--cpu-prof --cpu-prof-dir=/tmp/prof"] [--kube-node-args "..."]
 *
 * The sync figures include the CPU time (user + system, from /proc) the backend and the kube-local processes spent
 * between the backend's first answer (its caches start then) and the last cluster synced: unlike the wall time,
 * it hardly depends on the machine's load.
 *
 * `--prebuilt` runs the backend from a JavaScript bundle (scripts/lib/benchBackendBundle.ts) instead of transpiling
 * its TypeScript at start.
 *
 * The kube-local servers run one per process (scripts/lib/benchKubeLocal.ts), `--in-process` in this one.
 * `--objects 0` is the baseline for the memory per cached object (the demo cluster's objects only).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { RESOURCE_KINDS } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  pct,
  peakRssMb,
  procStats,
  startBenchBackend,
  waitUntilQuiet,
} from './lib/benchBackend';
import { startBenchKube } from './lib/benchKubeLocal';
import { bundleBenchBackend } from './lib/benchBackendBundle';

const ROOT = path.resolve(__dirname, '..');

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const strArg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const OBJECTS = arg('objects', 10_000);
const CLUSTERS = arg('clusters', 1);
const SECONDS = arg('seconds', 8);
/** aiGateway.readCache.entityTtlSeconds for the run (0 = every read asks the catalog and the policy) */
const ENTITY_TTL = arg('entity-ttl', 5);
/** LIST every kind of every cluster page by page first and print pages, bytes and time per (cluster, kind) */
const PROFILE_LISTS = process.argv.includes('--profile-lists');
/** stop after the LIST profile (no backend) */
const LISTS_ONLY = process.argv.includes('--lists-only');
/** run the kube-local servers in this process (default: one process per cluster, like separate API servers) */
const IN_PROCESS = process.argv.includes('--in-process');
/** run the backend from a JavaScript bundle built first (no TypeScript transpiled at its start) */
const PREBUILT = process.argv.includes('--prebuilt');
/**
 * run this backend bundle (one `--prebuilt` built, under node_modules/.cache/bench-reads-backend) instead of building
 * one: to compare two versions of the code under the same conditions
 */
const GIVEN_BUNDLE = strArg('bundle');
/** `--no-discovery`: aiGateway.catalog.enabled false (no discovery snapshot over the caches; isolates the caches) */
const NO_DISCOVERY = process.argv.includes('--no-discovery');
/** stop after the sync and memory figures (no read runs) */
const SYNC_ONLY = process.argv.includes('--sync-only');
/** after the backend is quiet, watch it this many seconds more and print its CPU ms (background work, e.g. discovery) */
const IDLE_SECONDS = arg('idle-seconds', 0);
/** a folder for kube-local snapshot files: the first run seeds and writes them, later runs load them (seconds) */
const KUBE_SNAPSHOTS = strArg('kube-snapshots');
/** extra node arguments of the backend / of each kube-local process, space-separated (e.g. "--cpu-prof") */
const BACKEND_NODE_ARGS = strArg('backend-node-args')
  ?.split(' ')
  .filter(Boolean);
const KUBE_NODE_ARGS = strArg('kube-node-args')?.split(' ').filter(Boolean);
/** append the backend's output (LOG_LEVEL=warn) to this file */
const BACKEND_LOG = (() => {
  const i = process.argv.indexOf('--backend-log');
  return i > 0 ? process.argv[i + 1] : undefined;
})();
const IN_FLIGHT = 10;
const ENTITY = 'component/default/support-assistant';

async function run(
  urls: Array<{ name: string; url: string }>,
  seconds: number,
  headers: Record<string, string>,
): Promise<Map<string, { ms: number[]; errors: number; bytes: number }>> {
  const out = new Map(
    urls.map(u => [u.name, { ms: [] as number[], errors: 0, bytes: 0 }]),
  );
  const end = performance.now() + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < end) {
        const u = urls[next++ % urls.length];
        const t0 = performance.now();
        const res = await fetch(u.url, { headers });
        const body = await res.arrayBuffer();
        const r = out.get(u.name)!;
        r.ms.push(performance.now() - t0);
        r.bytes = body.byteLength;
        if (!res.ok) r.errors++;
      }
    }),
  );
  return out;
}

/** Paginated LIST (limit 500, like the backend's source) of every cached kind in every cluster, timed per page. */
async function profileLists(kubes: Array<{ url: string; adminToken: string }>) {
  console.log('\nLIST profile (limit 500, one (cluster, kind) at a time):');
  console.log(
    'cluster | kind                         | pages | items  | MB     | total s | slowest page ms | first / last page ms',
  );
  for (const [c, k] of kubes.entries()) {
    for (const kind of RESOURCE_KINDS) {
      const path = kind.group
        ? `/apis/${kind.group}/${kind.version}/${kind.plural}`
        : `/api/${kind.version}/${kind.plural}`;
      const pages: number[] = [];
      let items = 0;
      let bytes = 0;
      let cont = '';
      const t0 = performance.now();
      do {
        const t = performance.now();
        const res = await fetch(
          `${k.url}${path}?limit=500${
            cont ? `&continue=${encodeURIComponent(cont)}` : ''
          }`,
          { headers: { authorization: `Bearer ${k.adminToken}` } },
        );
        const text = await res.text();
        pages.push(performance.now() - t);
        bytes += text.length;
        const body = JSON.parse(text);
        items += body.items?.length ?? 0;
        cont = body.metadata?.continue ?? '';
      } while (cont);
      if (items === 0) continue;
      console.log(
        `${String(c).padEnd(7)} | ${kind.kind.padEnd(28)} | ${String(
          pages.length,
        ).padStart(5)} | ${String(items).padStart(6)} | ${(bytes / 2 ** 20)
          .toFixed(1)
          .padStart(6)} | ${((performance.now() - t0) / 1000)
          .toFixed(1)
          .padStart(7)} | ${Math.max(...pages)
          .toFixed(0)
          .padStart(15)} | ${pages[0].toFixed(0)} / ${pages[
          pages.length - 1
        ].toFixed(0)}`,
      );
    }
  }
}

async function main() {
  console.log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}), ${Math.round(
      os.totalmem() / 2 ** 30,
    )} GB, node ${process.version}`,
  );
  console.log(`entity lookup / decision TTL: ${ENTITY_TTL} s`);
  console.log(
    `seeding ${OBJECTS} objects over ${CLUSTERS} kube-local cluster(s)...`,
  );
  const t0 = performance.now();
  const kubes = await Promise.all(
    Array.from({ length: CLUSTERS }, (_, c) =>
      startBenchKube({
        cluster: c,
        count: Math.ceil(OBJECTS / CLUSTERS),
        seedFolder: c === 0 ? path.join(ROOT, 'examples/cluster') : undefined,
        inProcess: IN_PROCESS,
        nodeArgs: KUBE_NODE_ARGS,
        snapshotFile: KUBE_SNAPSHOTS
          ? path.join(
              path.resolve(KUBE_SNAPSHOTS),
              `bench-${c}-of-${CLUSTERS}-${Math.ceil(OBJECTS / CLUSTERS)}.json`,
            )
          : undefined,
      }),
    ),
  );
  console.log(
    `seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s (${
      IN_PROCESS ? 'one process' : 'one process per cluster'
    }), load average ${os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' ')}`,
  );
  if (PROFILE_LISTS || LISTS_ONLY) await profileLists(kubes);
  if (LISTS_ONLY) {
    for (const k of kubes) await k.close();
    return;
  }

  const [kind, namespace, name] = ENTITY.split('/');
  let bundle: string | undefined = GIVEN_BUNDLE;
  if (PREBUILT && !bundle) {
    const tb = performance.now();
    bundle = await bundleBenchBackend();
    console.log(
      `backend bundled (esbuild) in ${((performance.now() - tb) / 1000).toFixed(
        1,
      )} s`,
    );
  }
  const kubeCpuMs = () =>
    kubes.reduce((n, k) => n + (k.pid ? procStats(k.pid).cpuMs : 0), 0);
  let kubeCpuAtFirstAnswer = 0;
  let kubeCpuAtSync = 0;
  const backend = await startBenchBackend({
    bundle,
    logFile: BACKEND_LOG,
    nodeArgs: BACKEND_NODE_ARGS,
    onFirstAnswer: () => {
      kubeCpuAtFirstAnswer = kubeCpuMs();
    },
    clusters: CLUSTERS,
    waitForEntity: ENTITY,
    onClusterSynced: (c, secs) => {
      // the last call is when every cluster is synced
      kubeCpuAtSync = kubeCpuMs();
      console.log(
        `  cluster ${c} synced ${secs.toFixed(1)} s after the backend's start`,
      );
    },
    config: {
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: kubes.map((k, i) => ({
              name: i === 0 ? 'local' : `bench-${i}`,
              url: k.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: k.adminToken,
            })),
          },
        ],
      },
      aiGateway: {
        readCache: { entityTtlSeconds: ENTITY_TTL },
        ...(NO_DISCOVERY ? { catalog: { enabled: false } } : {}),
        metrics: { podProxy: { enabled: false }, clusters: {} },
      },
    },
  }).catch(async e => {
    for (const k of kubes) await k.close();
    throw e;
  });
  const kubeSyncCpuMs = kubeCpuAtSync - kubeCpuAtFirstAnswer;
  const { base, headers, pid } = backend;
  const syncedAfter = backend.syncedSeconds;
  const firstAnswer = backend.firstAnswerSeconds;
  try {
    const urls = {
      tab: `${base}/api/ai-gateway/entity/${ENTITY}/tabs/backends`,
      tabs: `${base}/api/ai-gateway/entity/${ENTITY}/tabs`,
      catalog: `${base}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
    };
    const hasTabs = (await fetch(urls.tabs, { headers })).ok;
    const rssBeforeGc = procStats(pid).rssMb;
    const heap = await backend.heapMb();
    await new Promise(r => setTimeout(r, 1000));
    const rssAfterGc = procStats(pid).rssMb;
    const report = backend.lastMemoryReport();
    if (report) {
      const { usage, spaces } = JSON.parse(report) as {
        usage: Record<string, number>;
        spaces: Record<string, [number, number]>;
      };
      const mb = (b: number) => (b / 2 ** 20).toFixed(0);
      console.log(
        `backend memory after GC (MB): ${Object.entries(usage)
          .map(([k, v]) => `${k} ${mb(v)}`)
          .join(', ')}; heap spaces size/used: ${Object.entries(spaces)
          .map(([k, [size, used]]) => `${k} ${mb(size)}/${mb(used)}`)
          .join(', ')}`,
      );
    }
    console.log(
      `backend synced ${OBJECTS} objects ${syncedAfter.toFixed(
        1,
      )} s after its start, ${(syncedAfter - firstAnswer).toFixed(
        1,
      )} s after it first answered (its caches start then; the time before is loading${
        PREBUILT || GIVEN_BUNDLE ? '' : ' and transpiling'
      })`,
    );
    console.log(
      `CPU from the first answer to the sync: backend ${(
        backend.cpuMsAtSync - backend.cpuMsAtFirstAnswer
      ).toFixed(0)} ms, kube-local ${
        IN_PROCESS
          ? '(in this process: not measured)'
          : kubeSyncCpuMs.toFixed(0)
      } ms; backend CPU to its first answer ${backend.cpuMsAtFirstAnswer.toFixed(
        0,
      )} ms`,
    );
    console.log(
      `backend RSS at sync ${backend.rssAtSyncMb.toFixed(
        0,
      )} MB, before GC ${rssBeforeGc.toFixed(
        0,
      )} MB, after a full GC ${rssAfterGc.toFixed(
        0,
      )} MB; heap in use after GC ${heap.toFixed(0)} MB; load average ${os
        .loadavg()
        .map(l => l.toFixed(1))
        .join(' ')}`,
    );
    // the backend's work after the sync (e.g. discovery over the caches), then the memory when it is quiet
    const quiet = await waitUntilQuiet(pid);
    const rssQuietBeforeGc = procStats(pid).rssMb;
    const heapQuiet = await backend.heapMb();
    await new Promise(r => setTimeout(r, 1000));
    console.log(
      `backend ${quiet.quiet ? 'quiet' : 'still busy'} ${quiet.seconds.toFixed(
        1,
      )} s later (${quiet.cpuMs.toFixed(
        0,
      )} CPU ms meanwhile): RSS ${rssQuietBeforeGc.toFixed(
        0,
      )} MB, after a full GC ${procStats(pid).rssMb.toFixed(
        0,
      )} MB, heap in use ${heapQuiet.toFixed(
        0,
      )} MB; peak RSS so far ${peakRssMb(pid).toFixed(0)} MB; load average ${os
        .loadavg()
        .map(l => l.toFixed(1))
        .join(' ')}`,
    );
    if (IDLE_SECONDS > 0) {
      const cpu0 = procStats(pid).cpuMs;
      await new Promise(r => setTimeout(r, IDLE_SECONDS * 1000));
      console.log(
        `backend CPU in the next ${IDLE_SECONDS} s (nothing changed in the clusters): ${(
          procStats(pid).cpuMs - cpu0
        ).toFixed(0)} ms; RSS ${procStats(pid).rssMb.toFixed(
          0,
        )} MB; peak RSS ${peakRssMb(pid).toFixed(0)} MB; load average ${os
          .loadavg()
          .map(l => l.toFixed(1))
          .join(' ')}`,
      );
    }
    if (SYNC_ONLY) return;
    // warm-up
    await run(
      [
        { name: 'tab', url: urls.tab },
        { name: 'catalog', url: urls.catalog },
      ],
      2,
      headers,
    );

    const kinds = [
      { name: 'tab', url: urls.tab },
      ...(hasTabs ? [{ name: 'tabs', url: urls.tabs }] : []),
      { name: 'catalog', url: urls.catalog },
    ];
    const mixed = await run(kinds, SECONDS, headers);
    console.log(`\nalternating, ${IN_FLIGHT} in flight, ${SECONDS} s:`);
    console.log(
      'request  | p50 ms | p95 ms | p99 ms | n     | errors | body bytes',
    );
    for (const [k, r] of mixed) {
      const s = [...r.ms].sort((a, b) => a - b);
      console.log(
        `${k.padEnd(8)} | ${pct(s, 50).toFixed(1).padStart(6)} | ${pct(s, 95)
          .toFixed(1)
          .padStart(6)} | ${pct(s, 99).toFixed(1).padStart(6)} | ${String(
          s.length,
        ).padEnd(5)} | ${String(r.errors).padEnd(6)} | ${r.bytes}`,
      );
    }
    const ratio =
      pct(
        [...mixed.get('tab')!.ms].sort((a, b) => a - b),
        50,
      ) /
      pct(
        [...mixed.get('catalog')!.ms].sort((a, b) => a - b),
        50,
      );
    console.log(`tab p50 / catalog p50 = ${ratio.toFixed(2)}`);

    console.log(`\neach alone, ${IN_FLIGHT} in flight, ${SECONDS} s:`);
    console.log('request  | req/s  | backend CPU ms / request');
    for (const k of kinds) {
      const before = procStats(pid).cpuMs;
      const t = performance.now();
      const r = (await run([k], SECONDS, headers)).get(k.name)!;
      const secs = (performance.now() - t) / 1000;
      const cpu = procStats(pid).cpuMs - before;
      console.log(
        `${k.name.padEnd(8)} | ${(r.ms.length / secs)
          .toFixed(0)
          .padStart(6)} | ${(cpu / r.ms.length).toFixed(2)}`,
      );
    }
    console.log(
      `\nbackend RSS after the run: ${procStats(pid).rssMb.toFixed(0)} MB`,
    );
  } finally {
    await backend.stop();
    if (bundle && !GIVEN_BUNDLE) fs.rmSync(bundle, { force: true });
    for (const k of kubes) await k.close();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
