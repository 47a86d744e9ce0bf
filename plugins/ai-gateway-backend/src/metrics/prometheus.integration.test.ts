import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  RunningSimulator,
  startSimulatorServer,
} from '@ai-gateway-backstage/traffic-simulator';
import { MetricsSnapshot } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { PrometheusMetricsSource } from './PrometheusMetricsSource';
import { SNAPSHOT_QUERY_IDS } from './queries';
import { demoObjects } from './__testUtils__/simulator';

/**
 * A REAL Prometheus (the Debian package's /usr/bin/prometheus, `apt-get install -y prometheus`) scraping the
 * traffic simulator every second, read through PrometheusMetricsSource. Set PROMETHEUS_BIN to use another
 * binary.
 */
const PROMETHEUS = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const haveBinary = fs.existsSync(PROMETHEUS);
if (!haveBinary) {
  // eslint-disable-next-line no-console
  console.warn(
    `Skipping the real-Prometheus test: ${PROMETHEUS} is missing (apt-get install -y prometheus)`,
  );
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>(r => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise(r => srv.close(r));
  return port;
}

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 300));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

(haveBinary ? describe : describe.skip)(
  'PrometheusMetricsSource against a real Prometheus',
  () => {
    let sim: RunningSimulator;
    let prom: ChildProcess;
    let promUrl: string;
    let dir: string;
    let logs = '';

    beforeAll(async () => {
      sim = await startSimulatorServer(demoObjects(), {
        seed: 9,
        rateScale: 20,
      });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prom-it-'));
      const port = await freePort();
      promUrl = `http://127.0.0.1:${port}`;
      fs.writeFileSync(
        path.join(dir, 'prometheus.yml'),
        [
          'global: { scrape_interval: 1s, evaluation_interval: 1s }',
          'scrape_configs:',
          '  - job_name: agentgateway',
          '    metrics_path: /metrics',
          `    static_configs: [{ targets: ['127.0.0.1:${sim.port}'] }]`,
        ].join('\n'),
      );
      prom = spawn(
        PROMETHEUS,
        [
          `--config.file=${path.join(dir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${path.join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
          '--log.level=warn',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      prom.stdout!.on('data', d => (logs += d));
      prom.stderr!.on('data', d => (logs += d));
      await until(
        'Prometheus to be ready',
        async () => ((await fetch(`${promUrl}/-/ready`)).ok ? true : undefined),
        30_000,
      ).catch(e => {
        throw new Error(`${e.message}\n${logs}`);
      });
    }, 40_000);

    afterAll(async () => {
      if (prom && prom.exitCode === null) {
        const exited = new Promise(r => prom.once('exit', r));
        prom.kill('SIGTERM');
        await exited;
      }
      await sim?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
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
      // the target is up and the OpenMetrics exposition was accepted
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
