/**
 * In-memory metric families with agentgateway's names, types and label order (reference/metrics.md §2-3).
 * Rendering follows `prometheus_client`'s OpenMetrics encoder: HELP, TYPE, UNIT, samples (`_sum`, `_count`,
 * then buckets for histograms), `# EOF` at the end.
 */
export type Labels = Array<[string, string]>;

export interface CounterSeries {
  labels: Labels;
  value: number;
}

export interface HistogramSeries {
  labels: Labels;
  sum: number;
  count: number;
  /** cumulative counts are computed at render time; these are per-bucket counts */
  buckets: number[];
  /** native histogram: observations at or below the zero threshold */
  zeroCount: number;
  /** native histogram: bucket index (schema NATIVE_SCHEMA) → count */
  native: Map<number, number>;
}

interface FamilyBase {
  name: string;
  help: string;
  unit?: string;
}

export interface CounterFamily extends FamilyBase {
  type: 'counter';
  series: Map<string, CounterSeries>;
}

export interface HistogramFamily extends FamilyBase {
  type: 'histogram';
  bounds: number[];
  series: Map<string, HistogramSeries>;
}

export interface GaugeFamily extends FamilyBase {
  type: 'gauge' | 'info';
  series: Map<string, CounterSeries>;
}

export type Family = CounterFamily | HistogramFamily | GaugeFamily;

export const REQUEST_DURATION_BOUNDS = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 80,
];
export const TOKEN_BOUNDS = Array.from({ length: 14 }, (_, i) => 4 ** i); // 1, 4, 16 ... 67108864
export const GEN_AI_DURATION_BOUNDS = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48,
  40.96, 81.92,
];

/**
 * Native histograms: schema 3 (bucket boundaries grow by 2^(1/8), the default of Prometheus client libraries)
 * and the smallest zero bucket; bucket `i` holds (2^((i-1)/8), 2^(i/8)].
 */
export const NATIVE_SCHEMA = 3;
export const NATIVE_ZERO_THRESHOLD = 2.938735877055719e-39;

export function nativeBucketIndex(value: number): number {
  return Math.ceil(Math.log2(value) * 2 ** NATIVE_SCHEMA - 1e-9);
}

/** Labels whose name starts with `__` select series (e.g. the pod a process gauge belongs to) and are never rendered. */
export const isHidden = ([k]: [string, string]) => k.startsWith('__');

const NEEDS_ESCAPE = /[\\\n"]/;

export function escapeLabelValue(v: string): string {
  if (!NEEDS_ESCAPE.test(v)) return v;
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** Series keys by label array identity, for label arrays a flow reuses every second. */
const keyCache = new WeakMap<Labels, string>();

export function labelKey(labels: Labels): string {
  let key = keyCache.get(labels);
  if (key === undefined) {
    key = labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',');
    keyCache.set(labels, key);
  }
  return key;
}

export function counterFamily(
  name: string,
  help: string,
  unit?: string,
): CounterFamily {
  return { type: 'counter', name, help, unit, series: new Map() };
}

export function histogramFamily(
  name: string,
  help: string,
  bounds: number[],
  unit?: string,
): HistogramFamily {
  return { type: 'histogram', name, help, unit, bounds, series: new Map() };
}

export function gaugeFamily(
  name: string,
  help: string,
  type: 'gauge' | 'info' = 'gauge',
): GaugeFamily {
  return { type, name, help, series: new Map() };
}

export function inc(
  family: CounterFamily | GaugeFamily,
  labels: Labels,
  by = 1,
): void {
  const k = labelKey(labels);
  const s = family.series.get(k);
  if (s) s.value += by;
  else family.series.set(k, { labels, value: by });
}

export function set(family: GaugeFamily, labels: Labels, value: number): void {
  family.series.set(labelKey(labels), { labels, value });
}

export function observe(
  family: HistogramFamily,
  labels: Labels,
  value: number,
): void {
  const k = labelKey(labels);
  let s = family.series.get(k);
  if (!s) {
    s = {
      labels,
      sum: 0,
      count: 0,
      buckets: new Array(family.bounds.length + 1).fill(0),
      zeroCount: 0,
      native: new Map(),
    };
    family.series.set(k, s);
  }
  s.sum += value;
  s.count += 1;
  let i = family.bounds.findIndex(b => value <= b);
  if (i < 0) i = family.bounds.length;
  s.buckets[i] += 1;
  if (value <= NATIVE_ZERO_THRESHOLD) s.zeroCount += 1;
  else {
    const b = nativeBucketIndex(value);
    s.native.set(b, (s.native.get(b) ?? 0) + 1);
  }
}

/** `1` → `1.0`, `0.25` → `0.25`: OpenMetrics canonical floats for `le`. */
export function formatFloat(x: number): string {
  if (x === Infinity) return '+Inf';
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

function formatValue(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toFixed(9)));
}

const braces = (labels: Labels, extra?: string) => {
  const body = [labelKey(labels.filter(l => !isHidden(l))), extra]
    .filter(Boolean)
    .join(',');
  return body ? `{${body}}` : '';
};

/**
 * Renders the families as OpenMetrics text, as `prometheus_client`'s `encode_text` does; `include` selects the
 * series (e.g. one gateway's pod). Text cannot carry native buckets: with `classicBuckets: false` (agentgateway's
 * `Native` histogram mode) histograms show only `_sum` and `_count`.
 */
export function renderOpenMetrics(
  families: Family[],
  include: (labels: Labels) => boolean = () => true,
  classicBuckets = true,
): string {
  const out: string[] = [];
  for (const f of families) {
    out.push(`# HELP ${f.name} ${f.help}`);
    out.push(`# TYPE ${f.name} ${f.type}`);
    if (f.unit) out.push(`# UNIT ${f.name} ${f.unit}`);
    if (f.type === 'histogram') {
      for (const s of f.series.values()) {
        if (!include(s.labels)) continue;
        out.push(`${f.name}_sum${braces(s.labels)} ${formatValue(s.sum)}`);
        out.push(`${f.name}_count${braces(s.labels)} ${s.count}`);
        if (!classicBuckets) continue;
        let cumulative = 0;
        f.bounds.forEach((b, i) => {
          cumulative += s.buckets[i];
          out.push(
            `${f.name}_bucket${braces(
              s.labels,
              `le="${formatFloat(b)}"`,
            )} ${cumulative}`,
          );
        });
        out.push(`${f.name}_bucket${braces(s.labels, 'le="+Inf"')} ${s.count}`);
      }
    } else {
      const suffix = { counter: '_total', info: '_info', gauge: '' }[f.type];
      for (const s of f.series.values()) {
        if (!include(s.labels)) continue;
        out.push(
          `${f.name}${suffix}${braces(s.labels)} ${formatValue(s.value)}`,
        );
      }
    }
  }
  out.push('# EOF');
  return `${out.join('\n')}\n`;
}
