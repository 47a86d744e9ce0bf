// Reads the pass/fail/skip counts out of a test runner's output (Jest, node's test runner).

/** Jest: `Tests:       1 failed, 2 skipped, 40 passed, 43 total` (+ suites that failed before running tests). */
export function parseJestSummary(output) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const lines = output.split('\n').map(stripAnsi);
  const tests = lines.filter(l => /^Tests:\s/.test(l)).pop();
  if (tests) {
    for (const [, n, what] of tests.matchAll(
      /(\d+) (passed|failed|skipped|todo)/g,
    )) {
      counts[what === 'todo' ? 'skipped' : what] += Number(n);
    }
  }
  const suites = lines.filter(l => /^Test Suites:\s/.test(l)).pop();
  const failedSuites = Number(suites?.match(/(\d+) failed/)?.[1] ?? 0);
  // A suite that fails to load (syntax/type error) reports no failed test: count it as one failure.
  if (failedSuites > 0 && counts.failed === 0) counts.failed = failedSuites;
  return { ...counts, found: Boolean(tests || suites) };
}

/** node --test (spec or tap reporter): `ℹ pass 3` / `# pass 3`, `fail`, `skipped`, `todo`, `cancelled`. */
export function parseNodeTestSummary(output) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  let found = false;
  for (const line of output.split('\n').map(stripAnsi)) {
    const m = line.match(
      /^(?:ℹ|#) (pass|fail|skipped|todo|cancelled) (\d+)\s*$/,
    );
    if (!m) continue;
    found = true;
    const n = Number(m[2]);
    if (m[1] === 'pass') counts.passed = n;
    else if (m[1] === 'fail' || m[1] === 'cancelled') counts.failed += n;
    else counts.skipped += n;
  }
  return { ...counts, found };
}

/** The final line of `npm test`: `Tests: 12 passed, 0 failed` (`, 3 skipped` only when some were skipped). */
/**
 * `prettier --check` output as counts: every `[warn] <file>` line is one failure (a file not formatted);
 * a clean check is one passed check.
 */
export function parsePrettierSummary(output) {
  const files = stripAnsi(output)
    .split('\n')
    .filter(l => /^\[warn\] (?!Code style issues)\S/.test(l)).length;
  const clean = /All matched files use Prettier code style/.test(output);
  return {
    passed: clean ? 1 : 0,
    failed: files,
    skipped: 0,
    found: clean || files > 0,
  };
}

/**
 * scripts/lint-all.mjs output as counts: every lint error is one failure, every package without errors one passed
 * check; warnings do not fail but are counted (`Checked N files in <dir>: E errors, W warnings`).
 */
export function parseLintSummary(output) {
  const counts = { passed: 0, failed: 0, skipped: 0, warnings: 0 };
  let found = false;
  for (const line of stripAnsi(output).split('\n')) {
    const m = line.match(
      /^Checked\s+\d+ files in \S+: (\d+) errors, (\d+) warnings/,
    );
    if (m) {
      found = true;
      const errors = Number(m[1]);
      if (errors > 0) counts.failed += errors;
      else counts.passed += 1;
      counts.warnings += Number(m[2]);
    } else if (/: lint crashed/.test(line)) {
      found = true;
      counts.failed += 1;
    }
  }
  return { ...counts, found };
}

export function formatTotal({ passed, failed, skipped }) {
  return `Tests: ${passed} passed, ${failed} failed${
    skipped ? `, ${skipped} skipped` : ''
  }`;
}

export function stripAnsi(s) {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
