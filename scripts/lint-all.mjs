#!/usr/bin/env node
// ESLint over every workspace package (the lint stage of `npm test`), with each package's own `.eslintrc.js`
// (Backstage's eslint-factory), like `backstage-cli repo lint` but:
//   - it prints the problems of every package that has any, warnings included (repo lint shows failed ones only),
//     and ends with ONE line `Lint: N packages, N errors, N warnings` that `npm test` counts;
//   - packages are linted by two processes at once (largest first), each with ESLint's own result cache
//     (node_modules/.cache/eslint/): every file is still checked, unchanged files answer from the cache (keyed by
//     file content and the resolved config; see cacheFile for what else invalidates it), so a repeated run takes
//     seconds instead of minutes. `--no-cache` ignores it (CI starts from a fresh node_modules anyway).
// Usage: node scripts/lint-all.mjs [--no-cache] [--jobs N] [package-dir ...]
// Exit code 1 when any package has an error (warnings do not fail).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const self = fileURLToPath(import.meta.url);

/** Every workspace package with a lint script and an ESLint config, largest (most files under src/) first. */
export function lintablePackages() {
  const { workspaces } = JSON.parse(
    readFileSync(join(root, 'package.json'), 'utf8'),
  );
  const dirs = workspaces.flatMap(pattern => {
    const base = pattern.replace(/\/\*$/, '');
    return readdirSync(join(root, base), { withFileTypes: true })
      .filter(d => d.isDirectory())
      .map(d => join(root, base, d.name));
  });
  const lintable = dirs.filter(dir => {
    const pkgFile = join(dir, 'package.json');
    if (!existsSync(pkgFile)) return false;
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    return Boolean(pkg.scripts?.lint);
  });
  const missingConfig = lintable.filter(
    dir => !existsSync(join(dir, '.eslintrc.js')),
  );
  if (missingConfig.length) {
    console.error(
      `packages without .eslintrc.js: ${missingConfig
        .map(d => relative(root, d))
        .join(', ')}`,
    );
    process.exit(1);
  }
  const size = dir => countFiles(join(dir, 'src'));
  return lintable
    .map(dir => ({ dir, size: size(dir) }))
    .sort((a, b) => b.size - a.size)
    .map(p => p.dir);
}

function countFiles(dir) {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true }))
    n += e.isDirectory() ? countFiles(join(dir, e.name)) : 1;
  return n;
}

/**
 * ESLint's cache keys results by file content and resolved config only; some rules read more (e.g.
 * `@backstage/no-undeclared-imports` reads package.json), so the package's and the root's package.json and the ESLint
 * version are part of the cache file's name: a change to them starts that package from scratch.
 */
function cacheFile(dir) {
  const hash = createHash('sha1');
  for (const file of [
    join(dir, 'package.json'),
    join(root, 'package.json'),
    join(root, 'node_modules', 'eslint', 'package.json'),
  ])
    hash.update(existsSync(file) ? readFileSync(file) : '-');
  const name = relative(root, dir).replace(/[\\/]/g, '_');
  return join(
    root,
    'node_modules',
    '.cache',
    'eslint',
    `${name}-${hash.digest('hex').slice(0, 12)}.json`,
  );
}

/** In a child process: lints its packages one after the other, each as `BEGIN <dir>`, its problems, `RESULT <json>`. */
async function lintGroup(dirs, useCache) {
  for (const dir of dirs) {
    const require = createRequire(join(dir, 'package.json'));
    const { ESLint } = require('eslint');
    const started = Date.now();
    process.chdir(dir);
    const eslint = new ESLint({
      cwd: dir,
      extensions: ['js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs'],
      cache: useCache,
      cacheLocation: cacheFile(dir),
    });
    const results = await eslint.lintFiles(['.']);
    const withProblems = results.filter(r => r.errorCount || r.warningCount);
    const text = withProblems.length
      ? (await eslint.loadFormatter('stylish')).format(withProblems)
      : '';
    const summary = {
      dir: relative(root, dir),
      files: results.length,
      errors: results.reduce((n, r) => n + r.errorCount, 0),
      warnings: results.reduce((n, r) => n + r.warningCount, 0),
      seconds: (Date.now() - started) / 1000,
    };
    process.stdout.write(
      `BEGIN ${summary.dir}\n${text}\nRESULT ${JSON.stringify(summary)}\n`,
    );
  }
}

/** Splits the packages (largest first) into `jobs` groups of about equal size, each linted by one process. */
function groups(dirs, jobs) {
  const out = Array.from({ length: Math.max(1, jobs) }, () => ({
    dirs: [],
    size: 0,
  }));
  for (const dir of dirs) {
    const g = out.reduce((a, b) => (b.size < a.size ? b : a));
    g.dirs.push(dir);
    g.size += countFiles(join(dir, 'src')) + 20; // + the fixed cost of a package
  }
  return out.filter(g => g.dirs.length).map(g => g.dirs);
}

/** Prints one package's block as soon as it is complete; returns its summary. */
function report(block) {
  const lines = block.split('\n');
  const resultLine = lines.find(l => l.startsWith('RESULT '));
  const summary = JSON.parse(resultLine.slice('RESULT '.length));
  const body = lines
    .filter(l => !l.startsWith('RESULT ') && !l.startsWith('BEGIN '))
    .join('\n')
    .trim();
  console.log(
    `Checked ${String(summary.files).padStart(3)} files in ${summary.dir}: ${
      summary.errors
    } errors, ${summary.warnings} warnings (${summary.seconds.toFixed(1)}s)`,
  );
  if (body) console.log(`${body}\n`);
  return summary;
}

/** Lints the groups in parallel child processes (one ESLint load per process, not per package). */
async function lintAll(dirs, jobs, useCache) {
  const summaries = [];
  await Promise.all(
    groups(dirs, jobs).map(
      group =>
        new Promise(resolve => {
          const child = spawn(
            process.execPath,
            [
              self,
              '--child',
              ...(useCache ? [] : ['--no-cache']),
              ...group.map(d => relative(root, d)),
            ],
            { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
          );
          let pending = '';
          let stderr = '';
          const done = new Set();
          child.stdout.on('data', d => {
            pending += d;
            for (let end = pending.indexOf('\nRESULT '); end >= 0; ) {
              const eol = pending.indexOf('\n', end + 1);
              if (eol < 0) break;
              const summary = report(pending.slice(0, eol));
              summaries.push(summary);
              done.add(summary.dir);
              pending = pending.slice(eol + 1);
              end = pending.indexOf('\nRESULT ');
            }
          });
          child.stderr.on('data', d => (stderr += d));
          child.on('close', code => {
            for (const dir of group.map(d => relative(root, d))) {
              if (done.has(dir)) continue;
              console.log(`${dir}: lint crashed (exit ${code})\n${stderr}`);
              summaries.push({ dir, files: 0, errors: 1, warnings: 0 });
            }
            resolve();
          });
        }),
    ),
  );
  return summaries;
}

if (args[0] === '--child') {
  await lintGroup(
    args
      .slice(1)
      .filter(a => !a.startsWith('--'))
      .map(d => join(root, d)),
    !args.includes('--no-cache'),
  );
} else {
  const useCache = !args.includes('--no-cache');
  const jobsAt = args.indexOf('--jobs');
  const jobs = jobsAt >= 0 ? Number(args[jobsAt + 1]) : 2;
  const named = args.filter(
    (a, i) => !a.startsWith('--') && (jobsAt < 0 || i !== jobsAt + 1),
  );
  const dirs = named.length
    ? named.map(d => join(root, d))
    : lintablePackages();
  const started = Date.now();
  const summaries = await lintAll(dirs, jobs, useCache);
  const errors = summaries.reduce((n, s) => n + s.errors, 0);
  const warnings = summaries.reduce((n, s) => n + s.warnings, 0);
  const secs = Math.round((Date.now() - started) / 1000);
  console.log(
    `\nLint: ${
      summaries.length
    } packages, ${errors} errors, ${warnings} warnings (${secs}s${
      useCache ? ', ESLint cache on' : ''
    })`,
  );
  process.exit(errors > 0 ? 1 : 0);
}
