import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatTotal,
  parseJestSummary,
  parseNodeTestSummary,
  parseLintSummary,
  parsePrettierSummary,
} from './summary.mjs';

test('reads a Jest summary with failures, skips and todos', () => {
  const out = [
    'PASS plugins/x/src/a.test.ts',
    'Test Suites: 1 failed, 11 passed, 12 total',
    '\u001b[1mTests:\u001b[22m       2 failed, 3 skipped, 1 todo, 40 passed, 46 total',
    'Snapshots:   0 total',
  ].join('\n');
  assert.deepEqual(parseJestSummary(out), {
    passed: 40,
    failed: 2,
    skipped: 4,
    found: true,
  });
});

test('counts a Jest suite that failed to load as a failure', () => {
  const out =
    'Test Suites: 1 failed, 2 passed, 3 total\nTests:       7 passed, 7 total\n';
  assert.deepEqual(parseJestSummary(out), {
    passed: 7,
    failed: 1,
    skipped: 0,
    found: true,
  });
});

test('reports nothing found when Jest printed no summary', () => {
  assert.equal(parseJestSummary('boom').found, false);
});

test('reads the spec and tap summaries of node --test', () => {
  const spec =
    'ℹ tests 5\nℹ suites 1\nℹ pass 3\nℹ fail 1\nℹ cancelled 0\nℹ skipped 1\nℹ todo 0\n';
  assert.deepEqual(parseNodeTestSummary(spec), {
    passed: 3,
    failed: 1,
    skipped: 1,
    found: true,
  });
  const tap = '# tests 2\n# pass 2\n# fail 0\n# skipped 0\n';
  assert.deepEqual(parseNodeTestSummary(tap), {
    passed: 2,
    failed: 0,
    skipped: 0,
    found: true,
  });
});

test('formats the final line, mentioning skips only when there are some', () => {
  assert.equal(
    formatTotal({ passed: 123, failed: 0, skipped: 0 }),
    'Tests: 123 passed, 0 failed',
  );
  assert.equal(
    formatTotal({ passed: 1, failed: 2, skipped: 3 }),
    'Tests: 1 passed, 2 failed, 3 skipped',
  );
});

test('reads prettier --check: one failure per unformatted file, one pass when clean', () => {
  assert.deepEqual(
    parsePrettierSummary(
      [
        'Checking formatting...',
        '[warn] plugins/a/src/x.ts',
        '[warn] README.md',
        '[warn] Code style issues found in 2 files. Forgot to run Prettier?',
      ].join('\n'),
    ),
    { passed: 0, failed: 2, skipped: 0, found: true },
  );
  assert.deepEqual(
    parsePrettierSummary(
      'Checking formatting...\nAll matched files use Prettier code style!\n',
    ),
    { passed: 1, failed: 0, skipped: 0, found: true },
  );
});

test('counts lint errors as failures, clean packages as passed, and the warnings', () => {
  const out = [
    'Checked 259 files in plugins/ai-gateway-backend: 3 errors, 2 warnings (32.4s)',
    '/work/main/plugins/ai-gateway-backend/src/plugin.ts',
    "  145:36  error  'mutations' was used before it was defined",
    '\u001b[1mChecked  56 files in plugins/ai-gateway-node: 0 errors, 5 warnings (0.4s)\u001b[22m',
    'Checked  11 files in packages/backend: 0 errors, 0 warnings (0.1s)',
    'packages/app: lint crashed (exit 1)',
    'Lint: 4 packages, 4 errors, 7 warnings (41s)',
  ].join('\n');
  assert.deepEqual(parseLintSummary(out), {
    passed: 2,
    failed: 4,
    skipped: 0,
    warnings: 7,
    found: true,
  });
  assert.deepEqual(parseLintSummary('nothing'), {
    passed: 0,
    failed: 0,
    skipped: 0,
    warnings: 0,
    found: false,
  });
});
