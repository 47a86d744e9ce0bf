import {
  ErrorBreakdown,
  MetricsResult,
  MetricsSnapshot,
  NodeMetrics,
  RequestRate,
  TrafficMetrics,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { backendIdentity } from './labels';

const isError = (status: string) =>
  status.length === 3 &&
  (status[0] === '4' || status[0] === '5') &&
  /^\d\d$/.test(status.slice(1));

/** Folds request rows into the numbers of a node or edge. */
export function trafficOf(
  rows: RequestRate[],
  latency?: { p50: number | null; p95: number | null },
): TrafficMetrics {
  let rps = 0;
  let errorRps = 0;
  let errors: ErrorBreakdown[] | undefined;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    rps += r.rps;
    if (!isError(r.status)) continue;
    errorRps += r.rps;
    errors ??= [];
    const e = errors.find(x => x.status === r.status && x.reason === r.reason);
    if (e) e.rps += r.rps;
    else errors.push({ status: r.status, reason: r.reason, rps: r.rps });
  }
  const out: TrafficMetrics = {
    available: true,
    rps,
    errorRate: rps > 0 ? errorRps / rps : 0,
    errors: errors ? errors.sort((a, b) => b.rps - a.rps) : [],
  };
  if (typeof latency?.p50 === 'number') out.p50Ms = latency.p50 * 1000;
  if (typeof latency?.p95 === 'number') out.p95Ms = latency.p95 * 1000;
  return out;
}

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

const maxOf = (values: Array<number | null>) => {
  let max: number | null = null;
  for (const x of values)
    if (x !== null && Number.isFinite(x) && (max === null || x > max)) max = x;
  return max;
};

/**
 * The keys of {@link MetricsIndex.traffic}: the structural graph computes them once per object version, so
 * joining a new scrape builds no strings (`g|` gateway, `l|` listener, `lr|` listener → route, `r|` route,
 * `rb|` route → backend, `b|` backend; label values as agentgateway writes them).
 */
export const trafficKey = {
  gateway: (gw: string) => `g|${gw}`,
  listener: (gw: string, listener: string) => `l|${gw}|${listener}`,
  listenerRoute: (gw: string, listener: string, route: string) =>
    `lr|${gw}|${listener}|${route}`,
  route: (route: string) => `r|${route}`,
  routeBackend: (route: string, backend: string) => `rb|${route}|${backend}`,
  backend: (backend: string) => `b|${backend}`,
};

/**
 * One cluster's snapshot, indexed for the graph: O(rows) to build, O(1) lookups per node. `routes`
 * restricts every number to the rows of those routes (entity scope: a shared gateway then shows only the
 * entity's own traffic).
 */
export class MetricsIndex {
  readonly unavailable?: { available: false; reason: string };
  /** request rows by {@link trafficKey} */
  private readonly rowsBy = new Map<string, RequestRate[]>();
  private readonly latencyBy = new Map<
    string,
    Array<{ p50: number | null; p95: number | null }>
  >();
  private readonly tokensByRoute = new Map<string, MetricsSnapshot['tokens']>();
  private readonly costByRoute = new Map<string, MetricsSnapshot['cost']>();
  private readonly mcpByRoute = new Map<string, MetricsSnapshot['mcp']>();
  private readonly streamingByRoute = new Map<
    string,
    NonNullable<MetricsSnapshot['streaming']>
  >();
  private readonly snapshot?: MetricsSnapshot;

  constructor(result: MetricsResult | undefined, routes?: ReadonlySet<string>) {
    if (!result || !result.available) {
      this.unavailable = {
        available: false,
        reason:
          result && !result.available
            ? result.reason
            : 'No metrics for this cluster',
      };
      return;
    }
    const keep = <T extends { route: string }>(rows: T[]) =>
      routes ? rows.filter(r => routes.has(r.route)) : rows;
    // `backend` labels join on backendIdentity (a Service's `hostname:port` → `Service:ns/name`)
    const joinable = <T extends { route: string; backend: string }>(
      rows: T[],
    ) =>
      keep(rows).map(r => {
        const backend = backendIdentity(r.backend);
        return backend === r.backend ? r : { ...r, backend };
      });
    this.snapshot = {
      ...result,
      requests: joinable(result.requests),
      latency: joinable(result.latency),
      tokens: keep(result.tokens),
      cost: keep(result.cost),
      mcp: keep(result.mcp),
      streaming: keep(result.streaming ?? []),
    };
    const add = (k: string, r: RequestRate) => {
      const list = this.rowsBy.get(k);
      if (list) list.push(r);
      else this.rowsBy.set(k, [r]);
    };
    for (const r of this.snapshot.requests) {
      add(trafficKey.gateway(r.gateway), r);
      add(trafficKey.listener(r.gateway, r.listener), r);
      add(trafficKey.listenerRoute(r.gateway, r.listener, r.route), r);
      add(trafficKey.route(r.route), r);
      add(trafficKey.routeBackend(r.route, r.backend), r);
      add(trafficKey.backend(r.backend), r);
    }
    for (const l of this.snapshot.latency) {
      for (const k of [
        trafficKey.gateway(l.gateway),
        trafficKey.route(l.route),
        trafficKey.backend(l.backend),
        trafficKey.routeBackend(l.route, l.backend),
      ]) {
        const list = this.latencyBy.get(k);
        if (list) list.push(l);
        else this.latencyBy.set(k, [l]);
      }
    }
    this.tokensByRoute = group(this.snapshot.tokens, r => r.route);
    this.costByRoute = group(this.snapshot.cost, r => r.route);
    this.mcpByRoute = group(this.snapshot.mcp, r => r.route);
    this.streamingByRoute = group(this.snapshot.streaming ?? [], r => r.route);
  }

  private latency(key: string) {
    const rows = this.latencyBy.get(key) ?? [];
    return {
      p50: maxOf(rows.map(r => r.p50)),
      p95: maxOf(rows.map(r => r.p95)),
    };
  }

  private rowsOf<T>(
    byRoute: Map<string, T[]>,
    routes: ReadonlySet<string>,
  ): T[] {
    return [...routes].flatMap(r => byRoute.get(r) ?? []);
  }

  private readonly memo = new Map<string, NodeMetrics>();

  /**
   * Requests, errors and latency of one {@link trafficKey} (memoized: nodes and edges share keys). Latency
   * is the highest p50/p95 over the key's (gateway, route, backend) rows: quantiles do not add up;
   * listeners have none (the latency series carry no listener).
   */
  traffic(key: string): NodeMetrics {
    if (this.unavailable) return this.unavailable;
    let m = this.memo.get(key);
    if (!m) {
      m = trafficOf(
        this.rowsBy.get(key) ?? [],
        this.latencyBy.has(key) ? this.latency(key) : undefined,
      );
      this.memo.set(key, m);
    }
    return m;
  }

  gateway(gw: string): NodeMetrics {
    return this.traffic(trafficKey.gateway(gw));
  }

  listener(gw: string, listener: string): NodeMetrics {
    return this.traffic(trafficKey.listener(gw, listener));
  }

  listenerRoute(gw: string, listener: string, route: string): NodeMetrics {
    return this.traffic(trafficKey.listenerRoute(gw, listener, route));
  }

  route(route: string): NodeMetrics {
    return this.traffic(trafficKey.route(route));
  }

  routeBackend(route: string, backend: string): NodeMetrics {
    return this.traffic(trafficKey.routeBackend(route, backend));
  }

  backend(backend: string): NodeMetrics {
    return this.traffic(trafficKey.backend(backend));
  }

  /** Tokens and cost of one provider/model over the given routes. */
  llm(
    routes: ReadonlySet<string>,
    system: string,
    model: string | undefined,
  ): NodeMetrics {
    if (this.unavailable) return this.unavailable;
    // memoized by content: the same numbers object lets a join reuse the node (and its JSON)
    const key = `${[...routes].sort().join(',')}|${system}|${model ?? ''}`;
    let m = this.llmMemo.get(key);
    if (!m) this.llmMemo.set(key, (m = this.llmOf(routes, system, model)));
    return m;
  }

  private readonly llmMemo = new Map<string, NodeMetrics>();

  private llmOf(
    routes: ReadonlySet<string>,
    system: string,
    model: string | undefined,
  ): NodeMetrics {
    const match = (r: { system: string; model: string }) =>
      r.system === system && (model === undefined || r.model === model);
    let tokensIn = 0;
    let tokensOut = 0;
    for (const t of this.rowsOf(this.tokensByRoute, routes)) {
      if (!match(t)) continue;
      if (t.type === 'input') tokensIn += t.perMinute;
      else if (t.type === 'output') tokensOut += t.perMinute;
    }
    const cost = this.rowsOf(this.costByRoute, routes)
      .filter(match)
      .reduce((a, c) => a + c.usdPerHour, 0);
    // quantiles do not add up: the highest over the model's (gateway, route) rows
    const streams = this.rowsOf(this.streamingByRoute, routes).filter(match);
    const streaming: Partial<TrafficMetrics> = {};
    for (const k of ['ttftP50', 'ttftP95', 'tpotP50', 'tpotP95'] as const) {
      const v = maxOf(streams.map(r => r[k]));
      if (v !== null) streaming[`${k}Ms`] = v * 1000;
    }
    return {
      available: true,
      tokensInPerMinute: tokensIn,
      tokensOutPerMinute: tokensOut,
      costUsdPerHour: cost,
      ...streaming,
    };
  }

  /** MCP calls (all methods) of one MCP target over the given routes. */
  mcpServer(routes: ReadonlySet<string>, server: string): NodeMetrics {
    if (this.unavailable) return this.unavailable;
    const calls = this.rowsOf(this.mcpByRoute, routes)
      .filter(m => m.server === server)
      .reduce((a, m) => a + m.perMinute, 0);
    return { available: true, mcpCallsPerMinute: calls };
  }

  /** The MCP servers (`server` label values other than `unknown`) seen on the given routes, sorted. */
  mcpServerNames(routes: ReadonlySet<string>): string[] {
    if (this.unavailable) return [];
    const names = new Set<string>();
    for (const m of this.rowsOf(this.mcpByRoute, routes))
      if (m.server !== 'unknown') names.add(m.server);
    return [...names].sort();
  }

  /** Tool calls per (server, tool) over the given routes. */
  tools(
    routes: ReadonlySet<string>,
    server: string,
  ): Array<{ tool: string; perMinute: number }> {
    if (this.unavailable) return [];
    const byTool = new Map<string, number>();
    for (const m of this.rowsOf(this.mcpByRoute, routes)) {
      if (m.server !== server || m.method !== 'tools/call') continue;
      byTool.set(m.resource, (byTool.get(m.resource) ?? 0) + m.perMinute);
    }
    return [...byTool.entries()]
      .map(([tool, perMinute]) => ({ tool, perMinute }))
      .sort((a, b) => a.tool.localeCompare(b.tool));
  }
}
