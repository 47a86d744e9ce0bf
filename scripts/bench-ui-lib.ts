/** Helpers of bench-ui: the objects it adds to kube-local for one entity, response bytes, frame times. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { guestToken, type Stack } from '../e2e/harness';

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
export async function addObjects(
  stack: Stack,
  options: { count: number; entity: string; namespace: string },
) {
  const { count: COUNT, entity: ENTITY, namespace: NAMESPACE } = options;
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

/** Body bytes of a GET, as sent and gzipped (the size on the wire behind a compressing proxy). */
export async function bytesOf(stack: Stack, path: string) {
  const token = await guestToken(stack.baseUrl);
  const res = await fetch(`${stack.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  return `${(body.length / 1024).toFixed(0)} KB (${(
    gzipSync(body).length / 1024
  ).toFixed(0)} KB gzipped)`;
}

/** Frame times while `step` is applied once per animation frame until it answers false. */
export async function frames(page: Page, what: 'scroll' | 'pan') {
  return page.evaluate(async mode => {
    const out: number[] = [];
    let last = performance.now();
    // the tallest scrollable table container (the virtualized one)
    const table = [
      // Backstage prefixes MUI v5 class names (`v5-MuiTableContainer-root`)
      ...document.querySelectorAll<HTMLElement>(
        '[class*="MuiTableContainer-root"]',
      ),
    ]
      .filter(e => e.clientHeight > 0 && e.scrollHeight > e.clientHeight + 1000)
      .sort((a, b) => b.scrollHeight - a.scrollHeight)[0];
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
    const containers = [
      // Backstage prefixes MUI v5 class names (`v5-MuiTableContainer-root`)
      ...document.querySelectorAll<HTMLElement>(
        '[class*="MuiTableContainer-root"]',
      ),
    ].map(e => `${e.clientHeight}/${e.scrollHeight}`);
    return { frames: out.slice(1), scrolled: !!table, containers };
  }, what);
}

/** CPU seconds the renderer's main thread spent (Chrome's Performance domain), to diff around a phase. */
export async function cpuMeter(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = new Map(metrics.map(x => [x.name, x.value]));
    return {
      task: m.get('TaskDuration') ?? 0,
      script: m.get('ScriptDuration') ?? 0,
      layout:
        (m.get('LayoutDuration') ?? 0) + (m.get('RecalcStyleDuration') ?? 0),
    };
  };
  return {
    /** starts a phase; the returned function gives the phase's main-thread ms (task / script / style+layout) */
    async start() {
      const a = await read();
      return async () => {
        const b = await read();
        return {
          task: (b.task - a.task) * 1000,
          script: (b.script - a.script) * 1000,
          layout: (b.layout - a.layout) * 1000,
        };
      };
    },
  };
}

/** CPU ms (user + system) of the process listening on `port` (the backend), from /proc; undefined off Linux. */
export function processCpuMs(port: number): () => number | undefined {
  let pid: string | undefined;
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], {
      encoding: 'utf8',
    });
    pid = /pid=(\d+)/.exec(out)?.[1];
  } catch {
    pid = undefined;
  }
  return () => {
    if (!pid) return undefined;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of stat (11 and 12 after the command), in clock ticks (100 Hz)
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return undefined;
    }
  };
}

export interface RowOpen {
  /** the row's name (its button's label) */
  row: string;
  /** ms from the bench's click to the drawer's YAML shown */
  ms: number;
  /** ms from the bench's click to the click event in the page (Playwright's actionability waits: a target covered
   * by something, e.g. a closing drawer's backdrop, is retried after 20 / 100 / 100 / 500 ms) */
  clickAt?: number;
  /** `GET {ref}/resources/{kind}/{name}` of the row, start and end, ms after the bench's click */
  get?: [number, number];
  /** ms since the previous open's drawer was closed (its YAML gone), undefined for the first open */
  afterClose?: number;
}

/**
 * Opens rows `0 … runs-1` of the rows matching `rowName` one after the other, each as a user would: click the row,
 * wait for the drawer's YAML (its object fetched now), click "Close details", and click the next row as soon as
 * the YAML is gone (the drawer may still be sliding out).
 */
export async function openRows(
  page: Page,
  rowName: RegExp,
  runs: number,
): Promise<RowOpen[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __benchClickAt?: number };
    document.addEventListener(
      'click',
      () => (w.__benchClickAt = performance.timeOrigin + performance.now()),
      true,
    );
  });
  const out: RowOpen[] = [];
  let closedAt: number | undefined;
  for (let run = 0; run < runs; run++) {
    const button = page.getByRole('button', { name: rowName }).nth(run);
    const row = ((await button.getAttribute('aria-label')) ?? '?').replace(
      /^Show details of \S+ /,
      '',
    );
    const t0 = Date.now();
    await button.click();
    await page.getByLabel('Object YAML').waitFor({ timeout: 60_000 });
    const ms = Date.now() - t0;
    const seen = await page.evaluate(name => {
      const w = window as unknown as { __benchClickAt?: number };
      const get = performance
        .getEntriesByType('resource')
        .filter(
          e => e.name.includes(`/resources/`) && e.name.endsWith(`/${name}`),
        )
        .pop() as PerformanceResourceTiming | undefined;
      const at = (t: number) => performance.timeOrigin + t;
      return {
        clickAt: w.__benchClickAt,
        get: get ? [at(get.startTime), at(get.responseEnd)] : undefined,
      };
    }, encodeURIComponent(row));
    out.push({
      row,
      ms,
      clickAt: seen.clickAt === undefined ? undefined : seen.clickAt - t0,
      get: seen.get ? [seen.get[0] - t0, seen.get[1] - t0] : undefined,
      afterClose: closedAt === undefined ? undefined : t0 - closedAt,
    });
    await page.getByRole('button', { name: 'Close details' }).click();
    await page.getByLabel('Object YAML').waitFor({ state: 'detached' });
    closedAt = Date.now();
  }
  return out;
}
