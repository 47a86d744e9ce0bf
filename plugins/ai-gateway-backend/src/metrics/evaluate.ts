import { histogramQuantile } from './histogram';
import {
  QUERY_SOURCES,
  SNAPSHOT_GROUPING,
  SnapshotQueryId,
  USAGE_GROUPING,
  UsageQueryId,
} from './queries';
import { ScrapedSample } from './exposition';
import { MatrixSeries, VectorSample } from './types';

/** Every pod's kept samples at one moment, keyed by pod + name + full series identity. */
export interface Collection {
  /** ms since epoch */
  t: number;
  samples: Map<string, ScrapedSample & { pod: string }>;
}

export function sampleKey(pod: string, s: ScrapedSample): string {
  return `${pod}|${s.name}|${s.series}`;
}

export function makeCollection(
  t: number,
  scrapes: Array<{ pod: string; samples: ScrapedSample[] }>,
): Collection {
  const samples = new Map<string, ScrapedSample & { pod: string }>();
  for (const { pod, samples: list } of scrapes)
    for (const s of list) samples.set(sampleKey(pod, s), { ...s, pod });
  return { t, samples };
}

/**
 * Per-second rates of one metric between two collections, like `rate()` over exactly that interval: a
 * counter that went down was reset (the new value is the increase); series missing in either collection
 * are skipped (Prometheus needs two samples too).
 */
export function rates(
  prev: Collection,
  cur: Collection,
  metric: string,
  filter?: (labels: Record<string, string>) => boolean,
): VectorSample[] {
  const dt = (cur.t - prev.t) / 1000;
  if (!(dt > 0)) return [];
  const out: VectorSample[] = [];
  for (const [key, s] of cur.samples) {
    if (s.name !== metric || (filter && !filter(s.labels))) continue;
    const before = prev.samples.get(key);
    if (!before) continue;
    const increase = s.value >= before.value ? s.value - before.value : s.value;
    out.push({ metric: s.labels, value: increase / dt });
  }
  return out;
}

/** `sum by (labels) (...)`, times `factor`. */
export function sumBy(
  samples: VectorSample[],
  by: string[],
  factor = 1,
): VectorSample[] {
  const groups = new Map<string, VectorSample>();
  for (const s of samples) {
    const metric = Object.fromEntries(
      by.filter(l => s.metric[l] !== undefined).map(l => [l, s.metric[l]]),
    );
    const key = by.map(l => s.metric[l] ?? '').join('\u0000');
    const g = groups.get(key);
    if (g) g.value += s.value * factor;
    else groups.set(key, { metric, value: s.value * factor });
  }
  return [...groups.values()];
}

/** `histogram_quantile(q, sum by (le, labels) (rate(bucket)))`. */
export function quantileBy(
  bucketRates: VectorSample[],
  q: number,
  by: string[],
): VectorSample[] {
  const summed = sumBy(bucketRates, [...by, 'le']);
  const groups = new Map<
    string,
    {
      metric: Record<string, string>;
      buckets: Array<{ le: number; count: number }>;
    }
  >();
  for (const s of summed) {
    const metric = Object.fromEntries(
      by.filter(l => s.metric[l] !== undefined).map(l => [l, s.metric[l]]),
    );
    const key = by.map(l => s.metric[l] ?? '').join('\u0000');
    const le = s.metric.le === '+Inf' ? Infinity : Number(s.metric.le);
    if (Number.isNaN(le)) continue;
    const g = groups.get(key) ?? { metric, buckets: [] };
    g.buckets.push({ le, count: s.value });
    groups.set(key, g);
  }
  return [...groups.values()].map(g => ({
    metric: g.metric,
    value: histogramQuantile(q, g.buckets) ?? NaN,
  }));
}

const S = QUERY_SOURCES;

/** The snapshot queries of `queries.ts`, evaluated over the interval between two collections. */
export function evaluateSnapshot(
  prev: Collection,
  cur: Collection,
): Record<SnapshotQueryId, VectorSample[]> {
  const g = SNAPSHOT_GROUPING;
  const buckets = rates(prev, cur, S.latency.metric);
  const ttft = rates(prev, cur, S.ttft.metric);
  const tpot = rates(prev, cur, S.tpot.metric);
  return {
    requests: sumBy(rates(prev, cur, S.requests.metric), g.requests),
    latencyP50: quantileBy(buckets, 0.5, g.latencyP50),
    latencyP95: quantileBy(buckets, 0.95, g.latencyP95),
    ttftP50: quantileBy(ttft, 0.5, g.ttftP50),
    ttftP95: quantileBy(ttft, 0.95, g.ttftP95),
    tpotP50: quantileBy(tpot, 0.5, g.tpotP50),
    tpotP95: quantileBy(tpot, 0.95, g.tpotP95),
    tokens: sumBy(rates(prev, cur, S.tokens.metric), g.tokens, S.tokens.factor),
    cost: sumBy(rates(prev, cur, S.cost.metric), g.cost, S.cost.factor),
    mcp: sumBy(rates(prev, cur, S.mcp.metric), g.mcp, S.mcp.factor),
  };
}

const isError = (l: Record<string, string>) =>
  /^[45]\d\d$/.test(l.status ?? '');

/** The usage queries, evaluated for one point (the interval between two collections). */
export function evaluateUsagePoint(
  prev: Collection,
  cur: Collection,
): Record<UsageQueryId, VectorSample[]> {
  const g = USAGE_GROUPING;
  return {
    requests: sumBy(rates(prev, cur, S.requests.metric), g.requests),
    errors: sumBy(rates(prev, cur, S.errors.metric, isError), g.errors),
    latencyP95: quantileBy(
      rates(prev, cur, S.latency.metric),
      0.95,
      g.latencyP95,
    ),
    ttftP95: quantileBy(rates(prev, cur, S.ttft.metric), 0.95, g.ttftP95),
    tpotP95: quantileBy(rates(prev, cur, S.tpot.metric), 0.95, g.tpotP95),
    tokens: sumBy(rates(prev, cur, S.tokens.metric), g.tokens, S.tokens.factor),
    cost: sumBy(rates(prev, cur, S.cost.metric), g.cost, S.cost.factor),
  };
}

/** Usage matrices from a history of collections: one point per consecutive pair, at the later time. */
export function usageFromHistory(
  history: Collection[],
): Record<UsageQueryId, MatrixSeries[]> {
  const out: Record<string, Map<string, MatrixSeries>> = {};
  for (let i = 1; i < history.length; i++) {
    const point = evaluateUsagePoint(history[i - 1], history[i]);
    const t = Math.round(history[i].t / 1000);
    for (const [id, samples] of Object.entries(point)) {
      const series = (out[id] ??= new Map());
      for (const s of samples) {
        if (!Number.isFinite(s.value)) continue;
        const key = JSON.stringify(Object.entries(s.metric).sort());
        const m = series.get(key) ?? { metric: s.metric, values: [] };
        m.values.push([t, s.value]);
        series.set(key, m);
      }
    }
  }
  const list = (id: UsageQueryId) => [...(out[id]?.values() ?? [])];
  return {
    requests: list('requests'),
    errors: list('errors'),
    latencyP95: list('latencyP95'),
    ttftP95: list('ttftP95'),
    tpotP95: list('tpotP95'),
    tokens: list('tokens'),
    cost: list('cost'),
  };
}
