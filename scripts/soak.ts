/**
 * Soak (issue 11 item 7): mixed reads and writes at a steady rate against the backend (scripts/bench-reads-backend.ts,
 * the example permission policy, guest sign-in) and a kube-local cluster holding the demo objects, reached through a
 * fault-injecting proxy that cuts every watch connection once a minute. Prints one line per minute (requests, 4xx,
 * 5xx, p95, backend RSS and heap after GC, open watches and sockets at the proxy) and a verdict: 0 5xx, RSS flat
 * (last minute's RSS within 15 % of the second minute's), watches and sockets back to their baseline.
 * Bounded: stops after --minutes or --max-requests, whichever comes first. Not part of `npm test`.
 *
 *   npx tsx scripts/soak.ts [--minutes 30] [--rps 20] [--max-requests 40000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import { startFaultProxy } from '../plugins/ai-gateway-backend/src/__testUtils__/faultProxy';
import { pct, procStats, startBenchBackend } from './lib/benchBackend';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MINUTES = arg('minutes', 30);
const RPS = arg('rps', 20);
const MAX_REQUESTS = arg('max-requests', 40_000);
/** more in flight than this means the backend cannot keep up: further sends are skipped and counted */
const MAX_IN_FLIGHT = arg('max-in-flight', 200);
const ENTITY = 'component/default/support-assistant';
const AGW = 'agentgateway.dev/v1alpha1';

/** One 5xx (or network failure) as it happened: what was sent, the answer's body, when. */
interface ServerError {
  at: number;
  what: string;
  status: number;
  body: string;
  /** the backend log's size when the request was sent and when it was answered (its lines carry no time) */
  logFrom: number;
  logTo: number;
}

interface Minute {
  ms: number[];
  c4xx: number;
  c5xx: number;
  failures: string[];
  /** backend RSS at the end of the minute */
  rss: number;
}

async function main() {
  console.log(
    `soak: ${MINUTES} min at ${RPS} req/s (max ${MAX_REQUESTS} requests); ${
      os.cpus().length
    } cores, node ${process.version}`,
  );
  const kube = await startKubeLocal({
    port: 0,
    seedFiles: [path.resolve(__dirname, '../examples/cluster')],
  });
  const proxy = await startFaultProxy(kube.url);
  const logFile = path.join(os.tmpdir(), `soak-backend-${process.pid}.log`);
  const backend = await startBenchBackend({
    logFile,
    clusters: 1,
    waitForEntity: ENTITY,
    config: {
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'local',
                url: proxy.url,
                authProvider: 'serviceAccount',
                serviceAccountToken: kube.adminToken,
              },
            ],
          },
        ],
      },
      aiGateway: { metrics: { podProxy: { enabled: false }, clusters: {} } },
    },
  });
  const { base, headers, pid } = backend;
  const api = `${base}/api/ai-gateway/entity/${ENTITY}`;
  const baseline = { watches: proxy.openWatches, sockets: proxy.openSockets };
  console.log(
    `backend synced in ${backend.syncedSeconds.toFixed(1)} s; baseline ${
      baseline.watches
    } watches, ${baseline.sockets} sockets at the proxy`,
  );

  /** every 5xx and network failure with its body and time, for the backend log lines around it */
  const serverErrors: ServerError[] = [];
  const logSize = () => {
    try {
      return fs.statSync(logFile).size;
    } catch {
      return 0;
    }
  };
  /** status and, when it failed, the backend's error message (to print the first few) */
  const outcome = async (res: Response, what: string, logFrom: number) => {
    if (res.ok) {
      await res.arrayBuffer();
      return { status: res.status, what };
    }
    const text = await res.text().catch(e => `(body unreadable: ${e})`);
    if (res.status >= 500)
      serverErrors.push({
        at: Date.now(),
        what,
        status: res.status,
        body: text.slice(0, 2000),
        logFrom,
        logTo: logSize(),
      });
    let message = text;
    try {
      message =
        (JSON.parse(text) as { error?: { message?: string } }).error?.message ??
        text;
    } catch {
      // not JSON: the text as it is
    }
    return { status: res.status, what: `${what}: ${message}`.slice(0, 200) };
  };
  let seq = 0;
  /** one request of the mix: 70 % reads, 30 % a write cycle step (create → update → delete of its own backend) */
  const live: string[] = [];
  const step = async (logFrom: number) => {
    const n = seq++;
    const r = n % 10;
    const json = { ...headers, 'content-type': 'application/json' };
    if (r < 4)
      return outcome(await fetch(`${api}/tabs`, { headers }), 'tabs', logFrom);
    if (r < 6)
      return outcome(
        await fetch(`${api}/tabs/routes`, { headers }),
        'tabs/routes',
        logFrom,
      );
    if (r < 7)
      return outcome(
        await fetch(`${api}/topology?window=5m`, { headers }),
        'topology',
        logFrom,
      );
    if (r < 8 || live.length === 0) {
      const name = `soak-${n}`;
      const res = await fetch(`${api}/resources`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          object: {
            apiVersion: AGW,
            kind: 'AgentgatewayBackend',
            metadata: { name },
            spec: { static: { host: 'httpbin.org', port: 80 } },
          },
        }),
      });
      // edited and deleted later (FIFO), once the watch has brought it into the read cache
      if (res.ok) live.push(name);
      return outcome(res, 'create', logFrom);
    }
    const name = live.shift()!;
    const path = `${api}/resources/AgentgatewayBackend/${name}`;
    if (r < 9) {
      live.push(name);
      // an edit as the UI makes it: read the object, change it, PUT it back (resourceVersion from the read)
      const got = await fetch(path, { headers });
      if (!got.ok) return outcome(got, 'get', logFrom);
      const { item } = (await got.json()) as {
        item: { object: { metadata: { labels?: Record<string, string> } } };
      };
      const object = item.object;
      object.metadata.labels = { ...object.metadata.labels, soak: String(n) };
      const res = await fetch(path, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ object }),
      });
      return outcome(res, 'update', logFrom);
    }
    return outcome(
      await fetch(path, { method: 'DELETE', headers }),
      'delete',
      logFrom,
    );
  };

  const minutes: Minute[] = [];
  const start = performance.now();
  let sent = 0;
  let skipped = 0;
  let inFlight = 0;
  const interval = 1000 / RPS;
  /** when the next request is due: sends keep the rate even when a timer fires late (a loaded machine) */
  let nextAt = start;
  /** the sender itself fell more than a second behind (the machine, not the backend): the schedule restarted */
  let stalls = 0;
  const pending = new Set<Promise<void>>();
  console.log(
    'min | sent | answered | 4xx | 5xx | p95 ms | RSS MB | heap MB | watches | sockets | load',
  );
  try {
    for (let m = 0; m < MINUTES && sent < MAX_REQUESTS; m++) {
      const minute: Minute = { ms: [], c4xx: 0, c5xx: 0, failures: [], rss: 0 };
      minutes.push(minute);
      proxy.cutWatches();
      const end = start + (m + 1) * 60_000;
      let sentThisMinute = 0;
      // a steady rate whatever the answers take; a request is counted in the minute it was sent
      while (performance.now() < end && sent < MAX_REQUESTS) {
        if (inFlight >= MAX_IN_FLIGHT) skipped++;
        else {
          sent++;
          sentThisMinute++;
          inFlight++;
          const t0 = performance.now();
          const logFrom = logSize();
          const p: Promise<void> = step(logFrom)
            .then(({ status, what }) => {
              minute.ms.push(performance.now() - t0);
              if (status >= 400) {
                if (status >= 500) minute.c5xx++;
                else minute.c4xx++;
                minute.failures.push(`${what} ${status}`);
              }
            })
            .catch(e => {
              minute.c5xx++;
              minute.failures.push(`network: ${e}`);
              serverErrors.push({
                at: Date.now(),
                what: 'network',
                status: 0,
                body: String(e?.cause ?? e),
                logFrom,
                logTo: logSize(),
              });
            })
            .finally(() => {
              inFlight--;
              pending.delete(p);
            });
          pending.add(p);
        }
        nextAt += interval;
        const wait = nextAt - performance.now();
        if (wait < -1000) {
          stalls++;
          nextAt = performance.now();
        } else if (wait > 0) await new Promise(r => setTimeout(r, wait));
      }
      const heap = await backend.heapMb();
      minute.rss = procStats(pid).rssMb;
      const sorted = [...minute.ms].sort((a, b) => a - b);
      console.log(
        [
          String(m + 1).padStart(3),
          String(sentThisMinute).padStart(4),
          String(minute.ms.length).padStart(8),
          String(minute.c4xx).padStart(3),
          String(minute.c5xx).padStart(3),
          pct(sorted, 95).toFixed(0).padStart(6),
          minute.rss.toFixed(0).padStart(6),
          heap.toFixed(0).padStart(7),
          String(proxy.openWatches).padStart(7),
          String(proxy.openSockets).padStart(7),
          os.loadavg()[0].toFixed(1),
        ].join(' | '),
      );
      for (const f of minute.failures.slice(0, 5)) console.log(`    ${f}`);
    }
    await Promise.race([
      Promise.all(pending),
      new Promise(r => setTimeout(r, 60_000)),
    ]);
    // let the caches settle after the last cut, then compare with the baseline
    await new Promise(r => setTimeout(r, 5000));
    const total5xx = minutes.reduce((s, m) => s + m.c5xx, 0);
    const rss = minutes.map(m => m.rss);
    const flat =
      rss.length < 3 || rss[rss.length - 1] <= rss[1] * 1.15
        ? 'flat'
        : 'GROWING';
    console.log(`backend log (warnings and errors): ${logFile}`);
    reportServerErrors(serverErrors, logFile);
    console.log(
      `\nverdict: ${sent} requests, ${total5xx} 5xx; RSS ${rss
        .map(v => v.toFixed(0))
        .join(' → ')} MB (${flat}); watches ${proxy.openWatches} (baseline ${
        baseline.watches
      }), sockets ${proxy.openSockets} (baseline ${
        baseline.sockets
      }), in flight ${inFlight}, not sent (${MAX_IN_FLIGHT} in flight) ${skipped}, sender stalls > 1 s ${stalls}`,
    );
    if (total5xx > 0 || flat !== 'flat') process.exitCode = 1;
  } finally {
    await backend.stop();
    await proxy.close();
    await kube.close();
  }
}

/**
 * Every 5xx with its body and the backend's log lines written while it was in flight (and up to 4 KB after), also
 * written next to the log as `<log>.5xx.json`. The backend's JSON log lines carry no time, so the soak notes the
 * log's size when each request is sent and answered.
 */
function reportServerErrors(errors: ServerError[], logFile: string) {
  if (errors.length === 0) return;
  const log = fs.readFileSync(logFile);
  const report = errors.map(e => ({
    at: new Date(e.at).toISOString(),
    what: e.what,
    status: e.status,
    body: e.body,
    log: log
      .subarray(e.logFrom, Math.min(log.length, e.logTo + 4096))
      .toString('utf8')
      .split('\n')
      .filter(l => l.trim())
      .map(l => l.slice(0, 1500)),
  }));
  fs.writeFileSync(`${logFile}.5xx.json`, JSON.stringify(report, null, 2));
  console.log(
    `\n${errors.length} 5xx / network failures (${logFile}.5xx.json):`,
  );
  for (const r of report) {
    console.log(`  ${r.at} ${r.what} ${r.status} ${r.body.slice(0, 300)}`);
    for (const l of r.log.slice(0, 20)) console.log(`      ${l.slice(0, 400)}`);
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
