/*
 * Prometheus faults (issue 11 item 6): a REAL Prometheus scrapes the traffic simulator; the backend reads it
 * through a fault-injecting proxy. Down, slow, 5xx or garbage: the topology still answers with the configuration,
 * and the metrics are marked unavailable with the reason. Then it recovers without a restart.
 */
import request from 'supertest';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import {
  KubeObject,
  TopologyResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  RunningSimulator,
  startSimulatorServer,
} from '@ai-gateway-backstage/traffic-simulator';
import { entities, seed } from '../__testUtils__/seed';
import { eventually, startPluginBackend } from '../__testUtils__/testBackend';
import { FaultProxy, startFaultProxy } from '../__testUtils__/faultProxy';
import {
  RunningPrometheus,
  haveBinary,
  startPrometheus,
  warnIfMissing,
} from '../metrics/__testUtils__/prometheus';

// `expectUnavailableWith` asserts (expect inside `eventually`): named so for jest/expect-expect
/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectUnavailableWith"] }] */

jest.setTimeout(240_000);

const TOPOLOGY =
  '/api/ai-gateway/entity/component/default/support-bot/topology?window=5m';
const TIMEOUT_MS = 1500;

warnIfMissing('the Prometheus fault tests');

(haveBinary ? describe : describe.skip)(
  'Prometheus faults through a fault-injecting proxy',
  () => {
    let kube: Awaited<ReturnType<typeof startKubeLocal>>;
    let sim: RunningSimulator;
    let prom: RunningPrometheus;
    let proxy: FaultProxy;
    let app: Awaited<ReturnType<typeof startPluginBackend>>;

    const topology = async () => {
      const started = Date.now();
      const res = await request(app.server).get(TOPOLOGY);
      expect(res.status).toBe(200);
      const body: TopologyResponse = res.body;
      return { body, ms: Date.now() - started };
    };
    /** the configuration part of the graph is there whatever Prometheus does */
    const expectConfiguration = (body: TopologyResponse) => {
      expect(
        body.nodes.some(
          n => n.type === 'route' && n.label === 'team-support/support-chat',
        ),
      ).toBe(true);
      expect(body.nodes.some(n => n.type === 'gateway')).toBe(true);
    };
    const expectUnavailableWith = async (reason: RegExp) =>
      eventually(async () => {
        const { body, ms } = await topology();
        expectConfiguration(body);
        expect(body.metrics).toEqual([
          expect.objectContaining({ cluster: 'local', available: false }),
        ]);
        expect(body.metrics[0]).toMatchObject({
          reason: expect.stringMatching(reason),
        });
        return ms;
      }, 30_000);

    beforeAll(async () => {
      kube = await startKubeLocal({ port: 0, seed });
      sim = await startSimulatorServer(seed as KubeObject[], {
        seed: 3,
        rateScale: 10,
        startMs: Date.now() - 30_000,
      });
      prom = await startPrometheus([
        '  - job_name: agentgateway',
        '    metrics_path: /metrics',
        `    static_configs: [{ targets: ['127.0.0.1:${sim.port}'] }]`,
      ]);
      proxy = await startFaultProxy(prom.url);
      app = await startPluginBackend({
        clusters: [{ name: 'local', url: kube.url, token: kube.adminToken }],
        entities,
        aiGateway: {
          metrics: {
            cacheSeconds: 0,
            timeoutMs: TIMEOUT_MS,
            prometheus: { url: proxy.url },
          },
        },
      });
    }, 60_000);

    afterAll(async () => {
      await app?.stop();
      await proxy?.close();
      await prom?.stop();
      await sim?.close();
      await kube?.close();
    });

    afterEach(() => proxy.clear());

    it('healthy: live numbers from Prometheus', async () => {
      await eventually(async () => {
        const { body } = await topology();
        expectConfiguration(body);
        expect(body.metrics).toEqual([
          {
            cluster: 'local',
            available: true,
            source: 'prometheus',
            collectedAt: body.metricsAt,
          },
        ]);
      }, 60_000);
    });

    it('down: the configuration answers, metrics unavailable with the reason, recovery without a restart', async () => {
      await proxy.down();
      await expectUnavailableWith(
        /ECONNREFUSED|fetch failed|connect|unreachable/i,
      );
      await proxy.up();
      await eventually(async () => {
        const { body } = await topology();
        expect(body.metrics[0]).toMatchObject({ available: true });
      }, 30_000);
    });

    it('slow: the request gives up after the timeout instead of waiting for Prometheus', async () => {
      proxy.delay(TIMEOUT_MS * 4);
      const ms = await expectUnavailableWith(/time|abort/i);
      expect(ms).toBeLessThan(TIMEOUT_MS * 4);
    });

    it('5xx: unavailable with the status', async () => {
      proxy.answer({ match: () => true, status: 503, reason: 'Unavailable' });
      await expectUnavailableWith(/503|unavailable/i);
    });

    it('garbage: a 200 that is not the Prometheus API is unavailable, not zeros', async () => {
      proxy.answer({
        match: () => true,
        status: 200,
        contentType: 'text/html',
        body: '<html><body>captive portal</body></html>',
      });
      await expectUnavailableWith(/json|unexpected|invalid/i);
      proxy.clear();
      proxy.answer({
        match: () => true,
        status: 200,
        body: JSON.stringify({
          status: 'success',
          data: { resultType: 'vector', result: 'nope' },
        }),
      });
      await expectUnavailableWith(/malformed vector/);
    });
  },
);
