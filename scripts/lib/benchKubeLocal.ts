/*
 * The kube-local servers scripts/bench-reads.ts measures against: `count` generated agentgateway objects (500
 * namespaces; three AgentgatewayBackends to one AgentgatewayPolicy) per server, each server in its own process (like
 * separate API servers: one server's LIST pages do not wait for another's), or in the calling process.
 *
 * As a child process: `node -r tsx/cjs scripts/lib/benchKubeLocal.ts <cluster> <count> [seed folder|''] [snapshot file]`
 * seeds, then
 * prints one line `BENCH_KUBE {"url":...,"adminToken":...}` and serves until SIGTERM.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';

const NAMESPACES = 500;

/** `count` objects of cluster `cluster`: names `obj-<cluster>-<i>` in namespaces `bench-<i % 500>`. */
export function benchObjects(cluster: number, count: number): object[] {
  const out: object[] = [];
  for (let i = 0; i < count; i++) {
    const n = i % NAMESPACES;
    const meta = {
      name: `obj-${cluster}-${i}`,
      namespace: `bench-${n}`,
      labels: { 'backstage.io/kubernetes-id': `bench-${n}`, tier: 'bulk' },
      annotations: { 'bench/purpose': 'load' },
    };
    out.push(
      i % 4 === 3
        ? {
            apiVersion: 'agentgateway.dev/v1alpha1',
            kind: 'AgentgatewayPolicy',
            metadata: meta,
            spec: {
              targetRefs: [
                {
                  group: 'gateway.networking.k8s.io',
                  kind: 'HTTPRoute',
                  name: `r-${i}`,
                },
              ],
              traffic: { timeouts: { request: '30s' } },
            },
          }
        : {
            apiVersion: 'agentgateway.dev/v1alpha1',
            kind: 'AgentgatewayBackend',
            metadata: meta,
            spec: {
              ai: { provider: { openai: { model: `gpt-4o-${i % 7}` } } },
            },
          },
    );
  }
  return out;
}

export interface BenchKube {
  url: string;
  adminToken: string;
  /** the server's process id (undefined when it runs in the calling process) */
  pid?: number;
  close(): Promise<void>;
}

/** One seeded kube-local, in this process (`inProcess`) or in a child process. */
export async function startBenchKube(options: {
  cluster: number;
  count: number;
  seedFolder?: string;
  inProcess?: boolean;
  /**
   * kube-local's snapshot file: loaded at start if it exists (objects already in it are not seeded again), written
   * after seeding, so a second run with the same file starts in seconds instead of seeding for minutes
   */
  snapshotFile?: string;
  /** extra node arguments of the child process (e.g. `--cpu-prof`) */
  nodeArgs?: string[];
}): Promise<BenchKube> {
  if (options.inProcess) {
    const k = await startKubeLocal({
      port: 0,
      watchHistory: 100_000,
      ...(options.snapshotFile ? { snapshotFile: options.snapshotFile } : {}),
      ...(options.seedFolder ? { seedFiles: [options.seedFolder] } : {}),
      seed: benchObjects(options.cluster, options.count),
    });
    return { url: k.url, adminToken: k.adminToken, close: () => k.close() };
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--require',
      require.resolve('tsx/cjs'),
      __filename,
      String(options.cluster),
      String(options.count),
      options.seedFolder ?? '',
      options.snapshotFile ?? '',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const close = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise(r => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise(r => setTimeout(r, 3000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  const ready = await new Promise<{ url: string; adminToken: string }>(
    (resolve, reject) => {
      let out = '';
      child.stdout!.on('data', d => {
        out += d;
        const m = /BENCH_KUBE (\{.*\})\n/.exec(out);
        if (m) resolve(JSON.parse(m[1]));
      });
      child.once('exit', code =>
        reject(new Error(`kube-local ${options.cluster} exited (${code})`)),
      );
    },
  );
  return { ...ready, pid: child.pid, close };
}

if (require.main === module) {
  const [cluster, count, seedFolder, snapshotFile] = process.argv.slice(2);
  startBenchKube({
    cluster: Number(cluster),
    count: Number(count),
    seedFolder: seedFolder || undefined,
    snapshotFile: snapshotFile || undefined,
    inProcess: true,
  }).then(
    k => {
      process.stdout.write(
        `BENCH_KUBE ${JSON.stringify({
          url: k.url,
          adminToken: k.adminToken,
        })}\n`,
      );
      const stop = () => k.close().then(() => process.exit(0));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    },
    e => {
      process.stderr.write(`${e?.stack ?? e}\n`);
      process.exit(1);
    },
  );
}
