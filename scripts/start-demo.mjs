#!/usr/bin/env node
// `npm start`: the whole demo with one command.
//   1. the local Kubernetes API server (packages/kube-local) seeded with examples/cluster on 127.0.0.1:6443;
//   2. any extra demo services (see SERVICES below: the traffic simulator goes there);
//   3. Backstage (`backstage-cli repo start`: backend on :7007, frontend on :3000);
//   4. once the backend answers, the demo's access grants (scripts/demo-grants.ts: requested, approved and claimed
//      through the access API as the demo users; skipped when they exist from an earlier run).
// The cluster (.kube-local/snapshot.json) and the AI gateway plugin's database (.kube-local/ai-gateway.sqlite: access
// requests and grants) survive a restart together; delete .kube-local/ to start from the seed again.
// Ctrl-C (or SIGTERM) stops everything; if any service dies, the others are stopped too.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess, stopProcesses, waitForHttp } from './lib/processes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = name => join(root, 'node_modules', '.bin', name);
const KUBE_PORT = Number(process.env.KUBE_LOCAL_PORT ?? 6443);
// The traffic simulator (packages/traffic-simulator): agentgateway-format metrics behind a pod-proxy path,
// read by the backend through `aiGateway.metrics.clusters.local.podProxy.apiUrl` (app-config.yaml).
const SIMULATOR_PORT = Number(process.env.TRAFFIC_SIMULATOR_PORT ?? 15020);
// The demo MCP servers (packages/mcp-demo-server), reached by MCP discovery through `aiGateway.mcp.endpoints`.
const MCP_DEMO_PORT = Number(process.env.MCP_DEMO_PORT ?? 7010);
// The well-known development token (also the default in app-config.yaml). Override with KUBE_LOCAL_TOKEN.
const TOKEN = process.env.KUBE_LOCAL_TOKEN || 'kube-local-dev-token';
const stateDir = join(root, '.kube-local');
mkdirSync(stateDir, { recursive: true });

/**
 * The services of the demo, started in this order; each waits for `ready` (an HTTP URL) before the next starts.
 * HOOK: add demo processes here (e.g. the traffic simulator) — they are started, logged and stopped like the rest.
 */
export const SERVICES = [
  {
    name: 'kube-local',
    command: bin('tsx'),
    args: [
      'packages/kube-local/src/cli.ts',
      '--port',
      String(KUBE_PORT),
      '--seed',
      'examples/cluster',
      '--kubeconfig',
      '.kube-local/kubeconfig',
      '--snapshot',
      '.kube-local/snapshot.json',
      '--token',
      TOKEN,
    ],
    ready: {
      url: `http://127.0.0.1:${KUBE_PORT}/version`,
      headers: { authorization: `Bearer ${TOKEN}` },
      accept: status => status === 200,
    },
  },
  {
    name: 'traffic-simulator',
    command: bin('tsx'),
    args: [
      'packages/traffic-simulator/src/cli.ts',
      '--port',
      String(SIMULATOR_PORT),
      // reads the objects from kube-local and re-reads them every 10 s: routes created in Backstage get traffic
      '--kube-url',
      `http://127.0.0.1:${KUBE_PORT}`,
      '--token',
      TOKEN,
    ],
    ready: {
      url: `http://127.0.0.1:${SIMULATOR_PORT}/healthz/ready`,
      accept: status => status === 200,
    },
  },
  {
    name: 'mcp-demo-server',
    command: bin('tsx'),
    args: [
      'packages/mcp-demo-server/src/cli.ts',
      '--port',
      String(MCP_DEMO_PORT),
    ],
    ready: {
      url: `http://127.0.0.1:${MCP_DEMO_PORT}/healthz`,
      accept: status => status === 200,
    },
  },
  {
    name: 'backstage',
    command: bin('backstage-cli'),
    args: ['repo', 'start'],
    env: {
      KUBE_LOCAL_TOKEN: TOKEN,
      // app-config.yaml: backend.database.plugin.ai-gateway.connection (the rest of the backend stays in memory)
      AI_GATEWAY_DEMO_DB_DIR: stateDir,
      AI_GATEWAY_DEMO_DB_FILE: 'ai-gateway.sqlite',
    },
  },
];

/** The demo grants (scripts/demo-grants.ts) once the backend is ready; a failure is reported, the demo keeps running. */
async function seedDemoGrants() {
  const backend = process.env.BACKSTAGE_URL ?? 'http://localhost:7007';
  await waitForHttp(`${backend}/.backstage/health/v1/readiness`, {
    accept: status => status === 200,
    timeoutMs: 600_000,
  });
  const seeder = startProcess({
    name: 'demo-grants',
    cwd: root,
    command: bin('tsx'),
    args: ['scripts/demo-grants.ts', '--base-url', backend],
  });
  const { code } = await seeder.exited;
  if (code !== 0)
    console.error(
      '[demo] the demo access grants were not created (see [demo-grants] above); the demo runs without them',
    );
}

const children = [];
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log('\n[demo] stopping…');
  // Reverse order: Backstage first, so it does not log the cluster going away.
  for (const child of [...children].reverse()) await stopProcesses([child]);
  process.exit(code);
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

try {
  for (const service of SERVICES) {
    const child = startProcess({ cwd: root, ...service });
    children.push(child);
    child.exited.then(({ code, signal }) => {
      if (!stopping) {
        console.error(
          `[demo] ${service.name} exited (${
            signal ?? code
          }); stopping the demo`,
        );
        shutdown(code || 1);
      }
    });
    if (service.ready) {
      await waitForHttp(service.ready.url, { ...service.ready, child });
      console.log(`[demo] ${service.name} is ready at ${service.ready.url}`);
    }
  }
  console.log(
    '[demo] Backstage is starting: open http://localhost:3000, choose "Enter" (guest) or a demo user, then a demo component.',
  );
  seedDemoGrants().catch(e =>
    console.error(`[demo] demo grants: ${e.message}`),
  );
} catch (e) {
  console.error(`[demo] ${e.message}`);
  await shutdown(1);
}
