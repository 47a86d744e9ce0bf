/** Helpers of bench-ui: the objects it adds to kube-local for one entity, response bytes, frame times. */
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
