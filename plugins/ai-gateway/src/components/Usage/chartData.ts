import {
  UsageMetric,
  UsageSeries,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

export interface ChartData {
  /** one row per timestamp: `{ t, [seriesKey]: value }` */
  rows: Array<Record<string, number>>;
  series: Array<{ key: string; label: string }>;
}

/** Recharts rows for the series of one metric: a union of timestamps, one column per series. */
export function chartData(all: UsageSeries[], metric: UsageMetric): ChartData {
  const list = all.filter(s => s.metric === metric);
  const byT = new Map<number, Record<string, number>>();
  const series = list.map((s, i) => ({ key: `s${i}`, label: s.label }));
  list.forEach((s, i) => {
    for (const [t, v] of s.points) {
      const row = byT.get(t) ?? { t };
      row[`s${i}`] = v;
      byT.set(t, row);
    }
  });
  return { rows: [...byT.values()].sort((a, b) => a.t - b.t), series };
}

/** A stable palette (Material colours), cycled. */
export const PALETTE = [
  '#1976d2',
  '#2e7d32',
  '#ed6c02',
  '#9c27b0',
  '#d32f2f',
  '#0288d1',
  '#689f38',
  '#f57c00',
  '#5d4037',
  '#455a64',
  '#c2185b',
];

export function formatTime(t: number, stepSeconds: number): string {
  const d = new Date(t * 1000);
  return stepSeconds >= 900
    ? d.toLocaleString(undefined, {
        hour: '2-digit',
        minute: '2-digit',
        day: '2-digit',
        month: 'short',
      })
    : d.toLocaleTimeString(undefined, {
        hour: '2-digit',
        minute: '2-digit',
        ...(stepSeconds < 60 ? { second: '2-digit' } : {}),
      });
}
