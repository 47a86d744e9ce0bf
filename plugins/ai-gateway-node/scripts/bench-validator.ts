/**
 * Benchmark of the CRD validator and of kube-local's start with the demo seed.
 *
 *   node_modules/.bin/tsx plugins/ai-gateway-node/scripts/bench-validator.ts [--rounds 20] [--no-kube-local]
 *
 * Prints, for each kind of the demo data (examples/cluster): the first-use cost (compile + first validation), then
 * per-object validate p50/p95 after warm-up, then the time `startKubeLocal({ seedFiles: ['examples/cluster'] })`
 * takes in this (already warm) process. Wall and CPU times are printed: the machine may be shared.
 * Run it twice to see the effect of the on-disk compile cache (first run: cold cache).
 */
import fs from 'node:fs';
import path from 'node:path';
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

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const f = (n: number) => n.toFixed(n < 10 ? 2 : 0).padStart(7);

async function main() {
  const load = timed(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib: typeof import('../src') = require('../src');
    return { lib, crds: lib.loadBundledCrds() };
  });
  const { lib, crds } = load.value;
  console.log(`load module + bundled CRDs: wall ${f(load.wallMs)} ms, cpu ${f(load.cpuMs)} ms`);

  const dir = path.join(repoRoot, 'examples', 'cluster');
  const objects = fs
    .readdirSync(dir)
    .filter(n => n.endsWith('.yaml'))
    .sort()
    .flatMap(n => parseAllDocuments(fs.readFileSync(path.join(dir, n), 'utf8')).map(d => d.toJS()))
    .filter(o => o && typeof o === 'object');
  const validator = lib.createCrdValidator(crds);
  const custom = objects.filter(o => validator.knows(o.apiVersion, o.kind));
  console.log(`demo data: ${objects.length} objects, ${custom.length} custom resources\n`);

  console.log('first use per kind (compile + validate one object):');
  const seen = new Set<string>();
  let firstTotal = 0;
  for (const o of custom) {
    const key = `${o.apiVersion}/${o.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const t = timed(() => validator.validate(o));
    firstTotal += t.wallMs;
    console.log(`  ${key.padEnd(52)} wall ${f(t.wallMs)} ms, cpu ${f(t.cpuMs)} ms${t.value.valid ? '' : '  INVALID'}`);
  }
  console.log(`  ${'total'.padEnd(52)} wall ${f(firstTotal)} ms\n`);

  const samples = new Map<string, number[]>();
  const all: number[] = [];
  let invalid = 0;
  for (let r = 0; r < rounds; r++) {
    for (const o of custom) {
      const t0 = performance.now();
      const res = validator.validate(o);
      const ms = performance.now() - t0;
      if (r === 0 && !res.valid) invalid++;
      all.push(ms);
      const list = samples.get(o.kind) ?? [];
      list.push(ms);
      samples.set(o.kind, list);
    }
  }
  console.log(`validate after warm-up (${rounds} rounds x ${custom.length} objects, ${invalid} invalid):`);
  for (const [kind, xs] of samples) console.log(`  ${kind.padEnd(28)} p50 ${f(pct(xs, 50))} ms, p95 ${f(pct(xs, 95))} ms`);
  console.log(`  ${'all'.padEnd(28)} p50 ${f(pct(all, 50))} ms, p95 ${f(pct(all, 95))} ms\n`);

  if (!args.includes('--no-kube-local')) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const kl: typeof import('../../../packages/kube-local/src') = require('../../../packages/kube-local/src');
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const server = await kl.startKubeLocal({ seedFiles: [dir] });
    const wall = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    await server.close();
    console.log(`kube-local start with the demo seed (this process, modules loaded): wall ${f(wall)} ms, cpu ${f((used.user + used.system) / 1000)} ms`);
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
