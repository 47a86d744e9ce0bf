/**
 * Benchmark of the CRD validator and of kube-local's start with the demo seed.
 *
 *   node_modules/.bin/tsx plugins/ai-gateway-node/scripts/bench-validator.ts [--rounds 20] [--no-kube-local]
 *
 * Prints, for each kind of the demo data (examples/cluster): the first-use cost (compile or cache load + first
 * validation), then per-object validate p50/p95 after a warm-up round, then the time
 * `startKubeLocal({ seedFiles: ['examples/cluster'] })` takes in a fresh process (what a CLI start or a jest worker
 * pays) and again in this warm process. Wall and CPU times are printed: the machine may be shared.
 * The caches live in the OS temp folder (see the package README); to measure a cold start, run it with
 * AI_GATEWAY_VALIDATOR_CACHE=/some/new/dir KUBE_LOCAL_CACHE=/other/new/dir, then again to see the warm one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 20;

function timed<T>(fn: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[
    Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))
  ];
const f = (n: number) => n.toFixed(n < 10 ? 2 : 0).padStart(7);

async function main() {
  const load = timed(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib: typeof import('../src') = require('../src');
    return { lib, crds: lib.loadBundledCrds() };
  });
  const { lib, crds } = load.value;
  console.log(
    `load module + bundled CRDs: wall ${f(load.wallMs)} ms, cpu ${f(
      load.cpuMs,
    )} ms`,
  );

  const dir = path.join(repoRoot, 'examples', 'cluster');
  const objects = fs
    .readdirSync(dir)
    .filter(n => n.endsWith('.yaml'))
    .sort()
    .flatMap(n =>
      parseAllDocuments(fs.readFileSync(path.join(dir, n), 'utf8')).map(d =>
        d.toJS(),
      ),
    )
    .filter(o => o && typeof o === 'object');
  const validator = lib.createCrdValidator(crds);
  const custom = objects.filter(o => validator.knows(o.apiVersion, o.kind));
  console.log(
    `demo data: ${objects.length} objects, ${custom.length} custom resources\n`,
  );

  console.log('first use per kind (compile + validate one object):');
  const seen = new Set<string>();
  let firstTotal = 0;
  for (const o of custom) {
    const key = `${o.apiVersion}/${o.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const t = timed(() => validator.validate(o));
    firstTotal += t.wallMs;
    console.log(
      `  ${key.padEnd(52)} wall ${f(t.wallMs)} ms, cpu ${f(t.cpuMs)} ms${
        t.value.valid ? '' : '  INVALID'
      }`,
    );
  }
  console.log(`  ${'total'.padEnd(52)} wall ${f(firstTotal)} ms\n`);

  for (const o of custom) validator.validate(o); // warm-up round: rules not visited yet are compiled here
  const samples = new Map<string, number[]>();
  const cpuSamples = new Map<string, number[]>();
  const all: number[] = [];
  const allCpu: number[] = [];
  let invalid = 0;
  const cpuStart = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    for (const o of custom) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = validator.validate(o);
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      const cpuMs = (c.user + c.system) / 1000;
      allCpu.push(cpuMs);
      const cpuList = cpuSamples.get(o.kind) ?? [];
      cpuList.push(cpuMs);
      cpuSamples.set(o.kind, cpuList);
      if (r === 0 && !res.valid) invalid++;
      all.push(ms);
      const list = samples.get(o.kind) ?? [];
      list.push(ms);
      samples.set(o.kind, list);
    }
  }
  const cpuUsed = process.cpuUsage(cpuStart);
  const cpuPerObject =
    (cpuUsed.user + cpuUsed.system) / 1000 / (rounds * custom.length);
  console.log(
    `validate after warm-up (${rounds} rounds x ${
      custom.length
    } objects, ${invalid} invalid, cpu ${cpuPerObject.toFixed(2)} ms/object):`,
  );
  const line = (kind: string, xs: number[], cs: number[]) =>
    `  ${kind.padEnd(28)} wall p50 ${f(pct(xs, 50))} ms, p95 ${f(
      pct(xs, 95),
    )} ms | cpu p50 ${f(pct(cs, 50))} ms, p95 ${f(pct(cs, 95))} ms`;
  for (const [kind, xs] of samples)
    console.log(line(kind, xs, cpuSamples.get(kind)!));
  console.log(`${line('all', all, allCpu)}\n`);

  if (!args.includes('--no-kube-local')) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, __filename, '--child-kube-local'],
      { encoding: 'utf8' },
    );
    console.log(child.stdout.trim() || child.stderr.trim());
    const kl = kubeLocal();
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const server = await kl.startKubeLocal({ seedFiles: [dir] });
    const wall = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    await server.close();
    console.log(
      `kube-local start with the demo seed (this warm process):             wall ${f(
        wall,
      )} ms, cpu ${f((used.user + used.system) / 1000)} ms`,
    );
  }
}

/**
 * kube-local from its source folder: this dev script measures both packages, and kube-local depends on this package
 * (a dependency the other way round would be circular).
 */
function kubeLocal(): typeof import('../../../packages/kube-local/src') {
  // eslint-disable-line @backstage/no-relative-monorepo-imports
  // eslint-disable-next-line @typescript-eslint/no-require-imports, @backstage/no-relative-monorepo-imports
  return require('../../../packages/kube-local/src');
}

/** In a fresh process: load kube-local and start it with the demo seed. */
async function childKubeLocal() {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const kl = kubeLocal();
  const t1 = performance.now();
  const server = await kl.startKubeLocal({
    seedFiles: [path.join(repoRoot, 'examples', 'cluster')],
  });
  const t2 = performance.now();
  const used = process.cpuUsage(cpu);
  await server.close();
  console.log(
    `kube-local start with the demo seed (fresh process): import ${f(
      t1 - t0,
    )} ms + start ${f(t2 - t1)} ms wall, cpu ${f(
      (used.user + used.system) / 1000,
    )} ms`,
  );
}

(args.includes('--child-kube-local') ? childKubeLocal() : main()).catch(e => {
  console.error(e);
  process.exit(1);
});
