// Small process helpers shared by `npm start` (scripts/start-demo.mjs) and the browser-test harness (e2e/).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/**
 * Starts a long-running child in its own process group (so stopping it also stops what it spawns),
 * prefixing each output line with `[name]`. `quiet: true` keeps the output in memory only (see `child.logs()`), the
 * last `maxLines` lines (2000 unless given; the browser tests keep all of the backend's to search them for secrets).
 */
export function startProcess({
  name,
  command,
  args = [],
  cwd,
  env,
  quiet = false,
  maxLines = 2000,
}) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', line => {
      lines.push(line);
      if (lines.length > maxLines) lines.shift();
      if (!quiet) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.serviceName = name;
  child.logs = () => lines.join('\n');
  child.exited = new Promise(resolve =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  child.on('error', err => lines.push(`spawn error: ${err.message}`));
  return child;
}

/** Resolves once `url` answers with a status `accept(status)` likes; rejects on timeout or if `child` exits first. */
export async function waitForHttp(
  url,
  { timeoutMs = 120_000, headers, accept = s => s < 500, child } = {},
) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child?.exited.then(() => {
    exited = true;
  });
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(
        `${child.serviceName} exited before ${url} answered:\n${child
          .logs()
          .slice(-4000)}`,
      );
    }
    try {
      const res = await fetch(url, {
        headers,
        signal: AbortSignal.timeout(5000),
      });
      await res.arrayBuffer();
      if (accept(res.status)) return res.status;
      lastError = `HTTP ${res.status}`;
    } catch (e) {
      lastError = e.message;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${url} (${lastError})`,
  );
}

/**
 * Stops children and everything they spawned (their process groups): SIGTERM, then SIGKILL for whatever is
 * still alive after `graceMs` (a Backstage backend may hang in shutdown while its dev runner has already exited).
 */
export async function stopProcesses(children, { graceMs = 5000 } = {}) {
  const all = children.filter(Boolean);
  for (const c of all) signalGroup(c, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && all.some(groupAlive)) {
    await new Promise(r => setTimeout(r, 100));
  }
  for (const c of all) if (groupAlive(c)) signalGroup(c, 'SIGKILL');
  await Promise.all(all.map(c => c.exited));
}

function groupAlive(child) {
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** A free TCP port on 127.0.0.1 (asked from the OS). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
