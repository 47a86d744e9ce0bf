#!/usr/bin/env node
// `npm test`: every test of the repository, then ONE final line `Tests: N passed, N failed[, N skipped]`.
//   0. formatting (`prettier --check .`, see .prettierignore): one failure per unformatted file;
//   0b. lint (scripts/lint-all.mjs: ESLint over every package, two at a time, ESLint's cache): one failure per lint
//      error, warnings counted in the summary;
//   1. unit + integration tests of all packages (`CI=true backstage-cli repo test`, Jest);
//   2. tests of these scripts (node's test runner);
//   3. browser tests (e2e/, node's test runner + playwright-core + Chromium).
// Exit code 0 only if every runner succeeded and no test failed.
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatTotal,
  parseJestSummary,
  parseLintSummary,
  parseNodeTestSummary,
  parsePrettierSummary,
} from './lib/summary.mjs';

const runId = `${process.pid}-${Date.now()}`;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = (dir, re) =>
  readdirSync(join(root, dir))
    .filter(f => re.test(f))
    .sort()
    .map(f => join(dir, f));

const runners = [
  {
    name: 'formatting (prettier --check)',
    command: join(root, 'node_modules', '.bin', 'prettier'),
    args: ['--check', '.'],
    parse: parsePrettierSummary,
  },
  {
    name: 'lint (eslint, every package)',
    command: process.execPath,
    args: [join(root, 'scripts', 'lint-all.mjs')],
    parse: parseLintSummary,
  },
  {
    name: 'unit and integration tests (jest)',
    command: join(root, 'node_modules', '.bin', 'backstage-cli'),
    // Two workers: many suites wait on servers they start, so a 2-core machine still gains from overlap.
    args: ['repo', 'test', '--maxWorkers=2'],
    parse: parseJestSummary,
  },
  {
    name: 'script tests (node --test)',
    command: process.execPath,
    args: [
      '--test',
      '--test-reporter=spec',
      ...files('scripts/lib', /\.test\.mjs$/),
    ],
    parse: parseNodeTestSummary,
  },
  {
    name: 'browser tests (node --test, e2e/)',
    command: process.execPath,
    args: [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-concurrency=1',
      ...files('e2e', /\.test\.ts$/),
    ],
    parse: parseNodeTestSummary,
  },
];

/**
 * Runs one runner with its output going to a FILE (not a pipe: Jest calls process.exit, which can cut off pending
 * pipe writes — including its summary), echoed live from that file.
 */
function run({ command, args }) {
  const dir = mkdtempSync(join(tmpdir(), 'test-all-'));
  const file = join(dir, 'output.log');
  const fd = openSync(file, 'w');
  let shown = 0;
  const echo = () => {
    const text = readFileSync(file);
    if (text.length > shown) {
      process.stdout.write(text.subarray(shown));
      shown = text.length;
    }
  };
  return new Promise(resolve => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, CI: 'true', E2E_RUN_ID: runId },
      stdio: ['ignore', fd, fd],
    });
    const timer = setInterval(echo, 500);
    const done = code => {
      clearInterval(timer);
      closeSync(fd);
      echo();
      const output = readFileSync(file, 'utf8');
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, output });
    };
    child.on('error', e => {
      appendFileSync(file, `\n${e.message}\n`);
      done(1);
    });
    child.on('close', code => done(code ?? 1));
  });
}

const total = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
let ok = true;
for (const runner of runners) {
  console.log(
    `\n=== ${runner.name}: ${[runner.command, ...runner.args].join(' ')}\n`,
  );
  const started = Date.now();
  const { code, output } = await run(runner);
  const counts = runner.parse(output);
  // A runner that failed without reporting a failed test (crash, config error) still counts as one failure.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  if (code !== 0) ok = false;
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  const secs = Math.round((Date.now() - started) / 1000);
  const warnings =
    counts.warnings !== undefined ? `, ${counts.warnings} warnings` : '';
  lines.push(
    `${runner.name}: ${formatTotal(counts).replace(
      'Tests: ',
      '',
    )}${warnings} (exit ${code}, ${secs}s)`,
  );
}

console.log('\n=== Summary');
for (const line of lines) console.log(`  ${line}`);
console.log(formatTotal(total));
process.exit(ok && total.failed === 0 ? 0 : 1);
