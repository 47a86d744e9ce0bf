import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import {
  freePort,
  startProcess,
  stopProcesses,
  waitForHttp,
} from './processes.mjs';

// A killed process whose parent is gone stays a zombie until PID 1 reaps it; in containers whose PID 1 does not
// reap, signal 0 still succeeds for it. A zombie is not running, so read its state where /proc exists.
const alive = pid => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return (
      stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
    );
  } catch {
    return existsSync(`/proc/${pid}`) ? true : !existsSync('/proc/self');
  }
};

test('stopProcesses also kills a grandchild that ignores SIGTERM', async () => {
  // The child starts a grandchild that ignores SIGTERM, prints its pid, then waits.
  const grandchild = `process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);`;
  const child = startProcess({
    name: 'parent',
    quiet: true,
    command: process.execPath,
    args: [
      '-e',
      `const c = require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(
        grandchild,
      )}], { stdio: 'ignore' });
       console.log('grandchild ' + c.pid); setInterval(() => {}, 1000);`,
    ],
  });
  let pid;
  for (let i = 0; i < 100 && !pid; i++) {
    pid = Number(child.logs().match(/grandchild (\d+)/)?.[1]);
    await new Promise(r => setTimeout(r, 50));
  }
  assert.ok(pid && alive(pid), 'grandchild running');
  const started = Date.now();
  await stopProcesses([child], { graceMs: 500 });
  for (let i = 0; i < 50 && alive(pid); i++)
    await new Promise(r => setTimeout(r, 20));
  assert.equal(alive(pid), false, 'grandchild killed');
  assert.ok(Date.now() - started < 5000);
});

test('waitForHttp resolves once the server answers with an accepted status', async () => {
  let calls = 0;
  const server = createServer((_req, res) => {
    calls += 1;
    res.statusCode = calls < 3 ? 503 : 200;
    res.end();
  });
  const port = await freePort();
  await new Promise(r => server.listen(port, '127.0.0.1', r));
  try {
    const status = await waitForHttp(`http://127.0.0.1:${port}/`, {
      accept: s => s === 200,
      timeoutMs: 10_000,
    });
    assert.equal(status, 200);
    assert.equal(calls, 3);
  } finally {
    server.close();
  }
});

test('waitForHttp fails fast, with the logs, when the process it waits for exits', async () => {
  const child = startProcess({
    name: 'crasher',
    quiet: true,
    command: process.execPath,
    args: ['-e', 'console.error("boom: bad config"); process.exit(3)'],
  });
  const port = await freePort();
  await assert.rejects(
    waitForHttp(`http://127.0.0.1:${port}/`, { child, timeoutMs: 10_000 }),
    /crasher exited before .*\n.*boom: bad config/s,
  );
});
