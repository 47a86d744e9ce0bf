/**
 * The benchmark fleet of `bench-topology.ts`: 50 gateways, 1,000 routes, 300 backends (LLM / MCP / static),
 * 100 policies, and the vector Prometheus would answer for each fixed query on it.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { snapshotQueries } from '../plugins/ai-gateway-backend/src/metrics/queries';
import { TopologyObject } from '../plugins/ai-gateway-backend/src/topology/scope';

export const GATEWAYS = 50;
export const ROUTES = 1000;
export const BACKENDS = 300;
export const POLICIES = 100;

export function objects(): TopologyObject[] {
  const out: KubeObject[] = [];
  for (let g = 0; g < GATEWAYS; g++) {
    out.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: `gw-${g}`, namespace: 'platform' },
      spec: {
        gatewayClassName: 'agentgateway',
        listeners: [
          { name: 'http', protocol: 'HTTP', port: 80 },
          { name: 'https', protocol: 'HTTPS', port: 443 },
        ],
      },
      status: {
        conditions: [
          { type: 'Accepted', status: 'True' },
          { type: 'Programmed', status: 'True' },
        ],
      },
    });
  }
  for (let b = 0; b < BACKENDS; b++) {
    const spec =
      b % 3 === 0
        ? { ai: { provider: { openai: { model: `gpt-${b % 7}` } } } }
        : b % 3 === 1
        ? {
            mcp: {
              targets: [
                { name: `t${b}`, static: { host: `mcp-${b}.svc`, port: 8080 } },
                {
                  name: `u${b}`,
                  static: { host: `mcp2-${b}.svc`, port: 8080 },
                },
              ],
            },
          }
        : { static: { host: `svc-${b}.example.com`, port: 443 } };
    out.push({
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayBackend',
      metadata: { name: `b-${b}`, namespace: `team-${b % 40}` },
      spec,
      status: { conditions: [{ type: 'Accepted', status: 'True' }] },
    });
  }
  for (let r = 0; r < ROUTES; r++) {
    const b1 = r % BACKENDS;
    const b2 = (r * 7 + 3) % BACKENDS;
    out.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: `r-${r}`, namespace: `team-${r % 40}` },
      spec: {
        parentRefs: [
          {
            name: `gw-${r % GATEWAYS}`,
            namespace: 'platform',
            sectionName: 'http',
          },
        ],
        rules: [
          {
            backendRefs: [
              {
                group: 'agentgateway.dev',
                kind: 'AgentgatewayBackend',
                name: `b-${b1}`,
                namespace: `team-${b1 % 40}`,
                weight: 90,
              },
            ],
          },
          {
            backendRefs: [
              {
                group: 'agentgateway.dev',
                kind: 'AgentgatewayBackend',
                name: `b-${b2}`,
                namespace: `team-${b2 % 40}`,
                weight: 10,
              },
            ],
          },
        ],
      },
    });
  }
  for (let p = 0; p < POLICIES; p++) {
    out.push({
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayPolicy',
      metadata: { name: `p-${p}`, namespace: `team-${(p * 10) % 40}` },
      spec: {
        targetRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'HTTPRoute',
            name: `r-${p * 10}`,
          },
        ],
        traffic: { rateLimit: { local: [{ requests: 10, unit: 'Minutes' }] } },
      },
    });
  }
  return out.map(object => ({ cluster: 'bench', object }));
}

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

/**
 * The vector Prometheus would answer for each fixed query on this fleet after scrape number `scrape`:
 * the rates and latencies change from one scrape to the next, as they do on a live data plane.
 */
export function vectorFor(
  query: string,
  objs: TopologyObject[],
  scrape = 0,
): Sample[] {
  const f = 1 + (scrape % 10) / 20;
  const v = (x: number) => String(x * f);
  const routes = objs
    .filter(o => o.object.kind === 'HTTPRoute')
    .map(o => o.object);
  const rows: Sample[] = [];
  for (const r of routes) {
    const route = `${r.metadata.namespace}/${r.metadata.name}`;
    const gateway = `platform/${r.spec.parentRefs[0].name}`;
    for (const rule of r.spec.rules) {
      const ref = rule.backendRefs[0];
      const backend = `${ref.namespace}/${ref.name}`;
      const base = { gateway, listener: 'http', route, backend };
      if (query.startsWith('histogram_quantile'))
        rows.push({ metric: base, value: [0, v(Math.random())] });
      else if (query.includes('agentgateway_requests_total')) {
        rows.push({
          metric: { ...base, status: '200', reason: 'Upstream' },
          value: [0, v(3.5)],
        });
        rows.push({
          metric: { ...base, status: '429', reason: 'RateLimit' },
          value: [0, v(0.2)],
        });
        rows.push({
          metric: { ...base, status: '503', reason: 'UpstreamFailure' },
          value: [0, v(0.05)],
        });
      } else if (query.includes('token_usage')) {
        for (const type of ['input', 'output'])
          rows.push({
            metric: {
              gateway,
              route,
              gen_ai_system: 'openai',
              gen_ai_request_model: 'gpt-1',
              gen_ai_token_type: type,
            },
            value: [0, v(900)],
          });
      } else if (query.includes('cost_usd')) {
        rows.push({
          metric: {
            gateway,
            route,
            gen_ai_system: 'openai',
            gen_ai_request_model: 'gpt-1',
          },
          value: [0, v(0.3)],
        });
      } else if (query.includes('mcp_requests')) {
        rows.push({
          metric: {
            gateway,
            route,
            server: `t${ref.name.slice(2)}`,
            resource: 'fetch',
            method: 'tools/call',
          },
          value: [0, v(12)],
        });
      }
    }
  }
  return rows;
}

/**
 * A `fetch` standing in for Prometheus: each fixed query's answer is prepared once per scrape, so timings
 * are this plugin's work (HTTP client, JSON, graph). `scrape()` makes the next answers differ (a new
 * scrape landed); `count()` is the number of queries asked so far.
 */
export function fakePrometheus(objs: TopologyObject[]): {
  fetch: typeof fetch;
  count: () => number;
  scrape: () => void;
} {
  let queries = 0;
  let scrapes = 0;
  let answers = new Map<string, string>();
  const answer = (q: string) =>
    JSON.stringify({
      status: 'success',
      data: { resultType: 'vector', result: vectorFor(q, objs, scrapes) },
    });
  // prepared when the scrape lands, so a read's time is this plugin's work only
  const prepare = () => {
    answers = new Map();
    for (const w of ['5m', '1h', '24h'] as const)
      for (const q of Object.values(snapshotQueries(w)))
        answers.set(q, answer(q));
  };
  prepare();
  const fakeFetch: typeof fetch = async (_url, init) => {
    queries++;
    const q = new URLSearchParams(String(init?.body)).get('query') ?? '';
    let body = answers.get(q);
    if (body === undefined) answers.set(q, (body = answer(q)));
    return new Response(body, {
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return {
    fetch: fakeFetch,
    count: () => queries,
    scrape: () => {
      scrapes++;
      prepare();
    },
  };
}

/**
 * {@link fakePrometheus} behind a real HTTP server, in a child process (as Prometheus is another process:
 * generating its answers here would put its CPU and garbage into the backend's measured process). Started
 * by {@link startPrometheusProcess}; answers `POST /api/v1/query` (form body) from the prepared answers.
 */
function servePrometheus() {
  const { fetch: answer, count, scrape } = fakePrometheus(objects());
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (b: Buffer) => parts.push(b));
    req.on('end', async () => {
      const r = await answer('http://prometheus', {
        method: 'POST',
        body: Buffer.concat(parts).toString(),
      });
      const body = Buffer.from(await r.text());
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': body.length,
      });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () =>
    process.send!({ port: (server.address() as AddressInfo).port }),
  );
  process.on('message', (m: string) => {
    if (m === 'scrape') scrape();
    process.send!({ scraped: true, queries: count() });
  });
  process.on('disconnect', () => process.exit(0));
}
if (process.argv.includes('--serve-prometheus')) servePrometheus();

/**
 * The fake Prometheus in a child process (Node with tsx): its URL, `scrape()` (resolves once the next
 * answers are prepared), `count()` (queries answered so far) and `close()`.
 */
export async function startPrometheusProcess(): Promise<{
  url: string;
  scrape: () => Promise<void>;
  count: () => number;
  close: () => void;
}> {
  const child = fork(__filename, ['--serve-prometheus'], {
    execArgv: ['--import', 'tsx'],
  });
  let queries = 0;
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m: { port: number }) => resolve(m.port));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    scrape: () =>
      new Promise(resolve => {
        child.once('message', (m: { queries: number }) => {
          queries = m.queries;
          resolve();
        });
        child.send('scrape');
      }),
    count: () => queries,
    close: () => child.kill(),
  };
}
