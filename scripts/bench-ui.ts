/**
 * Frontend measurement in the production build, with the browser-test harness (kube-local seeded with the demo,
 * the backend serving the built app, headless Chromium). Prints:
 *   - click → first row of the Backends tab with the demo data, and after adding 1,000 backends to the entity;
 *   - the bytes the tab reads (`GET {ref}/tabs`, rows only) and, for comparison, the old per-tab full items;
 *   - opening rows one after the other (click → its YAML, fetched with `GET {ref}/resources/{kind}/{name}`), each
 *     clicked as soon as the previous drawer's YAML is gone: per open the row, the time since the previous close,
 *     when the click reached the page and when the row's GET ran;
 * Every list of figures says which run is which ("runs 1 / 2 / 3: …"); each click → first row run is a fresh load
 * of the entity page.
 *   - scrolling the 1,000-row Backends table to the end (frame times);
 *   - the AI Topology tab with ~2,000 nodes (1,000 backends + 1,000 routes on the entity): click → nodes drawn,
 *     and frame times while panning it.
 *
 *   npx tsx scripts/bench-ui.ts [--runs 3] [--count 1000]
 *
 * E2E_SKIP_BUILD=1 reuses an existing packages/app/dist.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import type { Page } from 'playwright-core';
import {
  addObjects,
  bytesOf,
  cpuMeter,
  frames,
  openRows,
  processCpuMs,
} from './bench-ui-lib';
import {
  installLongTasks,
  printProfile,
  profilePhase,
} from './bench-ui-profile';
import {
  buildApp,
  guestToken,
  openSignedIn,
  startStack,
  type Stack,
} from '../e2e/harness';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('runs', 3);
const COUNT = arg('count', 1000);
const ENTITY = 'support-assistant';
const NAMESPACE = 'team-support';
const ENTITY_PATH = `/catalog/default/component/${ENTITY}`;

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (n: number) => `${Math.round(n)} ms`;
const list = (xs: Array<number | undefined>) =>
  xs.map(x => (x === undefined ? '?' : Math.round(x))).join(' / ');
/** "runs 1 / 2 / 3: 609 / 264 / 479 ms (median 479 ms)": every figure says which run it is */
const byRun = (xs: number[], what = 'runs') =>
  `${what} ${xs.map((_, i) => i + 1).join(' / ')}: ${list(xs)} ms (median ${ms(
    median(xs),
  )})`;

/** Main-thread CPU of the page and the backend's CPU, for the phases being measured (set up in main). */
let meter: Awaited<ReturnType<typeof cpuMeter>>;
let backendCpu: () => number | undefined = () => undefined;

/** Runs `phase` and prints the renderer's main-thread ms (task, script, style + layout) and the backend's CPU ms. */
async function withCpu<T>(label: string, phase: () => Promise<T>): Promise<T> {
  const stop = await meter.start();
  const b0 = backendCpu();
  const out = await phase();
  const cpu = await stop();
  const b1 = backendCpu();
  console.log(
    `  (${label}: renderer main thread ${ms(cpu.task)} (script ${ms(
      cpu.script,
    )}, style+layout ${ms(cpu.layout)}); backend CPU ${
      b0 === undefined || b1 === undefined ? '?' : ms(b1 - b0)
    })`,
  );
  return out;
}

const ENTITY_API = `/api/ai-gateway/entity/component/default/${ENTITY}`;

/** Waits until the backend's caches list the added backends for the entity (`GET {ref}/tabs`). */
async function waitForBackends(stack: Stack, atLeast: number) {
  const token = await guestToken(stack.baseUrl);
  const url = `${stack.baseUrl}${ENTITY_API}/tabs`;
  for (let i = 0; i < 240; i++) {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.ok) {
      const body = (await res.json()) as { tabs: { backends: unknown[] } };
      if (body.tabs.backends.length >= atLeast)
        return body.tabs.backends.length;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`the Backends tab never listed ${atLeast} items`);
}

const load = () =>
  loadavg()
    .map(l => l.toFixed(1))
    .join(' / ');

/** From the entity's overview: click the tab, wait for the selector; a fresh page load each run (no cache). */
async function clickToFirst(
  page: Page,
  stack: Stack,
  tab: string,
  ready: () => Promise<void>,
) {
  const times: number[] = [];
  const answered: number[] = [];
  const task: number[] = [];
  const script: number[] = [];
  const backend: Array<number | undefined> = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto(`${stack.baseUrl}${ENTITY_PATH}`);
    const link = page
      .getByRole('tab', { name: tab })
      .or(page.getByRole('link', { name: tab, exact: true }))
      .first();
    await link.waitFor({ timeout: 60_000 });
    const t0 = Date.now();
    // when the tab's data request (`GET {ref}/tabs` or the topology) has been received, to split server + network
    // from rendering
    const data = page
      .waitForEvent('requestfinished', {
        predicate: r =>
          /\/api\/ai-gateway\/entity\/.*\/(tabs|topology)/.test(r.url()),
        timeout: 180_000,
      })
      .then(() => Date.now() - t0)
      .catch(() => NaN);
    const stop = await meter.start();
    const b0 = backendCpu();
    await link.click();
    await ready();
    times.push(Date.now() - t0);
    const cpu = await stop();
    const b1 = backendCpu();
    task.push(cpu.task);
    script.push(cpu.script);
    backend.push(b0 === undefined || b1 === undefined ? undefined : b1 - b0);
    answered.push(await data);
  }
  console.log(
    `  (${tab}, runs ${answered
      .map((_, i) => i + 1)
      .join(' / ')}: data received ${list(answered)} ms after the click; ` +
      `renderer main thread ${list(task)} ms (script ${list(script)} ms); ` +
      `backend CPU ${list(backend)} ms)`,
  );
  return times;
}

/** `GET {ref}/problems` alone, one at a time (the Backends tab's problems banner asks for it), and its backend CPU. */
async function timeProblems(stack: Stack, listed: number) {
  const token = await guestToken(stack.baseUrl);
  const walls: number[] = [];
  const cpus: Array<number | undefined> = [];
  for (let run = 0; run < RUNS; run++) {
    const b0 = backendCpu();
    const t0 = Date.now();
    const res = await fetch(`${stack.baseUrl}${ENTITY_API}/problems`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await res.arrayBuffer();
    walls.push(Date.now() - t0);
    const b1 = backendCpu();
    cpus.push(b0 === undefined || b1 === undefined ? undefined : b1 - b0);
  }
  console.log(
    `GET {ref}/problems, ${listed} backends + routes, ${byRun(
      walls,
      'requests',
    )} (backend CPU ${list(cpus)} ms)`,
  );
}

async function main() {
  console.log(
    `bench-ui: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(
      totalmem() /
      2 ** 30
    ).toFixed(0)} GB, Node ${
      process.version
    }, production build; load average (1/5/15 min) ${load()}`,
  );
  buildApp();
  const stack = await startStack();
  const browser = await openSignedIn(stack, {
    kind: 'component',
    namespace: 'default',
    name: ENTITY,
  });
  const { page } = browser;
  // tsx compiles with esbuild's keepNames: functions sent to page.evaluate call `__name`, which the page lacks
  const shim = 'globalThis.__name = globalThis.__name || (f => f);';
  await page.addInitScript({ content: shim });
  await page.evaluate(shim);
  await installLongTasks(page);
  meter = await cpuMeter(page);
  backendCpu = processCpuMs(Number(new URL(stack.baseUrl).port));
  const firstBackendRow = async () => {
    await page
      .getByRole('button', { name: /^Show details of Backend / })
      .first()
      .waitFor({ timeout: 120_000 });
  };
  try {
    const demo = await clickToFirst(page, stack, 'Backends', firstBackendRow);
    console.log(`Backends tab, demo data: click → first row, ${byRun(demo)}`);

    console.log(
      `  bytes, demo data: GET {ref}/tabs (all four tabs, rows) ${await bytesOf(
        stack,
        `${ENTITY_API}/tabs`,
      )}`,
    );

    await addObjects(stack, {
      count: COUNT,
      entity: ENTITY,
      namespace: NAMESPACE,
    });
    const listed = await waitForBackends(stack, COUNT);
    console.log(
      `  bytes, ${listed} backends: GET {ref}/tabs (all four tabs, rows) ${await bytesOf(
        stack,
        `${ENTITY_API}/tabs`,
      )}; before: GET {ref}/tabs/backends (whole objects) ${await bytesOf(
        stack,
        `${ENTITY_API}/tabs/backends`,
      )}`,
    );
    await timeProblems(stack, listed);
    const big = await clickToFirst(page, stack, 'Backends', firstBackendRow);
    console.log(
      `Backends tab, ${listed} backends: click → first row, ${byRun(big)}`,
    );

    // open rows one after the other: each row's object is fetched when it is opened (the drawer's YAML)
    const opens = await openRows(page, /^Show details of Backend bench-/, RUNS);
    console.log(
      'Open a row (drawer + its object fetched), click → YAML, one row after the other:',
    );
    opens.forEach((o, i) => {
      const get = o.get
        ? `GET …/resources/…/${o.row} ${ms(o.get[0])}–${ms(o.get[1])}`
        : 'no GET …/resources seen';
      const when =
        o.afterClose === undefined
          ? 'no drawer opened before'
          : `clicked ${ms(o.afterClose)} after open ${i}'s drawer was closed`;
      console.log(
        `  open ${i + 1}, ${o.row} (${when}): ${ms(
          o.ms,
        )} (click event in the page at ${
          o.clickAt === undefined ? '?' : ms(o.clickAt)
        }, ${get} after the click)`,
      );
    });
    console.log(
      `  ${byRun(
        opens.map(o => o.ms),
        'opens',
      )}`,
    );

    const since = await page.evaluate(() => performance.now());
    const stopProfile = await profilePhase(page);
    const scroll = await withCpu('scrolling', () => frames(page, 'scroll'));
    printProfile('scrolling the table', await stopProfile(since), 10);
    if (!scroll.scrolled)
      console.log(`  no scrollable table; containers ${scroll.containers}`);
    console.log(
      `${listed}-row table scrolled to the end in ${
        scroll.frames.length
      } frames: frame p50 ${ms(pct(scroll.frames, 50))}, ` +
        `p95 ${ms(pct(scroll.frames, 95))}, max ${ms(
          Math.max(...scroll.frames),
        )}`,
    );

    const nodes = page.locator('.react-flow__node');
    const topo = await clickToFirst(page, stack, 'AI Topology', async () => {
      // drawn: the graph says how many nodes it lays out (`data-nodes`) and that many are rendered (or, with
      // off-screen nodes not rendered, the rendered count stopped changing); without the attribute (older builds)
      // at least one node per added backend, or a count that stopped changing for 3 s
      await page.waitForFunction(
        min => {
          const mark = document.body.dataset;
          const graph = document.querySelector<HTMLElement>(
            '[data-testid="topology-graph"]',
          );
          const n = document.querySelectorAll('.react-flow__node').length;
          const want = graph?.dataset.nodes;
          if (want !== undefined && n > 0 && n >= Number(want)) return true;
          if (want === undefined && n >= min) return true;
          if (String(n) !== mark.benchNodes)
            Object.assign(mark, {
              benchNodes: String(n),
              benchSince: String(performance.now()),
            });
          const quiet = want === undefined ? 3000 : 500;
          return n > 0 && performance.now() - Number(mark.benchSince) > quiet;
        },
        COUNT,
        { timeout: 180_000, polling: 100 },
      );
    });
    const count = await nodes.count();
    const pan = await withCpu('panning', () => frames(page, 'pan'));
    console.log(
      `AI Topology tab, ${count} nodes drawn (${await page
        .locator('[data-testid="topology-graph"]')
        .getAttribute('data-nodes')} laid out): click → graph, ${byRun(
        topo,
      )}; ` +
        `pan frame p50 ${ms(pct(pan.frames, 50))}, p95 ${ms(
          pct(pan.frames, 95),
        )}`,
    );
    console.log(`load average at the end (1/5/15 min) ${load()}`);
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
