import fs from 'node:fs';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import {
  RunningSimulator,
  TrafficSimulator,
  startSimulatorServer,
} from '@ai-gateway-backstage/traffic-simulator';
import { PodProxyMetricsSource, thinHistory } from './PodProxyMetricsSource';
import { KubePodProxyTransport } from './podProxyTransport';
import { SimulatorTransport, demoObjects } from './__testUtils__/simulator';

function kubeConfig(server: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      { name: 'c', server, skipTLSVerify: server.startsWith('http:') },
    ],
    users: [{ name: 'u', token: 'test-token' }],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  return kc;
}

describe('PodProxyMetricsSource through the Kubernetes pod proxy path', () => {
  let running: RunningSimulator;
  beforeAll(async () => {
    // the simulator serves /api/v1/pods and /api/v1/namespaces/{ns}/pods/{pod}:15020/proxy/metrics
    running = await startSimulatorServer(demoObjects(), {
      seed: 2,
      rateScale: 20,
      startMs: Date.now() - 60_000,
    });
  });
  afterAll(() => running.close());

  it('lists the proxy pods with client-node and computes rates from two scrapes', async () => {
    const source = new PodProxyMetricsSource({
      transport: new KubePodProxyTransport(kubeConfig(running.url)),
      firstRateDelayMs: 1100,
    });
    const snap = await source.snapshot('5m');
    if (!snap.available) throw new Error(snap.reason);
    expect(source.scrapes).toBe(2);
    expect(snap.source).toBe('pod-proxy');
    expect(snap.coveredSeconds).toBeGreaterThanOrEqual(1);
    expect(new Set(snap.requests.map(r => r.gateway))).toEqual(
      new Set(['platform/ai-gateway', 'platform/mcp-gateway']),
    );
    expect(
      snap.requests
        .filter(r => r.route === 'team-a/chat' && r.status === '200')
        .map(r => r.backend)
        .sort(),
    ).toEqual(['team-a/llm-failover', 'team-a/openai']);
    expect(
      snap.latency.find(l => l.backend === 'team-b/httpbin')?.p95,
    ).toBeGreaterThan(0);
    // a second read within the scrape interval reuses the scrapes
    await source.snapshot('1h');
    expect(source.scrapes).toBe(2);
  }, 30_000);

  it('reports why when no pod matches or the API is unreachable', async () => {
    const none = new PodProxyMetricsSource({
      transport: new KubePodProxyTransport(kubeConfig(running.url)),
      labelSelector: 'app=nothing',
    });
    expect(await none.snapshot('5m')).toEqual({
      available: false,
      reason: "No data-plane pods match 'app=nothing'",
    });
    const down = new PodProxyMetricsSource({
      transport: new KubePodProxyTransport(
        kubeConfig('http://127.0.0.1:1'),
        1000,
      ),
    });
    const r = await down.snapshot('5m');
    expect(r.available).toBe(false);
    expect(!r.available && r.reason).toMatch(/Could not list data-plane pods/);
  });
});

describe('PodProxyMetricsSource windows and history', () => {
  it('uses the oldest scrape inside the window and builds usage points from the history', async () => {
    let now = 0;
    const sim = new TrafficSimulator(demoObjects(), { seed: 4, startMs: 0 });
    const source = new PodProxyMetricsSource({
      transport: new SimulatorTransport(sim),
      now: () => now,
      sleep: async ms => {
        now += ms;
        sim.advanceTo(now);
      },
      firstRateDelayMs: 5_000,
      minScrapeIntervalMs: 10_000,
    });
    const first = await source.snapshot('5m');
    expect(first.available && first.coveredSeconds).toBe(5);
    for (let i = 0; i < 40; i++) {
      now += 15_000;
      sim.advanceTo(now);
      await source.snapshot('5m');
    }
    const five = await source.snapshot('5m');
    const hour = await source.snapshot('1h');
    expect(five.available && five.coveredSeconds).toBe(300);
    expect(hour.available && hour.coveredSeconds).toBe(605);
    const usage = await source.usage('5m');
    if (!usage.available) throw new Error(usage.reason);
    expect(usage.stepSeconds).toBe(15);
    const chat = usage.requests.find(
      s =>
        s.metric.route === 'team-a/chat' &&
        s.metric.backend === 'team-a/openai',
    )!;
    expect(chat.values.length).toBeGreaterThanOrEqual(20);
    expect(chat.values.every(([, v]) => v >= 0)).toBe(true);
  });

  it('thins old history while keeping the newest dense', () => {
    const h = Array.from({ length: 20 }, (_, i) => ({ t: i * 1000 }));
    const thin = thinHistory(h, 12);
    expect(thin.length).toBeLessThanOrEqual(12);
    expect(thin.slice(-6)).toEqual(h.slice(-6));
    expect(thin[0]).toEqual(h[0]);
    expect(thinHistory([{ t: 0 }, { t: 2 * 86_400_000 }], 10)).toEqual([
      { t: 2 * 86_400_000 },
    ]);
  });
});

describe('PodProxyMetricsSource sums series that differ only in labels it does not group by', () => {
  it('reads 1 + 2 + 3 req/s (three client label values) as 6 req/s', async () => {
    const real = fs.readFileSync(
      path.join(__dirname, 'fixtures/agentgateway-real.prom'),
      'utf8',
    );
    // second scrape: every counter of the real exposition doubled, one second later
    const doubled = real.replace(
      /^(agentgateway_\w+(?:\{.*\})?) (\d+(?:\.\d+)?)$/gm,
      (_, series: string, v: string) => `${series} ${Number(v) * 2}`,
    );
    let t = 1_000_000;
    let scrapes = 0;
    const source = new PodProxyMetricsSource({
      transport: {
        listPods: async () => [
          {
            namespace: 'platform',
            name: 'ai-gateway-1',
            port: 15020,
            path: 'metrics',
          },
        ],
        scrape: async () => (scrapes++ === 0 ? real : doubled),
      },
      now: () => t,
      sleep: async ms => {
        t += ms;
      },
      firstRateDelayMs: 1000,
    });
    const snap = await source.snapshot('5m');
    if (!snap.available) throw new Error(snap.reason);
    const echo = snap.requests.filter(r => r.route === 'team-b/echo');
    expect(echo.reduce((a, r) => a + r.rps, 0)).toBeCloseTo(6);
    expect(echo.map(r => r.rps)).toEqual([6]); // one (gateway, listener, route, backend, 200) row
    expect(
      snap.mcp
        .filter(m => m.route === 'team-b/search' && m.method === 'tools/call')
        .reduce((a, m) => a + m.perMinute, 0),
    ).toBeCloseTo(12 * 60);
  });
});
