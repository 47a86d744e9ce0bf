/*
 * The backend the measuring scripts (bench-reads.ts, soak.ts) run against: scripts/bench-reads-backend.ts (guest
 * sign-in, catalog, permission backend with the example policy, this plugin) in its own process, configured with
 * app-config.yaml + app-config.e2e.yaml + the given extra config, and the helpers to measure it from outside.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(__dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** utime + stime of a process in ms, and its RSS in MB. */
export function procStats(pid: number): { cpuMs: number; rssMb: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuMs: (ticks * 1000) / 100, rssMb: rssKb / 1024 };
}

/** The highest RSS of a process so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * Waits until a process is quiet: less than `busyShare` of one core used over the last `windowMs` (at most `maxMs`).
 * Returns the seconds waited and the CPU ms the process spent meanwhile.
 */
export async function waitUntilQuiet(
  pid: number,
  options: { windowMs?: number; busyShare?: number; maxMs?: number } = {},
): Promise<{ seconds: number; cpuMs: number; quiet: boolean }> {
  const windowMs = options.windowMs ?? 3000;
  const busyShare = options.busyShare ?? 0.1;
  const maxMs = options.maxMs ?? 120_000;
  const start = performance.now();
  const startCpu = procStats(pid).cpuMs;
  const samples: Array<{ t: number; cpu: number }> = [];
  for (;;) {
    const t = performance.now();
    const cpu = procStats(pid).cpuMs;
    samples.push({ t, cpu });
    while (samples.length > 1 && t - samples[1].t >= windowMs) samples.shift();
    const first = samples[0];
    const quiet =
      t - first.t >= windowMs && cpu - first.cpu < busyShare * (t - first.t);
    if (quiet || t - start >= maxMs)
      return { seconds: (t - start) / 1000, cpuMs: cpu - startCpu, quiet };
    await new Promise(r => setTimeout(r, 250));
  }
}

/** The p-th percentile of an ascending array. */
export const pct = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
    : NaN;

export interface BenchBackend {
  base: string;
  pid: number;
  /** seconds from spawn to the first /health answer, and to every cluster synced */
  firstAnswerSeconds: number;
  syncedSeconds: number;
  /** the backend's RSS in MB when every cluster was first seen synced */
  rssAtSyncMb: number;
  /** the backend's CPU time (user + system, ms) at its first /health answer and when every cluster was synced */
  cpuMsAtFirstAnswer: number;
  cpuMsAtSync: number;
  /** a guest user's token (`user:default/guest`, see app-config.yaml) */
  headers: Record<string, string>;
  /** the backend's heap in use after a full GC, in MB */
  heapMb(): Promise<number>;
  /** the last BENCH_MEMORY line of the backend (process.memoryUsage() and V8's heap spaces after a full GC), if any */
  lastMemoryReport(): string | undefined;
  stop(): Promise<void>;
}

/**
 * Spawns the backend and waits until it answers, every cluster of `clusters` is synced and the catalog has
 * `waitForEntity` (`kind/namespace/name`).
 */
export async function startBenchBackend(options: {
  config: object;
  clusters: number;
  waitForEntity: string;
  onClusterSynced?: (name: string, seconds: number) => void;
  /** where to append the backend's output (its log at LOG_LEVEL=warn) */
  logFile?: string;
  /** a prebuilt JavaScript bundle of the backend (./benchBackendBundle.ts) to run instead of transpiling at start */
  bundle?: string;
  /** extra node arguments (e.g. `--cpu-prof`, `--heap-prof`) */
  nodeArgs?: string[];
  /** called once with the backend's process id, when it answers its first /health */
  onFirstAnswer?: (pid: number) => void;
}): Promise<BenchBackend> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-backend-'));
  const configFile = path.join(dir, 'bench.yaml');
  fs.writeFileSync(configFile, JSON.stringify(options.config));
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--expose-gc',
      ...(options.nodeArgs ?? []),
      ...(options.bundle
        ? [options.bundle]
        : [
            '--require',
            require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
            path.join(ROOT, 'scripts/bench-reads-backend.ts'),
          ]),
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../app-config.e2e.yaml',
      '--config',
      configFile,
    ],
    {
      cwd: path.join(ROOT, 'packages/backend'),
      env: {
        ...process.env,
        E2E_BACKEND_PORT: String(port),
        ESBK_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'),
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', options.logFile ? 'pipe' : 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  let heapWaiter: ((bytes: number) => void) | undefined;
  let memoryReport: string | undefined;
  const log = options.logFile
    ? fs.createWriteStream(options.logFile, { flags: 'a' })
    : undefined;
  // the backend logs to stdout (JSON in production mode); stderr carries BENCH_HEAP and crashes
  child.stdout?.on('data', d => log?.write(d));
  child.stderr?.on('data', d => {
    log?.write(d);
    stderr = (stderr + d).slice(-4000);
    const report = /BENCH_MEMORY (\{.*\})/.exec(String(d));
    if (report) memoryReport = report[1];
    const m = /BENCH_HEAP (\d+)/.exec(String(d));
    if (m && heapWaiter) heapWaiter(Number(m[1]));
  });
  const stop = async () => {
    child.kill('SIGTERM');
    // with extra node arguments (a CPU profile written at exit) wait up to 30 s for the exit
    const exited = new Promise(r => child.once('exit', r));
    const grace = options.nodeArgs?.length ? 30_000 : 500;
    if (child.exitCode === null)
      await Promise.race([exited, new Promise(r => setTimeout(r, grace))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    log?.end();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const base = `http://localhost:${port}`;
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const synced = new Set<string>();
    let firstAnswerSeconds = 0;
    let cpuMsAtFirstAnswer = 0;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`backend exited:\n${stderr}`);
      const ok = await fetch(`${base}/api/ai-gateway/health`)
        .then(r => (r.ok ? r.json() : undefined))
        .catch(() => undefined);
      const clusters = (ok?.clusters ?? []) as Array<{
        name: string;
        synced: boolean;
      }>;
      for (const c of clusters)
        if (c.synced && !synced.has(c.name)) {
          synced.add(c.name);
          options.onClusterSynced?.(c.name, seconds());
        }
      if (!firstAnswerSeconds && ok) {
        firstAnswerSeconds = seconds();
        cpuMsAtFirstAnswer = procStats(child.pid!).cpuMs;
        options.onFirstAnswer?.(child.pid!);
      }
      if (clusters.length === options.clusters && clusters.every(c => c.synced))
        break;
      await new Promise(r => setTimeout(r, 250));
    }
    const syncedSeconds = seconds();
    const { rssMb: rssAtSyncMb, cpuMs: cpuMsAtSync } = procStats(child.pid!);
    const signIn = async () => {
      const tokenRes = await fetch(
        `${base}/api/auth/guest/refresh?env=development`,
        { headers: { 'x-requested-with': 'XMLHttpRequest' } },
      );
      const token = (
        (await tokenRes.json()) as { backstageIdentity: { token: string } }
      ).backstageIdentity.token;
      return { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' };
    };
    let headers = await signIn();
    const [kind, namespace, name] = options.waitForEntity.split('/');
    for (const ref of [`${kind}/${namespace}/${name}`, 'user/default/guest'])
      while (
        !(
          await fetch(`${base}/api/catalog/entities/by-name/${ref}`, {
            headers,
          })
        ).ok
      )
        await new Promise(r => setTimeout(r, 500));
    // again, now that the catalog has the guest's User entity: its token then carries the team memberships
    headers = await signIn();
    return {
      base,
      pid: child.pid!,
      firstAnswerSeconds,
      syncedSeconds,
      rssAtSyncMb,
      cpuMsAtFirstAnswer,
      cpuMsAtSync,
      headers,
      heapMb: () =>
        new Promise<number>(resolve => {
          heapWaiter = b => resolve(b / 2 ** 20);
          child.kill('SIGUSR2');
        }),
      lastMemoryReport: () => memoryReport,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
