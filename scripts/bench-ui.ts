/**
 * Frontend measurement in the production build, with the browser-test harness (kube-local seeded with the demo,
 * the backend serving the built app, headless Chromium). Prints:
 *   - click → first row of the Backends tab with the demo data, and after adding 1,000 backends to the entity;
 *   - scrolling the 1,000-row Backends table to the end (frame times);
 *   - the AI Topology tab with ~2,000 nodes (1,000 backends + 1,000 routes on the entity): click → nodes drawn,
 *     and frame times while panning it.
 *
 *   npx tsx scripts/bench-ui.ts [--runs 3] [--count 1000]
 *
 * E2E_SKIP_BUILD=1 reuses an existing packages/app/dist.
 */
import { cpus } from 'node:os';
import type { Page } from 'playwright-core';
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

/** 1,000 static backends and 1,000 routes (each to one backend, on the shared gateway) labelled for the entity. */
async function addObjects(stack: Stack) {
  const labels = { 'backstage.io/kubernetes-id': ENTITY };
  const jobs: Array<() => Promise<void>> = [];
  for (let i = 0; i < COUNT; i++) {
    const name = `bench-${String(i).padStart(4, '0')}`;
    jobs.push(() =>
      kube(
        stack,
        `/apis/agentgateway.dev/v1alpha1/namespaces/${NAMESPACE}/agentgatewaybackends`,
        {
          apiVersion: 'agentgateway.dev/v1alpha1',
          kind: 'AgentgatewayBackend',
          metadata: { name, namespace: NAMESPACE, labels },
          spec: { static: { host: `${name}.example.com`, port: 443 } },
        },
      ),
    );
    jobs.push(() =>
      kube(
        stack,
        `/apis/gateway.networking.k8s.io/v1/namespaces/${NAMESPACE}/httproutes`,
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name, namespace: NAMESPACE, labels },
          spec: {
            parentRefs: [
              { name: 'agentgateway-proxy', namespace: 'agentgateway-system' },
            ],
            rules: [
              {
                matches: [{ path: { type: 'PathPrefix', value: `/${name}` } }],
                backendRefs: [
                  {
                    group: 'agentgateway.dev',
                    kind: 'AgentgatewayBackend',
                    name,
                  },
                ],
              },
            ],
          },
        },
      ),
    );
  }
  for (let i = 0; i < jobs.length; i += 20)
    await Promise.all(jobs.slice(i, i + 20).map(j => j()));
}

/** Waits until the backend's caches list the added backends for the entity. */
async function waitForBackends(stack: Stack, atLeast: number) {
  const token = await guestToken(stack.baseUrl);
  const url = `${stack.baseUrl}/api/ai-gateway/entity/component/default/${ENTITY}/tabs/backends`;
  for (let i = 0; i < 240; i++) {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.ok) {
      const body = (await res.json()) as { items: unknown[] };
      if (body.items.length >= atLeast) return body.items.length;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`the Backends tab never listed ${atLeast} items`);
}

/** From the entity's overview: click the tab, wait for the selector; a fresh page load each run (no cache). */
async function clickToFirst(
  page: Page,
  stack: Stack,
  tab: string,
  ready: () => Promise<void>,
) {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto(`${stack.baseUrl}${ENTITY_PATH}`);
    const link = page
      .getByRole('tab', { name: tab })
      .or(page.getByRole('link', { name: tab, exact: true }))
      .first();
    await link.waitFor({ timeout: 60_000 });
    const t0 = Date.now();
    await link.click();
    await ready();
    times.push(Date.now() - t0);
  }
  return times;
}

/** Frame times while `step` is applied once per animation frame until it answers false. */
async function frames(page: Page, what: 'scroll' | 'pan') {
  return page.evaluate(async mode => {
    const out: number[] = [];
    let last = performance.now();
    const table = [
      ...document.querySelectorAll<HTMLElement>('.MuiTableContainer-root'),
    ].find(e => e.scrollHeight > e.clientHeight + 1000);
    const pane = document.querySelector<HTMLElement>('.react-flow__pane');
    let n = 0;
    await new Promise<void>(resolve => {
      const tick = () => {
        const now = performance.now();
        out.push(now - last);
        last = now;
        n++;
        if (mode === 'scroll' && table) {
          table.scrollTop += 400;
          if (table.scrollTop + table.clientHeight >= table.scrollHeight - 2)
            return resolve();
        } else if (mode === 'pan' && pane && n < 120) {
          const x = 400 + (n % 60) * 5;
          pane.dispatchEvent(
            new MouseEvent(n === 1 ? 'mousedown' : 'mousemove', {
              bubbles: true,
              clientX: x,
              clientY: 400,
              buttons: 1,
            }),
          );
        } else return resolve();
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    pane?.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    return { frames: out.slice(1), scrolled: !!table };
  }, what);
}

async function main() {
  console.log(
    `bench-ui: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${
      process.version
    }, production build`,
  );
  buildApp();
  const stack = await startStack();
  const browser = await openSignedIn(stack, {
    kind: 'component',
    namespace: 'default',
    name: ENTITY,
  });
  const { page } = browser;
  const firstBackendRow = async () => {
    await page
      .getByRole('button', { name: /^Show details of Backend / })
      .first()
      .waitFor({ timeout: 120_000 });
  };
  try {
    const demo = await clickToFirst(page, stack, 'Backends', firstBackendRow);
    console.log(
      `Backends tab, demo data: click → first row ${demo
        .map(ms)
        .join(', ')} (median ${ms(median(demo))})`,
    );

    await addObjects(stack);
    const listed = await waitForBackends(stack, COUNT);
    const big = await clickToFirst(page, stack, 'Backends', firstBackendRow);
    console.log(
      `Backends tab, ${listed} backends: click → first row ${big
        .map(ms)
        .join(', ')} (median ${ms(median(big))})`,
    );

    const scroll = await frames(page, 'scroll');
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
      // drawn: at least one node per added backend, or (if the graph groups them) a count that stopped changing
      await page.waitForFunction(
        min => {
          const mark = document.body.dataset;
          const n = document.querySelectorAll('.react-flow__node').length;
          if (n >= min) return true;
          if (String(n) !== mark.benchNodes)
            Object.assign(mark, {
              benchNodes: String(n),
              benchSince: String(performance.now()),
            });
          return n > 0 && performance.now() - Number(mark.benchSince) > 3000;
        },
        COUNT,
        { timeout: 180_000, polling: 100 },
      );
    });
    const count = await nodes.count();
    const pan = await frames(page, 'pan');
    console.log(
      `AI Topology tab, ${count} nodes drawn: click → graph ${topo
        .map(ms)
        .join(', ')} (median ${ms(median(topo))}); ` +
        `pan frame p50 ${ms(pct(pan.frames, 50))}, p95 ${ms(
          pct(pan.frames, 95),
        )}`,
    );
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
