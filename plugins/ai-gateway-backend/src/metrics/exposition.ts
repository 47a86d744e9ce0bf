import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { QUERY_SOURCES, SNAPSHOT_GROUPING, USAGE_GROUPING } from './queries';

/** The sample names the fixed queries read, and the labels they keep (plus `le`). */
export const SCRAPED_METRICS = new Set<string>([
  ...Object.values(QUERY_SOURCES).map(s => s.metric),
]);
export const KEPT_LABELS = new Set<string>([
  ...Object.values(SNAPSHOT_GROUPING).flat(),
  ...Object.values(USAGE_GROUPING).flat(),
  'le',
]);

export interface ScrapedSample {
  name: string;
  /** the labels the fixed queries group by (plus `le`) */
  labels: Record<string, string>;
  value: number;
  /**
   * Identity of the full series (every label, sorted). Series that differ only in labels the queries do not
   * keep (`client`, `route_rule`, `protocol`, `gen_ai_response_model`...) stay apart, so their rates are
   * computed one by one and then summed, as `sum by (...) (rate(...))` does.
   */
  series: string;
}

const SAMPLE_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

/**
 * Parses what agentgateway's `:15020/metrics` serves: OpenMetrics text (`# TYPE agentgateway_build info`,
 * `# UNIT`, `# EOF`, exemplars) under `Content-Type: text/plain`, or the classic Prometheus text format, with
 * `parse-prometheus-text-format`. Only the sample lines of the metrics the fixed queries read are handed to
 * the library, without `# HELP` / `# TYPE` lines: whatever types, units, families without samples or other
 * comments the proxy adds (info, stateset, unknown...) cannot trip it, every line comes back as a plain
 * sample with its full label set (histogram `_bucket` lines keep `le`), and large scrapes stay cheap.
 */
export function parseExposition(text: string): ScrapedSample[] {
  const wanted: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line || line.startsWith('#')) continue;
    const name = SAMPLE_NAME.exec(line)?.[0];
    if (name && SCRAPED_METRICS.has(name)) wanted.push(line);
  }
  const out: ScrapedSample[] = [];
  if (!wanted.length) return out;
  for (const family of parsePrometheusTextFormat(`${wanted.join('\n')}\n`)) {
    for (const s of family.metrics) {
      const value = Number(s.value);
      if (!Number.isFinite(value)) continue;
      const all = s.labels ?? {};
      const labels: Record<string, string> = {};
      for (const [k, v] of Object.entries(all))
        if (KEPT_LABELS.has(k)) labels[k] = v;
      const series = Object.keys(all)
        .sort()
        .map(k => `${k}=${all[k]}`)
        .join('\u0001');
      out.push({ name: family.name, labels, value, series });
    }
  }
  return out;
}
