#!/usr/bin/env node
// `npm run test:e2e`: only the browser tests (e2e/*.test.ts), with one app build for the whole run (E2E_RUN_ID).
// `npm test` runs them too, after the unit and script tests. Extra arguments select files: `npm run test:e2e -- e2e/tabs.test.ts`.
// With AI_GATEWAY_TEST_KUBECONFIG set, the harness uses that cluster instead of starting kube-local (e2e/cluster.ts).
// `npm run test:e2e -- --stand-in-cluster [files]`: the same against a separate kube-local process standing in for a
// real cluster (HTTPS with its own CA, no CRDs installed, reached only through the kubeconfig it writes); afterwards
// checks that the bundled CRDs were installed and that no `aigw-` namespace is left but terminating ones.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { freePort, startProcess, stopProcesses } from './lib/processes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const standIn = process.argv.includes('--stand-in-cluster');
const selected = process.argv.slice(2).filter(a => a !== '--stand-in-cluster');
const files = selected.length
  ? selected
  : readdirSync(join(root, 'e2e'))
      .filter(f => f.endsWith('.test.ts'))
      .sort()
      .map(f => join('e2e', f));

/** Runs the suites (asynchronously: the stand-in cluster's output keeps being read meanwhile); the exit code. */
function runSuites(env) {
  const child = spawn(
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
        ...env,
        CI: 'true',
        E2E_RUN_ID: `${process.pid}-${Date.now()}`,
      },
    },
  );
  return new Promise(resolve => {
    child.on('error', () => resolve(1));
    child.on('close', code => resolve(code ?? 1));
  });
}

/** GET on the stand-in with the kubeconfig's CA and token. */
function kubeGet(kubeconfig, path) {
  const kc = parse(readFileSync(kubeconfig, 'utf8'));
  const cluster = kc.clusters[0].cluster;
  const token = kc.users[0].user.token;
  const url = new URL(path, cluster.server);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        ca: Buffer.from(cluster['certificate-authority-data'], 'base64'),
        headers: { authorization: `Bearer ${token}` },
      },
      res => {
        let body = '';
        res.on('data', d => (body += d));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(JSON.parse(body))
            : reject(new Error(`GET ${path}: HTTP ${res.statusCode} ${body}`)),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function withStandInCluster() {
  const dir = mkdtempSync(join(tmpdir(), 'ai-gateway-stand-in-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const kube = startProcess({
    name: 'stand-in cluster',
    cwd: root,
    command: join(root, 'node_modules', '.bin', 'tsx'),
    args: [
      'packages/kube-local/src/cli.ts',
      '--port',
      String(await freePort()),
      '--tls',
      '--no-bundled-crds',
      '--kubeconfig',
      kubeconfig,
      '--token',
      `stand-in-${randomBytes(12).toString('hex')}`,
    ],
    quiet: true,
  });
  try {
    const deadline = Date.now() + 60_000;
    while (!existsSync(kubeconfig) || !kube.logs().includes('listening')) {
      if (Date.now() > deadline || kube.exitCode !== null)
        throw new Error(`the stand-in cluster did not start:\n${kube.logs()}`);
      await new Promise(r => setTimeout(r, 250));
    }
    console.log(`stand-in cluster: ${kube.logs().split('\n')[0]}`);
    const status = await runSuites({ AI_GATEWAY_TEST_KUBECONFIG: kubeconfig });

    const crds = await kubeGet(
      kubeconfig,
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    );
    const names = crds.items.map(c => c.metadata.name);
    const installed = [
      'agentgatewaybackends.agentgateway.dev',
      'httproutes.gateway.networking.k8s.io',
    ].every(n => names.includes(n));
    const namespaces = (await kubeGet(kubeconfig, '/api/v1/namespaces')).items
      .filter(n => n.metadata.name.startsWith('aigw-'))
      .map(n => `${n.metadata.name} (${n.status?.phase})`);
    const left = namespaces.filter(n => !n.endsWith('(Terminating)'));
    console.log(
      `stand-in cluster after the run: ${names.length} CRDs (bundled ones ${
        installed ? 'installed' : 'MISSING'
      }); aigw- namespaces: ${namespaces.join(', ') || 'none'}`,
    );
    if (!installed || left.length) return status || 1;
    return status;
  } finally {
    await stopProcesses([kube]);
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exit(await (standIn ? withStandInCluster() : runSuites({})));
