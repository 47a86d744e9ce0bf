import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { Flow, buildPlan } from './plan';
import { Random, logNormal, mulberry32, poisson } from './prng';
import {
  CounterFamily,
  Family,
  GEN_AI_DURATION_BOUNDS,
  GaugeFamily,
  HistogramFamily,
  Labels,
  REQUEST_DURATION_BOUNDS,
  TOKEN_BOUNDS,
  counterFamily,
  gaugeFamily,
  histogramFamily,
  inc,
  observe,
  renderOpenMetrics,
  set,
} from './series';

export interface SimulatorOptions {
  seed?: number;
  /** multiplies every flow's request rate */
  rateScale?: number;
  /** the clock start; `advanceTo(now)` simulates every whole second since */
  startMs?: number;
  version?: string;
}

/**
 * Moving agentgateway traffic: every simulated second draws Poisson request counts per flow (with a slow
 * wave so rates change), denials from the policies (401 JwtAuth / APIKeyAuth, 429 RateLimit...), a few 5xx,
 * latency, LLM tokens and cost, MCP tool calls. Deterministic for a given seed and number of seconds.
 */
export class TrafficSimulator {
  flows: Flow[];
  private readonly random: Random;
  private readonly rateScale: number;
  private readonly startMs: number;
  private seconds = 0;
  private readonly families: Family[];
  private readonly requests: CounterFamily;
  private readonly duration: HistogramFamily;
  private readonly tokens: HistogramFamily;
  private readonly cost: CounterFamily;
  private readonly genAiDuration: HistogramFamily;
  private readonly mcp: CounterFamily;
  private readonly connections: CounterFamily;
  private readonly build: GaugeFamily;
  private readonly synced: GaugeFamily;

  constructor(objects: KubeObject[], options: SimulatorOptions = {}) {
    this.flows = buildPlan(objects);
    this.random = mulberry32(options.seed ?? 1);
    this.rateScale = options.rateScale ?? 1;
    this.startMs = options.startMs ?? Date.now();
    this.build = gaugeFamily(
      'agentgateway_build',
      'Agentgateway build information.',
      'info',
    );
    this.synced = gaugeFamily(
      'agentgateway_config_synchronized',
      'Whether the last configuration load/reload was successful or not, being synchronized with the on-disk configuration.',
    );
    this.requests = counterFamily(
      'agentgateway_requests',
      'The total number of HTTP requests sent.',
    );
    this.duration = histogramFamily(
      'agentgateway_request_duration_seconds',
      'Duration of HTTP requests (seconds).',
      REQUEST_DURATION_BOUNDS,
      'seconds',
    );
    this.tokens = histogramFamily(
      'agentgateway_gen_ai_client_token_usage',
      'Number of tokens used per request.',
      TOKEN_BOUNDS,
    );
    this.cost = counterFamily(
      'agentgateway_gen_ai_client_cost_usd',
      'Cumulative USD cost of generative AI requests.',
      'usd',
    );
    this.genAiDuration = histogramFamily(
      'agentgateway_gen_ai_server_request_duration',
      'Duration of generative AI request.',
      GEN_AI_DURATION_BOUNDS,
    );
    this.mcp = counterFamily(
      'agentgateway_mcp_requests',
      'Total number of MCP tool calls.',
    );
    this.connections = counterFamily(
      'agentgateway_downstream_connections',
      'The total number of downstream connections established.',
    );
    this.families = [
      this.build,
      this.synced,
      this.tokens,
      this.cost,
      this.genAiDuration,
      this.requests,
      this.duration,
      this.mcp,
      this.connections,
    ];
    set(this.build, [['tag', options.version ?? 'v1.4.1']], 1);
    set(this.synced, [], 1);
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
    }
  }

  render(gateway?: string): string {
    if (!gateway) return renderOpenMetrics(this.families);
    return renderOpenMetrics(this.families, labels => {
      const g = labels.find(([k]) => k === 'gateway');
      return !g || g[1] === gateway;
    });
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
    if (n > 0)
      inc(
        this.connections,
        [route[0], route[1], route[2], ['protocol', 'http']],
        Math.ceil(n / 4),
      );
    for (let r = 0; r < n; r++) this.simulateRequest(flow, route);
  }

  private simulateRequest(flow: Flow, route: Labels): void {
    let method = 'POST';
    if (flow.protocol === 'http' && this.random() < 0.8) method = 'GET';
    const http = (
      backend: string,
      protocol: string,
      status: string,
      reason: string,
    ): Labels => [
      ['backend', backend],
      ['protocol', protocol],
      ['method', method],
      ['status', status],
      ['reason', reason],
      ...route,
    ];
    const roll = this.random();
    let acc = 0;
    for (const d of flow.denials) {
      acc += d.share;
      if (roll < acc) {
        const labels =
          d.beforeBackend || flow.missing
            ? http('unknown', 'unknown', d.status, d.reason)
            : http(flow.backend, flow.protocol, d.status, d.reason);
        inc(this.requests, labels);
        observe(this.duration, labels, logNormal(this.random, 0.002, 0.4));
        return;
      }
    }
    if (flow.missing) {
      // ProxyError::BackendDoesNotExist → 500 NoHealthyBackend before a backend is chosen
      const labels = http('unknown', 'unknown', '500', 'NoHealthyBackend');
      inc(this.requests, labels);
      observe(this.duration, labels, logNormal(this.random, 0.001, 0.4));
      return;
    }
    const failed = roll < acc + flow.failureShare;
    const latency =
      logNormal(this.random, flow.medianLatency, 0.5) * (failed ? 3 : 1);
    let status = '200';
    if (failed) status = this.random() < 0.6 ? '503' : '502';
    const labels = http(
      flow.backend,
      flow.protocol,
      status,
      failed ? 'UpstreamFailure' : 'Upstream',
    );
    inc(this.requests, labels);
    observe(this.duration, labels, latency);
    if (failed) return;
    if (flow.llm?.length) this.simulateLlm(flow, route, latency);
    if (flow.mcp?.length) this.simulateMcp(flow, route);
  }

  private simulateLlm(flow: Flow, route: Labels, latency: number): void {
    const targets = flow.llm!;
    // failover groups: the first provider takes almost everything
    const target =
      targets.length > 1 && this.random() < 0.05
        ? targets[1 + Math.floor(this.random() * (targets.length - 1))]
        : targets[0];
    const genAi: Labels = [
      ['gen_ai_operation_name', 'chat'],
      ['gen_ai_system', target.system],
      ['gen_ai_request_model', target.requestModel],
      ['gen_ai_response_model', target.responseModel],
      ...route,
    ];
    const input = Math.max(1, Math.round(logNormal(this.random, 400, 0.8)));
    const output = Math.max(1, Math.round(logNormal(this.random, 180, 0.7)));
    observe(this.tokens, [['gen_ai_token_type', 'input'], ...genAi], input);
    observe(this.tokens, [['gen_ai_token_type', 'output'], ...genAi], output);
    inc(
      this.cost,
      genAi,
      (input * target.inputPrice + output * target.outputPrice) / 1e6,
    );
    observe(this.genAiDuration, genAi, latency);
  }

  private simulateMcp(flow: Flow, route: Labels): void {
    const roll = this.random();
    const mcp = (
      method: string,
      type: string,
      server: string,
      resource: string,
    ): Labels => [
      ['method', method],
      ['resource_type', type],
      ['server', server],
      ['resource', resource],
      ...route,
    ];
    if (roll < 0.1)
      inc(this.mcp, mcp('initialize', 'unknown', 'unknown', 'unknown'));
    else if (roll < 0.25)
      inc(this.mcp, mcp('tools/list', 'unknown', 'unknown', 'unknown'));
    else {
      const servers = flow.mcp!;
      const server = servers[Math.floor(this.random() * servers.length)];
      const tool =
        server.tools[Math.floor(this.random() * server.tools.length)];
      inc(this.mcp, mcp('tools/call', 'tool', server.name, tool));
    }
  }
}
