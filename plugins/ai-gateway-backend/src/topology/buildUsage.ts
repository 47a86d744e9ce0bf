import {
  ClusterMetrics,
  MetricsWindow,
  UsageMetric,
  UsageResponse,
  UsageSeries,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { MatrixSeries, UsageResult } from '../metrics/types';
import {
  ROUTE_KINDS,
  TopologyObject,
  TopologyScope,
  keyOf,
  nsName,
  visibleObjects,
} from './scope';

export interface BuildUsageInput {
  objects: TopologyObject[];
  usage: Record<string, UsageResult>;
  scope: TopologyScope;
  window: MetricsWindow;
  /** series kept per metric, by total; the rest is summed into one `other` series (not for latency) */
  maxSeries?: number;
  now?: Date;
}

/** Quantile series: never summed into an `others` series. */
const QUANTILES = new Set<UsageMetric>(['latencyP95', 'ttftP95', 'tpotP95']);

/** Adds series point-wise (points share the query's step timestamps). */
function addUp(list: Array<Array<[number, number]>>): Array<[number, number]> {
  const byT = new Map<number, number>();
  for (const points of list)
    for (const [t, v] of points)
      if (Number.isFinite(v)) byT.set(t, (byT.get(t) ?? 0) + v);
  return [...byT.entries()].sort((a, b) => a[0] - b[0]);
}

const total = (s: UsageSeries) =>
  s.points.reduce((a, [, v]) => a + (Number.isFinite(v) ? v : 0), 0);

function top(
  series: UsageSeries[],
  max: number,
  metric: UsageMetric,
  cluster: string,
): UsageSeries[] {
  const sorted = [...series].sort(
    (a, b) => total(b) - total(a) || a.label.localeCompare(b.label),
  );
  if (sorted.length <= max) return sorted;
  const kept = sorted.slice(0, max);
  if (QUANTILES.has(metric)) return kept;
  const rest = sorted.slice(max);
  return [
    ...kept,
    {
      metric,
      cluster,
      label: `${rest.length} others`,
      points: addUp(rest.map(s => s.points)),
    },
  ];
}

/**
 * Usage series over the window for the routes and backends a scope sees: requests and errors per
 * route → backend, p95 latency, tokens per model and type, cost per model.
 */
export function buildUsage(input: BuildUsageInput): UsageResponse {
  const { scope } = input;
  const maxSeries = input.maxSeries ?? 10;
  const visible = visibleObjects(input.objects, scope);
  const own = (cluster: string, kinds: (k: string) => boolean) =>
    new Set(
      input.objects
        .filter(
          o =>
            o.cluster === cluster &&
            kinds(o.object.kind) &&
            visible.relation.get(keyOf(o)) === 'owned',
        )
        .map(o => nsName(o.object)),
    );
  const clusters = Object.keys(input.usage).sort();
  const multi = clusters.length > 1;
  const series: UsageSeries[] = [];
  let stepSeconds = 0;
  for (const cluster of clusters) {
    const u = input.usage[cluster];
    if (!u.available) continue;
    stepSeconds ||= u.stepSeconds;
    const routes = own(cluster, k => ROUTE_KINDS.has(k));
    const backends = own(cluster, k => k === 'AgentgatewayBackend');
    const routeOk = (m: MatrixSeries) =>
      scope.type === 'platform' || routes.has(m.metric.route);
    const pairOk = (m: MatrixSeries) =>
      routeOk(m) || (scope.type === 'entity' && backends.has(m.metric.backend));
    const prefix = multi ? `${cluster}: ` : '';
    const pairs = (metric: UsageMetric, list: MatrixSeries[]) =>
      top(
        list.filter(pairOk).map(m => ({
          metric,
          cluster,
          label: `${prefix}${m.metric.route ?? 'unknown'} → ${
            m.metric.backend ?? 'unknown'
          }`,
          route: m.metric.route,
          backend: m.metric.backend,
          points: m.values
            .map(
              ([t, v]) =>
                [t, metric === 'latencyP95' ? v * 1000 : v] as [number, number],
            )
            .filter(([, v]) => Number.isFinite(v)),
        })),
        maxSeries,
        metric,
        cluster,
      );
    // streaming latency per route and model, in ms (quantiles: one series each, never added up)
    const streaming = (metric: UsageMetric, list: MatrixSeries[]) =>
      top(
        list.filter(routeOk).map(m => ({
          metric,
          cluster,
          label: `${prefix}${m.metric.route ?? 'unknown'} · ${
            m.metric.gen_ai_request_model ?? 'unknown'
          }`,
          route: m.metric.route,
          model: m.metric.gen_ai_request_model,
          points: m.values
            .map(([t, v]) => [t, v * 1000] as [number, number])
            .filter(([, v]) => Number.isFinite(v)),
        })),
        maxSeries,
        metric,
        cluster,
      );
    const grouped = (
      metric: UsageMetric,
      list: MatrixSeries[],
      keyOf2: (m: MatrixSeries) => {
        key: string;
        model: string;
        tokenType?: string;
      },
    ) => {
      const groups = new Map<
        string,
        {
          model: string;
          tokenType?: string;
          points: Array<Array<[number, number]>>;
        }
      >();
      for (const m of list.filter(routeOk)) {
        const k = keyOf2(m);
        const g = groups.get(k.key) ?? {
          model: k.model,
          tokenType: k.tokenType,
          points: [],
        };
        g.points.push(m.values);
        groups.set(k.key, g);
      }
      return top(
        [...groups.entries()].map(([key, g]) => ({
          metric,
          cluster,
          label: `${prefix}${key}`,
          model: g.model,
          ...(g.tokenType ? { tokenType: g.tokenType } : {}),
          points: addUp(g.points),
        })),
        maxSeries,
        metric,
        cluster,
      );
    };
    series.push(
      ...pairs('requests', u.requests),
      ...pairs('errors', u.errors),
      ...pairs('latencyP95', u.latencyP95),
      ...streaming('ttftP95', u.ttftP95),
      ...streaming('tpotP95', u.tpotP95),
      ...grouped('tokens', u.tokens, m => {
        const model = m.metric.gen_ai_request_model ?? 'unknown';
        const type = m.metric.gen_ai_token_type ?? 'unknown';
        return { key: `${model} ${type}`, model, tokenType: type };
      }),
      ...grouped('cost', u.cost, m => {
        const model = m.metric.gen_ai_request_model ?? 'unknown';
        return { key: model, model };
      }),
    );
  }
  const metrics = clusters.map((c): ClusterMetrics => {
    const u = input.usage[c];
    return u.available
      ? {
          cluster: c,
          available: true,
          source: u.source,
          collectedAt: u.collectedAt,
        }
      : { cluster: c, available: false, reason: u.reason };
  });
  const out: UsageResponse = {
    window: input.window,
    generatedAt: (input.now ?? new Date()).toISOString(),
    stepSeconds,
    series,
    metrics,
  };
  // how old the series are: the oldest cluster's read (ISO strings of one format sort by time)
  const times = metrics.flatMap(m => (m.available ? [m.collectedAt] : []));
  if (times.length) out.metricsAt = times.sort()[0];
  return out;
}
