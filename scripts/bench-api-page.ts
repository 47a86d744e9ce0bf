/**
 * API entity page benchmark (goal: an API page with 500 tools usable ≤ 1 s after navigation), in the production
 * build with the browser-test harness: kube-local seeded with the demo, the backend serving the built app, headless
 * /usr/bin/chromium. A real SDK MCP server (packages/mcp-demo-server, a generated catalog of `--tools` tools) stands
 * behind an MCP backend added to kube-local; the backend's MCP discovery reads it, the catalog module emits the API.
 * Then, per run, from the home page's AI APIs card (in-app click) and by a full page load:
 *   navigation → first Tools row shown → first row expanded (its parameter table) → next page of rows shown;
 * and, as a baseline, the full page load of the demo's 4-tool MCP API.
 *
 * Each run also prints the renderer's main-thread time to the first row and to the next page (Chrome's TaskDuration:
 * the main thread's tasks, less load-sensitive than wall time but stretched too when the machine is loaded);
 * `--profile` adds one profiled run of each kind: CPU self time per source package (the build's source maps), long
 * tasks and the requests' waterfall (scripts/bench-ui-profile.ts).
 *
 *   npx tsx scripts/bench-api-page.ts [--runs 5] [--tools 500] [--profile]
 *
 * E2E_SKIP_BUILD=1 reuses an existing packages/app/dist.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import type { Page } from 'playwright-core';
import {
  catalogToolName,
  startMcpDemoServer,
} from '../packages/mcp-demo-server/src';
import {
  buildApp,
  guestToken,
  openSignedIn,
  startStack,
  type Stack,
} from '../e2e/harness';
import { cpuMeter } from './bench-ui-lib';
import {
  installLongTasks,
  printProfile,
  profilePhase,
} from './bench-ui-profile';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('runs', 5);
const PROFILE = process.argv.includes('--profile');
const TOOLS = arg('tools', 500);
const NAMESPACE = 'team-support';
const NAME = 'bench-tool-catalog';
const ENTITY = `${NAMESPACE}.${NAME}`;
const ENTITY_PATH = `/catalog/default/api/${ENTITY}`;
const GOAL_MS = 1000;
const DEMO_API = 'team-support.support-kb-mcp';

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n: number) => `${Math.round(n)} ms`;
const load = () =>
  loadavg()
    .map(l => l.toFixed(1))
    .join(' / ');

async function kube(stack: Stack, path: string, body: unknown) {
  const res = await fetch(`${stack.kubeUrl}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${stack.token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (!res.ok && res.status !== 409)
    throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
}

/**
 * A Gateway of its own (not in `aiGateway.gateways`, so discovery connects to the backend's target directly), an MCP
 * backend whose static target is the generated catalog, and the route exposing it, owned by support-assistant.
 */
async function addObjects(stack: Stack, mcpPort: number) {
  const labels = { 'backstage.io/kubernetes-id': 'support-assistant' };
  await kube(
    stack,
    '/apis/gateway.networking.k8s.io/v1/namespaces/agentgateway-system/gateways',
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'bench-gateway', namespace: 'agentgateway-system' },
      spec: {
        gatewayClassName: 'agentgateway',
        listeners: [
          {
            name: 'http',
            protocol: 'HTTP',
            port: 80,
            hostname: 'bench.example.com',
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
    },
  );
  await kube(
    stack,
    `/apis/agentgateway.dev/v1alpha1/namespaces/${NAMESPACE}/agentgatewaybackends`,
    {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayBackend',
      metadata: { name: NAME, namespace: NAMESPACE, labels },
      spec: {
        mcp: {
          targets: [
            {
              name: 'catalog',
              static: {
                host: '127.0.0.1',
                port: mcpPort,
                path: '/bench-catalog/mcp',
                protocol: 'StreamableHTTP',
              },
            },
          ],
        },
      },
    },
  );
  await kube(
    stack,
    `/apis/gateway.networking.k8s.io/v1/namespaces/${NAMESPACE}/httproutes`,
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: NAME, namespace: NAMESPACE, labels },
      spec: {
        parentRefs: [
          { name: 'bench-gateway', namespace: 'agentgateway-system' },
        ],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/bench/mcp' } }],
            backendRefs: [
              {
                group: 'agentgateway.dev',
                kind: 'AgentgatewayBackend',
                name: NAME,
              },
            ],
          },
        ],
      },
    },
  );
}

/** Waits until the catalog's API entity lists every tool (MCP discovery runs every 60 s in app-config.yaml). */
async function waitForApi(stack: Stack) {
  const token = await guestToken(stack.baseUrl);
  const url = `${stack.baseUrl}/api/catalog/entities/by-name/api/default/${ENTITY}`;
  const deadline = Date.now() + 300_000;
  let last = '';
  for (;;) {
    // a poll may meet a keep-alive socket the loaded backend just closed (ECONNRESET): ask again
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
    }).catch(() => undefined);
    if (res?.ok) {
      const body = await res.text();
      const entity = JSON.parse(body) as { spec?: { definition?: string } };
      const def = JSON.parse(entity.spec?.definition ?? '{}') as {
        discovery?: { tools?: unknown[]; status?: string; error?: unknown };
      };
      if ((def.discovery?.tools?.length ?? 0) >= TOOLS) return body.length;
      last = `${def.discovery?.tools?.length ?? 0} tools, discovery ${
        def.discovery?.status
      } ${JSON.stringify(def.discovery?.error ?? '')}`;
    } else last = `HTTP ${res?.status ?? 'connection reset'}`;
    if (Date.now() > deadline)
      throw new Error(
        `the API ${ENTITY} never listed ${TOOLS} tools (last: ${last})`,
      );
    await new Promise(r => setTimeout(r, 2000));
  }
}

interface Run {
  /** the entity's answer (GET /api/catalog/entities/by-name/...) received */
  entity: number;
  firstRow: number;
  expanded: number;
  nextPage: number;
  /** the renderer's main-thread ms from navigation to the first row shown */
  mainThreadFirstRow: number;
  /** the renderer's main-thread ms from navigation to the next page shown */
  mainThread: number;
}

let meter: Awaited<ReturnType<typeof cpuMeter>>;

/** Resolves with the ms after t0 at which the entity's GET finished (NaN when not seen). */
function entityReceived(page: Page, t0: number): Promise<number> {
  return page
    .waitForEvent('requestfinished', {
      predicate: r =>
        r.url().includes(`/api/catalog/entities/by-name/api/default/${ENTITY}`),
      timeout: 120_000,
    })
    .then(() => Date.now() - t0)
    .catch(() => NaN);
}

/** After navigation started at t0: first row, then expand it, then the next page of rows. */
async function usable(
  page: Page,
  t0: number,
  entity: Promise<number>,
  stopMeter: () => Promise<{ task: number }>,
): Promise<Run> {
  const tools = page.getByRole('table', { name: 'Tools' }).first();
  const first = catalogToolName(0);
  await tools.getByText(first, { exact: true }).waitFor({ timeout: 60_000 });
  const firstRow = Date.now() - t0;
  const { task: mainThreadFirstRow } = await stopMeter();
  await page
    .getByRole('button', { name: `Expand ${first}` })
    .first()
    .click();
  await page
    .getByRole('table', { name: `Parameters of ${first}` })
    .first()
    .waitFor({ timeout: 10_000 });
  const expanded = Date.now() - t0;
  await page.getByRole('button', { name: 'Go to next page' }).first().click();
  // rows keep the server's order (25 per page): page 2 starts with tool 25
  await tools
    .getByText(catalogToolName(25), { exact: true })
    .waitFor({ timeout: 10_000 });
  const nextPage = Date.now() - t0;
  const { task } = await stopMeter();
  return {
    entity: await entity,
    firstRow,
    expanded,
    nextPage,
    mainThreadFirstRow,
    mainThread: task,
  };
}

function report(what: string, runs: Run[]) {
  if (runs.length === 0) return; // --runs 0: only the profiled runs
  const col = (k: keyof Run) => runs.map(r => r[k]);
  console.log(
    `${what}: first row ${col('firstRow').map(ms).join(', ')} (median ${ms(
      median(col('firstRow')),
    )}); + row expanded ${ms(median(col('expanded')))}; + next page ${ms(
      median(col('nextPage')),
    )} (medians; the entity's GET answered ${col('entity')
      .map(ms)
      .join(', ')}; renderer main thread to the first row ${col(
      'mainThreadFirstRow',
    )
      .map(ms)
      .join(', ')}, to the next page ${col('mainThread')
      .map(ms)
      .join(', ')}) → ${
      median(col('nextPage')) <= GOAL_MS ? 'OK' : 'OVER'
    } (goal ${GOAL_MS} ms to usable)`,
  );
}

/** One profiled run each: full load of the 500-tool page, of the 4-tool page, and the in-app click (--profile). */
async function profiled(stack: Stack, page: Page) {
  for (const [label, path, first] of [
    [`full load, ${TOOLS} tools`, ENTITY_PATH, catalogToolName(0)],
    [
      `full load, 4 tools`,
      `/catalog/default/api/${DEMO_API}`,
      'search_articles',
    ],
  ] as const) {
    await page.goto('about:blank');
    const t0 = Date.now();
    await page.goto(`${stack.baseUrl}${path}`, { waitUntil: 'commit' });
    const stop = await profilePhase(page);
    await page
      .getByRole('table', { name: 'Tools' })
      .first()
      .getByText(first, { exact: true })
      .waitFor({ timeout: 60_000 });
    const wall = Date.now() - t0;
    printProfile(
      `${label} → first row (${ms(wall)}, load ${load()})`,
      await stop(0),
    );
  }
  await page.goto(stack.baseUrl);
  const link = page
    .getByRole('list', { name: 'AI APIs' })
    .getByRole('link', { name: NAME, exact: true });
  await link.first().waitFor({ timeout: 60_000 });
  const since = await page.evaluate(() => performance.now());
  const stop = await profilePhase(page);
  const t0 = Date.now();
  await link.first().click();
  await page
    .getByRole('table', { name: 'Tools' })
    .first()
    .getByText(catalogToolName(0), { exact: true })
    .waitFor({ timeout: 60_000 });
  const wall = Date.now() - t0;
  printProfile(
    `home-page click → first row (${ms(wall)}, load ${load()})`,
    await stop(since),
  );
}

async function main() {
  console.log(
    `bench-api-page: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(
      totalmem() /
      2 ** 30
    ).toFixed(0)} GB, Node ${
      process.version
    }, production build, ${TOOLS} tools; load average (1/5/15 min) ${load()}`,
  );
  buildApp();
  const mcp = await startMcpDemoServer({
    toolCatalogs: [{ id: 'bench-catalog', count: TOOLS }],
  });
  const stack = await startStack({
    backendEnv: { MCP_DEMO_PORT: String(mcp.port) },
  });
  try {
    await addObjects(stack, mcp.port);
    const bytes = await waitForApi(stack);
    console.log(
      `  API entity ${ENTITY}: ${(bytes / 1024).toFixed(
        0,
      )} KB as the catalog serves it`,
    );
    const browser = await openSignedIn(stack);
    const { page } = browser;
    // tsx compiles with esbuild's keepNames: functions sent to page.evaluate call `__name`, which the page lacks
    const shim = 'globalThis.__name = globalThis.__name || (f => f);';
    await page.addInitScript({ content: shim });
    await page.evaluate(shim);
    await installLongTasks(page);
    meter = await cpuMeter(page);
    try {
      const clicks: Run[] = [];
      for (let run = 0; run < RUNS; run++) {
        // in-app navigation: the home page's AI APIs card is loaded, the click opens the entity page
        await page.goto(stack.baseUrl);
        const link = page
          .getByRole('list', { name: 'AI APIs' })
          .getByRole('link', { name: NAME, exact: true });
        await link.first().waitFor({ timeout: 60_000 });
        const stop = await meter.start();
        const t0 = Date.now();
        const entity = entityReceived(page, t0);
        await link.first().click();
        clicks.push(await usable(page, t0, entity, stop));
      }
      report('Home page AI APIs card click → Tools table', clicks);

      const loads: Run[] = [];
      for (let run = 0; run < RUNS; run++) {
        await page.goto('about:blank');
        const t0 = Date.now();
        const entity = entityReceived(page, t0);
        await page.goto(`${stack.baseUrl}${ENTITY_PATH}`, {
          waitUntil: 'commit',
        });
        // counted from the commit (the new document's renderer; no script of the page ran before it)
        const stop = await meter.start();
        loads.push(await usable(page, t0, entity, stop));
      }
      report('Full page load of the API page → Tools table', loads);

      // the same page for the demo's 4-tool MCP API: what the page costs without 500 tools
      const small: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        await page.goto('about:blank');
        const t0 = Date.now();
        await page.goto(`${stack.baseUrl}/catalog/default/api/${DEMO_API}`, {
          waitUntil: 'commit',
        });
        await page
          .getByRole('table', { name: 'Tools' })
          .first()
          .getByText('search_articles', { exact: true })
          .waitFor({ timeout: 60_000 });
        small.push(Date.now() - t0);
      }
      if (RUNS > 0)
        console.log(
          `Baseline, full page load of ${DEMO_API} (4 tools) → first row: ${small
            .map(ms)
            .join(', ')} (median ${ms(median(small))})`,
        );
      if (PROFILE) await profiled(stack, page);
      console.log(`load average at the end (1/5/15 min) ${load()}`);
    } finally {
      await browser.close();
    }
  } catch (e) {
    console.error(stack.logs());
    throw e;
  } finally {
    await stack.stop();
    await mcp.close();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
