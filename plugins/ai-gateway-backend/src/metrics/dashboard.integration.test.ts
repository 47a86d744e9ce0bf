import fs from 'node:fs';
import {
  RunningSimulator,
  startSimulatorServer,
} from '@ai-gateway-backstage/traffic-simulator';
import { allFixtureObjects } from './__testUtils__/simulator';
import {
  RunningPrometheus,
  haveBinary,
  startPrometheus,
  until,
  warnIfMissing,
} from './__testUtils__/prometheus';

/**
 * Every query of upstream's Grafana dashboard (`fixtures/agentgateway-grafana-dashboard.json`, a copy of
 * `shared/agentgateway/reference/agentgateway-grafana-dashboard.json`, shipped in the Helm chart) against a real Prometheus scraping the simulator's pods the way the chart's
 * PodMonitor does (target labels `namespace`, `pod`, `gateway_networking_k8s_io_gateway_name`). Each returns
 * data, except the panels that join Kubernetes container metrics (cAdvisor), listed below.
 */
const DASHBOARD = `${__dirname}/fixtures/agentgateway-grafana-dashboard.json`;

/** Panels that need cAdvisor's container metrics, which only a kubelet exports. */
const NEEDS_CONTAINER_METRICS: Record<string, string> = {
  Memory: 'container_memory_working_set_bytes',
  CPU: 'container_cpu_usage_seconds_total',
};

interface Panel {
  title?: string;
  panels?: Panel[];
  targets?: Array<{ expr?: string }>;
}

function dashboardQueries(): Array<{ title: string; expr: string }> {
  const out: Array<{ title: string; expr: string }> = [];
  const walk = (panels: Panel[]) => {
    for (const p of panels) {
      if (p.panels) walk(p.panels);
      for (const t of p.targets ?? [])
        if (t.expr) out.push({ title: p.title ?? '', expr: t.expr });
    }
  };
  walk(JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')).panels);
  return out;
}

/** Grafana's variables with "All" selected; `$__rate_interval` at least four scrape intervals. */
const substitute = (expr: string) =>
  expr
    .replace(/\$__rate_interval/g, '20s')
    .replace(/\$(namespace|gateway_name|gateway|pod)\b/g, '.*');

warnIfMissing("the Grafana dashboard's queries");

const queries = dashboardQueries();

(haveBinary ? describe : describe.skip)(
  "upstream's Grafana dashboard on a Prometheus scraping the simulator",
  () => {
    let sim: RunningSimulator;
    let prom: RunningPrometheus;

    const query = async (expr: string) => {
      const res = await fetch(
        `${prom.url}/api/v1/query?query=${encodeURIComponent(expr)}`,
      );
      const body = await res.json();
      if (body.status !== 'success')
        throw new Error(`${expr}: ${body.error ?? res.status}`);
      return body.data.result as Array<{ metric: Record<string, string> }>;
    };

    beforeAll(async () => {
      sim = await startSimulatorServer(allFixtureObjects(), {
        seed: 11,
        rateScale: 5,
      });
      prom = await startPrometheus([
        '  - job_name: agentgateway-pods',
        '    static_configs:',
        ...sim.pods.flatMap(p => [
          `      - targets: ['127.0.0.1:${sim.port}']`,
          '        labels:',
          `          __metrics_path__: /api/v1/namespaces/${p.namespace}/pods/${p.name}:15020/proxy/metrics`,
          `          namespace: ${p.namespace}`,
          `          pod: ${p.name}`,
          `          gateway_networking_k8s_io_gateway_name: ${
            p.gateway.split('/')[1]
          }`,
        ]),
      ]);
      // a few scrapes so every rate has two samples in its range
      await until(
        'every pod scraped twice',
        async () => {
          const r = await query(
            'count_over_time(up{job="agentgateway-pods"}[20s]) >= 3',
          );
          return r.length === sim.pods.length ? true : undefined;
        },
        40_000,
      );
    }, 60_000);

    afterAll(async () => {
      await prom?.stop();
      await sim?.close();
    });

    it('reads the dashboard (every panel has a query)', () => {
      expect(queries.length).toBeGreaterThanOrEqual(30);
      expect(
        Object.keys(NEEDS_CONTAINER_METRICS).every(t =>
          queries.some(q => q.title === t),
        ),
      ).toBe(true);
    });

    it.each(
      queries
        .filter(q => !NEEDS_CONTAINER_METRICS[q.title])
        .map(q => [q.title, q.expr]),
    )(
      '%s: %s',
      async (title, expr) => {
        const result = await until(
          `data for ${title}`,
          async () => {
            const r = await query(substitute(expr));
            return r.length ? r : undefined;
          },
          20_000,
        );
        expect(result.length).toBeGreaterThan(0);
      },
      30_000,
    );

    // no kubelet here: these join cAdvisor's container series, which the proxy does not export
    it.each(
      queries
        .filter(q => NEEDS_CONTAINER_METRICS[q.title])
        .map(q => [q.title, q.expr]),
    )(
      '%s: %s (empty without cAdvisor, the agentgateway side present)',
      async (title, expr) => {
        const result = await until(
          `data for ${title}`,
          async () => {
            const r = await query(substitute(expr));
            return r.length ? r : undefined;
          },
          1_000,
        ).catch(() => []);
        expect(expr).toContain(NEEDS_CONTAINER_METRICS[title]);
        expect(result).toEqual([]);
        // the agentgateway side of the join is there
        expect(
          await query(
            'agentgateway_build_info{gateway_networking_k8s_io_gateway_name=~".+",pod=~".+"}',
          ),
        ).toHaveLength(sim.pods.length);
      },
      30_000,
    );
  },
);
