// The browser-test harness: kube-local seeded with the demo cluster (or, with AI_GATEWAY_TEST_KUBECONFIG, that
// cluster seeded in uniquely prefixed namespaces: e2e/cluster.ts), the backend serving the BUILT app bundle
// (app-backend) with app-config.yaml + app-config.e2e.yaml on free ports, and a headless Debian Chromium.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import {
  API_OWNER,
  DEMO_USER_HEADER,
  REQUESTER,
  demoUserToken,
} from '../scripts/demo-grants';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
// @ts-ignore plain ESM helpers shared with scripts/start-demo.mjs
import {
  freePort,
  startProcess,
  stopProcesses,
  waitForHttp,
} from '../scripts/lib/processes.mjs';
import {
  TEST_KUBECONFIG_ENV,
  setUpRealCluster,
  type RealClusterSetup,
} from './cluster';
import { loadSeed } from './seed';

export { DEMO_USER_HEADER, demoUserToken };

export const ROOT = join(__dirname, '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

export interface Stack {
  baseUrl: string;
  kubeUrl: string;
  token: string;
  /** true when the stack uses the cluster of `AI_GATEWAY_TEST_KUBECONFIG` instead of starting kube-local */
  real: boolean;
  /** The namespace a demo namespace is in on this stack's cluster (`team-support` → `aigw-x1y2z3-team-support`). */
  ns(namespace: string): string;
  /** the demo seed (examples/cluster) as created in the cluster (namespaces mapped through {@link ns}) */
  objects: any[];
  /** the last lines of every process (for failure messages) */
  logs(): string;
  /** everything the backend printed since it started (the access test searches it for keys) */
  backendLogs(): string;
  /** a client-node KubeConfig for the cluster (kube-local's admin token, or the kubeconfig's user) */
  kubeConfig(): KubeConfig;
  stop(): Promise<void>;
}

/**
 * Builds packages/app once per run: `npm test` sets E2E_RUN_ID, and test files after the first reuse that build
 * (a marker in dist/). E2E_SKIP_BUILD=1 reuses any existing dist/.
 */
export function buildApp(): void {
  const dist = join(ROOT, 'packages', 'app', 'dist');
  if (
    process.env.E2E_SKIP_BUILD === '1' &&
    existsSync(join(dist, 'index.html'))
  )
    return;
  const marker = process.env.E2E_RUN_ID
    ? join(dist, `.e2e-build-${process.env.E2E_RUN_ID}`)
    : undefined;
  if (marker && existsSync(marker)) return;
  execFileSync(bin('backstage-cli'), ['package', 'build'], {
    cwd: join(ROOT, 'packages', 'app'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (marker) writeFileSync(marker, `${new Date().toISOString()}\n`);
}

export interface StackOptions {
  /**
   * Also start the traffic simulator (packages/traffic-simulator) on a free port, reading the objects from
   * kube-local, and point the backend's pod-proxy metrics source at it (`TRAFFIC_SIMULATOR_PORT`, which
   * app-config.yaml's `aiGateway.metrics.clusters.local.podProxy.apiUrl` reads), as `npm start` does.
   */
  simulator?: boolean;
  /** extra environment of the backend (e.g. `MCP_DEMO_PORT`, which app-config.yaml's `aiGateway.mcp.endpoints` read) */
  backendEnv?: Record<string, string>;
}

/** kube-local on a free port, seeded with the demo cluster, its admin token `token`. */
async function startKubeLocalProcess(token: string, children: any[]) {
  const port = await freePort();
  const kube = startProcess({
    name: 'kube-local',
    quiet: true,
    cwd: ROOT,
    command: bin('tsx'),
    args: [
      'packages/kube-local/src/cli.ts',
      '--port',
      String(port),
      '--seed',
      'examples/cluster',
      '--token',
      token,
    ],
  });
  children.push(kube);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/version`, {
    child: kube,
    headers: { authorization: `Bearer ${token}` },
    accept: (s: number) => s === 200,
    timeoutMs: 60_000,
  });
  return url;
}

function kubeLocalConfig(url: string, token: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'kube-local', server: url, skipTLSVerify: true }],
    users: [{ name: 'e2e', token }],
    contexts: [{ name: 'kube-local', cluster: 'kube-local', user: 'e2e' }],
    currentContext: 'kube-local',
  });
  return kc;
}

/**
 * kube-local (or the cluster of `AI_GATEWAY_TEST_KUBECONFIG`: the demo seed in namespaces with a unique prefix,
 * removed again by `stop()`), the backend serving the built app, and the traffic simulator when asked.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const backendPort = await freePort();
  const simulatorPort = options.simulator ? await freePort() : undefined;
  const kubeconfig = process.env[TEST_KUBECONFIG_ENV];
  const seed = loadSeed(join(ROOT, 'examples', 'cluster'));
  const children: any[] = [];
  let dir: string | undefined;
  let real: RealClusterSetup | undefined;
  const stop = async () => {
    for (const c of [...children].reverse()) await stopProcesses([c]);
    await real?.cluster.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    let kubeUrl: string;
    let token: string;
    if (kubeconfig) {
      dir = mkdtempSync(join(tmpdir(), 'ai-gateway-e2e-cluster-'));
      real = await setUpRealCluster({ root: ROOT, kubeconfig, seed, dir });
      kubeUrl = real.cluster.url;
      token = real.cluster.token;
    } else {
      token = `e2e-${process.pid}-${Date.now()}`;
      kubeUrl = await startKubeLocalProcess(token, children);
    }

    if (simulatorPort !== undefined) {
      const simulator = startProcess({
        name: 'traffic-simulator',
        quiet: true,
        cwd: ROOT,
        command: bin('tsx'),
        args: [
          'packages/traffic-simulator/src/cli.ts',
          '--port',
          String(simulatorPort),
          '--kube-url',
          kubeUrl,
        ],
        // the token through the environment (KUBE_TOKEN), not the command line
        env: { KUBE_TOKEN: token, ...real?.fetchEnv },
      });
      children.push(simulator);
      await waitForHttp(`http://127.0.0.1:${simulatorPort}/healthz/ready`, {
        child: simulator,
        accept: (s: number) => s === 200,
        timeoutMs: 60_000,
      });
    }

    // The backend runs its TypeScript sources through Backstage's node transform, as `backstage-cli package start`
    // does, but without the file watcher (edits elsewhere in the tree must not restart it mid-test) and without
    // NODE_ENV=development (app-config.e2e.yaml allows the guest provider explicitly).
    const backend = startProcess({
      name: 'backend',
      quiet: true,
      maxLines: Number.POSITIVE_INFINITY,
      cwd: join(ROOT, 'packages', 'backend'),
      command: process.execPath,
      args: [
        '--enable-source-maps',
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        'src/index.ts',
        '--config',
        '../../app-config.yaml',
        '--config',
        '../../app-config.e2e.yaml',
        ...(real ? ['--config', real.configFile] : []),
      ],
      env: {
        E2E_BACKEND_PORT: String(backendPort),
        E2E_KUBE_URL: kubeUrl,
        KUBE_LOCAL_TOKEN: token,
        ESBK_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
        NODE_ENV: 'production',
        ...(simulatorPort !== undefined
          ? { TRAFFIC_SIMULATOR_PORT: String(simulatorPort) }
          : {}),
        ...options.backendEnv,
      },
    });
    children.push(backend);
    const baseUrl = `http://localhost:${backendPort}`;
    await waitForHttp(`${baseUrl}/.backstage/health/v1/readiness`, {
      child: backend,
      accept: (s: number) => s === 200,
      timeoutMs: 420_000,
    });
    const cluster = real?.cluster;
    return {
      baseUrl,
      kubeUrl,
      token,
      real: Boolean(cluster),
      ns: cluster ? cluster.ns : n => n,
      objects: cluster ? cluster.mapObjects(seed) : seed,
      logs: () =>
        children
          .map(c => `--- ${c.serviceName}\n${c.logs().slice(-6000)}`)
          .join('\n'),
      backendLogs: () => backend.logs(),
      kubeConfig: () =>
        cluster ? cluster.kubeConfig() : kubeLocalConfig(kubeUrl, token),
      stop,
    };
  } catch (e: any) {
    const logs = children
      .map(c => `--- ${c.serviceName}\n${c.logs().slice(-8000)}`)
      .join('\n');
    await stop();
    throw new Error(`${e.message}\n${logs}`);
  }
}

/** A guest token from the running backend (the same sign-in the browser does). */
export async function guestToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh?env=development`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok)
    throw new Error(
      `guest sign-in failed: HTTP ${res.status} ${await res.text()}`,
    );
  const body: any = await res.json();
  return body.backstageIdentity.token;
}

/**
 * The demo users of app-config.yaml (`auth.providers.demo.users`): `title` is the name on the sign-in card
 * ("Sign in as <title>").
 */
export const DEMO_USERS = {
  requester: { ref: REQUESTER, title: 'Sofia Search' },
  apiOwner: { ref: API_OWNER, title: 'Sam Support' },
  platformAdmin: {
    ref: 'user:default/paula.platform',
    title: 'Paula Platform',
  },
} as const;
export type DemoUser = (typeof DEMO_USERS)[keyof typeof DEMO_USERS];

/** Waits until the catalog has ingested an entity (the catalog reads examples/catalog after start). */
export async function waitForEntity(
  baseUrl: string,
  ref: { kind: string; namespace: string; name: string },
) {
  const token = await guestToken(baseUrl);
  const url = `${baseUrl}/api/catalog/entities/by-name/${ref.kind}/${ref.namespace}/${ref.name}`;
  await waitForHttp(url, {
    headers: { authorization: `Bearer ${token}` },
    accept: (s: number) => s === 200,
    timeoutMs: 120_000,
  });
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'ai-gateway-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1600, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The default sign-in of the browser tests: opens the app and signs in with the guest card's "Enter" button (the
 * demo guest, `user:default/guest`, a member of team-support), then waits for the sidebar.
 */
export async function signInAsGuest(
  page: Page,
  baseUrl: string,
): Promise<void> {
  await page.goto(baseUrl);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.waitFor({ state: 'visible', timeout: 60_000 });
  await enter.click();
  await page
    .getByRole('link', { name: 'Catalog' })
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
}

/**
 * Signs in on the app's sign-in page as one of the demo users ("Sign in as <title>" on the user's card), then waits
 * for the sidebar.
 */
export async function signInAsDemoUser(
  page: Page,
  baseUrl: string,
  user: DemoUser,
): Promise<void> {
  await page.goto(baseUrl);
  const button = page.getByRole('button', { name: `Sign in as ${user.title}` });
  await button.waitFor({ state: 'visible', timeout: 60_000 });
  await button.click();
  await page
    .getByRole('link', { name: 'Catalog' })
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
}

/**
 * What every browser test does before its first step: waits until the catalog has the entity the test opens
 * (when given), launches Chromium (a fresh profile: each call is a separate browser identity) and signs in as the
 * guest, or as `options.as` (a demo user). On failure the browser is closed and the stack's logs are printed.
 */
export async function openSignedIn(
  stack: Stack,
  entity?: { kind: string; namespace: string; name: string },
  options: { as?: DemoUser } = {},
): Promise<Browser> {
  let browser: Browser | undefined;
  try {
    if (entity) await waitForEntity(stack.baseUrl, entity);
    browser = await launchBrowser();
    if (options.as)
      await signInAsDemoUser(browser.page, stack.baseUrl, options.as);
    else await signInAsGuest(browser.page, stack.baseUrl);
    return browser;
  } catch (e) {
    console.error(stack.logs());
    await browser?.close();
    throw e;
  }
}
