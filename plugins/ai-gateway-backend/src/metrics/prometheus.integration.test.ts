import {
  RunningSimulator,
  startSimulatorServer,
} from '@ai-gateway-backstage/traffic-simulator';
import { MetricsSnapshot } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { PrometheusMetricsSource } from './PrometheusMetricsSource';
import { SNAPSHOT_QUERY_IDS } from './queries';
import { demoObjects } from './__testUtils__/simulator';
import {
  RunningPrometheus,
  haveBinary,
  startPrometheus,
  until,
  warnIfMissing,
} from './__testUtils__/prometheus';

/**
 * A REAL Prometheus scraping the traffic simulator every second the way agentgateway must be scraped
 * (protobuf negotiated, see __testUtils__/prometheus.ts), read through PrometheusMetricsSource.
 */
warnIfMissing('the real-Prometheus test');

(haveBinary ? describe : describe.skip)(
  'PrometheusMetricsSource against a real Prometheus',
  () => {
    let sim: RunningSimulator;
    let prom: RunningPrometheus;
    let promUrl: string;

    beforeAll(async () => {
      sim = await startSimulatorServer(demoObjects(), {
        seed: 9,
        rateScale: 20,
      });
      prom = await startPrometheus([
        '  - job_name: agentgateway',
        '    metrics_path: /metrics',
        `    static_configs: [{ targets: ['127.0.0.1:${sim.port}'] }]`,
      ]);
      promUrl = prom.url;
    }, 40_000);

    afterAll(async () => {
      await prom?.stop();
      await sim?.close();
    });

    it('scrapes the simulator and answers the fixed queries as a normalized snapshot', async () => {
      const source = new PrometheusMetricsSource({
        url: promUrl,
        cacheTtlMs: 0,
        timeoutMs: 5_000,
      });
      const snap = await until<MetricsSnapshot>(
        'rates of the denial, LLM and MCP series',
        async () => {
          const s = await source.snapshot('5m');
          if (!s.available) throw new Error(s.reason);
          const ready =
            s.requests.some(r => r.reason === 'RateLimit') &&
            s.requests.some(r => r.reason === 'JwtAuth') &&
            s.tokens.some(t => t.type === 'output') &&
            s.mcp.some(m => m.method === 'tools/call');
          return ready ? s : undefined;
        },
        30_000,
      );
      // the target is up and the exposition was accepted
      const up = await (await fetch(`${promUrl}/api/v1/query?query=up`)).json();
      expect(up.data.result[0].value[1]).toBe('1');

      expect(snap.source).toBe('prometheus');
      expect(new Set(snap.requests.map(r => r.gateway))).toEqual(
        new Set(['platform/ai-gateway', 'platform/mcp-gateway']),
      );
      expect(snap.requests.find(r => r.reason === 'RateLimit')).toMatchObject({
        route: 'team-a/chat',
        status: '429',
      });
      expect(snap.requests.find(r => r.reason === 'JwtAuth')).toMatchObject({
        route: 'team-b/mcp',
        backend: 'unknown',
        status: '401',
      });
      const openai = snap.latency.find(
        l => l.backend === 'team-a/openai' && l.p95 !== null,
      );
      expect(openai?.p95).toBeGreaterThan(0.1);
      expect(
        snap.tokens.find(t => t.model === 'gpt-4o-mini' && t.type === 'input'),
      ).toMatchObject({ system: 'openai', route: 'team-a/chat' });
      expect(
        snap.cost.some(c => c.system === 'anthropic' && c.usdPerHour > 0),
      ).toBe(true);
      expect(
        snap.mcp
          .filter(m => m.method === 'tools/call')
          .every(m => ['sse-target', 'http-target'].includes(m.server)),
      ).toBe(true);
      // streaming latency of the LLM routes (time to first token, time per output token)
      expect(
        (snap.streaming ?? []).some(
          r => r.route === 'team-a/chat' && (r.ttftP95 ?? 0) > 0,
        ),
      ).toBe(true);
      expect(source.client.queryCount % SNAPSHOT_QUERY_IDS.length).toBe(0);
    }, 45_000);

    it('answers usage series from query_range', async () => {
      const source = new PrometheusMetricsSource({
        url: promUrl,
        cacheTtlMs: 0,
      });
      // the newest point is at the current second; it needs two scrapes before it
      const usage = await until(
        'usage points of team-a/chat',
        async () => {
          const u = await source.usage('5m');
          if (!u.available) throw new Error(u.reason);
          return u.requests.some(
            s =>
              s.metric.route === 'team-a/chat' &&
              s.metric.backend === 'team-a/openai',
          )
            ? u
            : undefined;
        },
        15_000,
      );
      expect(usage.stepSeconds).toBe(15);
      const chat = usage.requests.find(
        s =>
          s.metric.route === 'team-a/chat' &&
          s.metric.backend === 'team-a/openai',
      );
      expect(chat!.values.length).toBeGreaterThan(0);
      expect(chat!.values[chat!.values.length - 1][1]).toBeGreaterThan(0);
      expect(
        usage.tokens.some(
          s => s.metric.gen_ai_request_model === 'claude-sonnet-4-5',
        ),
      ).toBe(true);
    }, 20_000);
  },
);

(haveBinary ? describe : describe.skip)(
  'latency quantiles when Prometheus stores native histograms',
  () => {
    let sim: RunningSimulator;
    let prom: RunningPrometheus;

    beforeAll(async () => {
      // agentgateway `metrics.histogramMode: Native`: buckets only in the protobuf exposition
      sim = await startSimulatorServer(demoObjects(), {
        seed: 9,
        rateScale: 20,
        histogramMode: 'native',
      });
      prom = await startPrometheus([
        '  - job_name: agentgateway',
        `    static_configs: [{ targets: ['127.0.0.1:${sim.port}'] }]`,
      ]);
    }, 40_000);

    afterAll(async () => {
      await prom?.stop();
      await sim?.close();
    });

    it('answers p50/p95 and streaming latency from native histograms with the same fixed queries', async () => {
      const source = new PrometheusMetricsSource({
        url: prom.url,
        cacheTtlMs: 0,
        timeoutMs: 5_000,
      });
      // Prometheus holds native histograms only: no classic _bucket series
      const classic = await (
        await fetch(
          `${prom.url}/api/v1/query?query=${encodeURIComponent(
            'count(agentgateway_request_duration_seconds_bucket)',
          )}`,
        )
      ).json();
      expect(classic.data.result).toEqual([]);
      const snap = await until<MetricsSnapshot>(
        'quantiles from native histograms',
        async () => {
          const s = await source.snapshot('5m');
          if (!s.available) throw new Error(s.reason);
          const ok =
            s.latency.some(l => l.backend === 'team-a/openai' && l.p95) &&
            (s.streaming ?? []).some(r => r.ttftP95 !== null);
          return ok ? s : undefined;
        },
        30_000,
      );
      const openai = snap.latency.find(l => l.backend === 'team-a/openai')!;
      expect(openai.p95!).toBeGreaterThan(openai.p50!);
      expect(openai.p95!).toBeGreaterThan(0.1);
      const stream = snap.streaming!.find(r => r.model === 'gpt-4o-mini')!;
      expect(stream.ttftP95!).toBeGreaterThan(0);
      expect(stream.tpotP95!).toBeGreaterThan(0);
      // the range query needs two scrapes inside a step's rate window: later than the instant query on a busy machine
      const latencyP95 = await until(
        'latency p95 series from query_range',
        async () => {
          const usage = await source.usage('5m');
          if (!usage.available) throw new Error(usage.reason);
          return usage.latencyP95.length > 0 ? usage.latencyP95 : undefined;
        },
        30_000,
      );
      expect(latencyP95.length).toBeGreaterThan(0);
    }, 80_000);
  },
);
