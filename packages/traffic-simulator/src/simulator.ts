import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { Flow, buildPlan } from './plan';
import { Random, logNormal, mulberry32, poisson } from './prng';
import { Labels, inc, observe, renderOpenMetrics, set } from './series';
import { Families, createFamilies, familyList } from './families';
import { HistogramMode, renderProtobuf } from './protobuf';
import { simulateRequest } from './requests';
import { hashString } from './prng';

export interface SimulatorOptions {
  seed?: number;
  /** multiplies every flow's request rate */
  rateScale?: number;
  /** the clock start; `advanceTo(now)` simulates every whole second since */
  startMs?: number;
  version?: string;
  /**
   * agentgateway's `metrics.histogramMode` (`Classic` by default): text carries classic buckets only, so with
   * `native` the text exposition has `_sum` / `_count` and only protobuf carries the buckets.
   */
  histogramMode?: HistogramMode;
}

const XDS_TYPES = [
  'type.googleapis.com/agentgateway.dev.resource.Resource',
  'type.googleapis.com/agentgateway.dev.workload.Address',
];

/**
 * Moving agentgateway traffic: every simulated second draws Poisson request counts per flow (with a slow
 * wave so rates change), denials from the policies (401 JwtAuth / APIKeyAuth, 429 RateLimit...), a few 5xx,
 * 500 NoHealthyBackend for backendRefs to missing objects, latency, LLM tokens (incl. cache reads / writes),
 * cost, streaming latency, MCP calls, connections, and the proxy's own xDS / tokio / cgroup / process gauges.
 * Every family the proxy exports (`families.ts`). Deterministic for a given seed and number of seconds.
 */
export class TrafficSimulator {
  flows: Flow[];
  private readonly random: Random;
  private readonly rateScale: number;
  private readonly startMs: number;
  private readonly histogramMode: HistogramMode;
  private seconds = 0;
  private readonly f: Families = createFamilies();

  constructor(objects: KubeObject[], options: SimulatorOptions = {}) {
    this.flows = buildPlan(objects);
    this.random = mulberry32(options.seed ?? 1);
    this.rateScale = options.rateScale ?? 1;
    this.startMs = options.startMs ?? Date.now();
    this.histogramMode = options.histogramMode ?? 'classic';
    set(this.f.build, [['tag', options.version ?? 'v1.4.1']], 1);
    set(this.f.synced, [], 1);
  }

  /** Replaces the objects (e.g. re-read from the cluster): new routes get traffic, counters are kept. */
  setObjects(objects: KubeObject[]): void {
    this.flows = buildPlan(objects);
  }

  /** Simulated seconds so far. */
  get elapsedSeconds(): number {
    return this.seconds;
  }

  /** The gateways (`namespace/name`) that carry traffic. */
  gateways(): string[] {
    return [...new Set(this.flows.map(f => f.gateway))].sort();
  }

  /** Simulates every whole second between the start and `nowMs` not simulated yet (at most `maxSeconds`). */
  advanceTo(nowMs: number, maxSeconds = 3600): void {
    const target = Math.floor((nowMs - this.startMs) / 1000);
    const todo = Math.min(target - this.seconds, maxSeconds);
    if (todo > 0) this.tick(todo);
    if (target > this.seconds) this.seconds = target; // skipped time: counters simply did not move
  }

  tick(seconds = 1): void {
    for (let s = 0; s < seconds; s++) {
      this.seconds++;
      for (const [i, flow] of this.flows.entries())
        this.simulateSecond(flow, i);
      for (const gateway of this.gateways()) this.simulatePod(gateway);
    }
  }

  /**
   * The exposition of every gateway's pod, or of one (`namespace/name`), as OpenMetrics text (what the proxy
   * sends under `text/plain`) or, with `protobuf`, length-delimited `io.prometheus.client.MetricFamily`.
   */
  render(gateway?: string): string {
    return renderOpenMetrics(
      familyList(this.f),
      this.includeFor(gateway),
      this.histogramMode !== 'native',
    );
  }

  renderProtobuf(gateway?: string): Buffer {
    return renderProtobuf(
      familyList(this.f),
      this.includeFor(gateway),
      this.histogramMode,
    );
  }

  private includeFor(gateway?: string): (labels: Labels) => boolean {
    if (!gateway) return () => true;
    return labels => {
      const g = labels.find(([k]) => k === 'gateway' || k === '__pod');
      return !g || g[1] === gateway;
    };
  }

  /** The proxy process of one gateway: xDS updates, runtime and memory gauges (hidden `__pod` label). */
  private simulatePod(gateway: string): void {
    const pod: Labels = [['__pod', gateway]];
    const h = hashString(gateway);
    if (this.seconds === 1 || this.random() < 0.02) {
      for (const url of XDS_TYPES) {
        inc(this.f.xdsMessages, [['url', url], ...pod]);
        inc(
          this.f.xdsBytes,
          [['url', url], ...pod],
          Math.round(
            logNormal(this.random, url.endsWith('Address') ? 900 : 4000, 0.5),
          ),
        );
      }
    }
    if (this.random() < 0.0005)
      inc(this.f.xdsTerminations, [['reason', 'Reconnect'], ...pod]);
    const wave = 1 + 0.1 * Math.sin(this.seconds / 90 + (h % 7));
    set(this.f.tokio.num_workers, pod, 2);
    set(this.f.tokio.num_alive_tasks, pod, Math.round(40 * wave + (h % 20)));
    set(this.f.tokio.global_queue_depth, pod, Math.floor(this.random() * 3));
    const base = (30 + (h % 20)) * 1024 * 1024 * wave;
    const cgroup: Record<string, number> = {
      usage: base * 1.4,
      working_set: base * 1.2,
      anon: base,
      file: base * 0.3,
      kernel: base * 0.08,
      sock: base * 0.01,
      slab: base * 0.05,
    };
    for (const [k, v] of Object.entries(cgroup))
      set(this.f.cgroup[k], pod, Math.round(v));
    const process: Record<string, number> = {
      rss: base * 0.95,
      pss: base * 0.9,
      private_dirty: base * 0.8,
      private_clean: base * 0.02,
      shared_clean: base * 0.1,
      swap: 0,
    };
    for (const [k, v] of Object.entries(process))
      set(this.f.process[k], pod, Math.round(v));
  }

  private simulateSecond(flow: Flow, index: number): void {
    // A slow wave (10 min period, phase per flow) plus rare bursts keeps the graph moving.
    const wave = 1 + 0.6 * Math.sin((2 * Math.PI * this.seconds) / 600 + index);
    const burst = this.random() < 0.01 ? 3 : 1;
    const n = poisson(
      this.random,
      flow.baseRps * this.rateScale * wave * burst,
    );
    const route: Labels = [
      ['bind', flow.bind],
      ['gateway', flow.gateway],
      ['listener', flow.listener],
      ['route', flow.route],
      ['route_rule', flow.routeRule],
    ];
    if (n > 0) {
      // TCPLabels: bind, gateway, listener, protocol (http | https)
      const tcp: Labels = [
        route[0],
        route[1],
        route[2],
        ['protocol', flow.tls ? 'https' : 'http'],
      ];
      const connections = Math.ceil(n / 4);
      inc(this.f.connections, tcp, connections);
      inc(
        this.f.received,
        tcp,
        n * Math.round(logNormal(this.random, 900, 0.5)),
      );
      inc(this.f.sent, tcp, n * Math.round(logNormal(this.random, 1800, 0.6)));
      if (flow.tls)
        for (let c = 0; c < connections; c++)
          observe(this.f.tlsHandshake, tcp, logNormal(this.random, 0.004, 0.5));
    }
    for (let r = 0; r < n; r++)
      simulateRequest(this.f, this.random, flow, route);
  }
}
