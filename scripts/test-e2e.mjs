#!/usr/bin/env node
// `npm run test:e2e`: only the browser tests (e2e/*.test.ts), with one app build for the whole run (E2E_RUN_ID).
// `npm test` runs them too, after the unit and script tests. Extra arguments select files: `npm run test:e2e -- e2e/tabs.test.ts`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const selected = process.argv.slice(2);
const files = selected.length
  ? selected
  : readdirSync(join(root, 'e2e'))
      .filter(f => f.endsWith('.test.ts'))
      .sort()
      .map(f => join('e2e', f));
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-concurrency=1',
    ...files,
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      CI: 'true',
      E2E_RUN_ID: `${process.pid}-${Date.now()}`,
    },
  },
);
process.exit(result.status ?? 1);
