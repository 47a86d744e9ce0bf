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
  labels: Record<string, string>;
  value: number;
}

/**
 * Parses agentgateway's exposition (OpenMetrics text, also served as `text/plain`) with
 * `parse-prometheus-text-format`, keeping only the samples and labels the fixed queries use.
 *
 * The library groups histogram samples into one object per family and drops label sets while doing so; the
 * `# TYPE` lines are therefore removed first, so every sample line comes back as a plain sample with its
 * full label set (`_bucket` lines keep `le`).
 */
export function parseExposition(text: string): ScrapedSample[] {
  const untyped = text
    .split('\n')
    .filter(line => !line.startsWith('# TYPE ') && !line.startsWith('# EOF'))
    .join('\n');
  const out: ScrapedSample[] = [];
  for (const family of parsePrometheusTextFormat(untyped)) {
    if (!SCRAPED_METRICS.has(family.name)) continue;
    for (const s of family.metrics) {
      const value = Number(s.value);
      if (!Number.isFinite(value)) continue;
      const labels: Record<string, string> = {};
      for (const [k, v] of Object.entries(s.labels ?? {}))
        if (KEPT_LABELS.has(k)) labels[k] = v;
      out.push({ name: family.name, labels, value });
    }
  }
  return out;
}
