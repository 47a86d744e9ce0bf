import {
  NodeMetrics,
  TopologyEdge,
  TopologyNodeStatus,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** Edge colour by error rate: grey without numbers, green < 1 %, amber < 5 %, red above. */
export function edgeColor(errorRate: number | undefined): string {
  if (errorRate === undefined) return '#9e9e9e';
  if (errorRate < 0.01) return '#2e7d32';
  if (errorRate < 0.05) return '#ed6c02';
  return '#d32f2f';
}

/** Edge width by traffic, relative to the busiest edge (square root, so small flows stay visible). */
export function edgeWidth(
  edge: Pick<TopologyEdge, 'rps' | 'perMinute'>,
  maxRps: number,
): number {
  const rps =
    edge.rps ??
    (edge.perMinute !== undefined ? edge.perMinute / 60 : undefined);
  if (!rps || !(maxRps > 0)) return 1;
  return 1 + 7 * Math.sqrt(Math.min(rps / maxRps, 1));
}

export function statusColor(status: TopologyNodeStatus): string {
  return {
    ok: '#2e7d32',
    warning: '#ed6c02',
    error: '#d32f2f',
    unknown: '#9e9e9e',
  }[status];
}

export function formatNumber(n: number): string {
  if (n === 0) return '0';
  if (Math.abs(n) >= 1000) return `${(n / 1000).toFixed(n >= 10_000 ? 0 : 1)}k`;
  if (Math.abs(n) >= 10) return n.toFixed(0);
  if (Math.abs(n) >= 0.1) return n.toFixed(1);
  return n.toFixed(2);
}

/**
 * When the numbers of a topology or usage answer were read, in plain words ("metrics as of 12:03:10"); undefined
 * when no cluster has numbers (`metricsAt` absent).
 */
export function metricsAsOf(metricsAt: string | undefined): string | undefined {
  if (!metricsAt) return undefined;
  const t = new Date(metricsAt);
  return Number.isNaN(t.getTime())
    ? undefined
    : `metrics as of ${t.toLocaleTimeString()}`;
}

export const formatPercent = (x: number) =>
  `${(x * 100).toFixed(x < 0.1 && x > 0 ? 1 : 0)}%`;
export const formatMs = (ms: number) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;

/** The one-line summary shown on a node card. */
export function metricsLine(m: NodeMetrics): string {
  if (!m.available) return 'no metrics';
  const parts: string[] = [];
  if (m.rps !== undefined) parts.push(`${formatNumber(m.rps)} req/s`);
  if (m.errorRate !== undefined && m.rps)
    parts.push(`${formatPercent(m.errorRate)} err`);
  if (m.p95Ms !== undefined) parts.push(`p95 ${formatMs(m.p95Ms)}`);
  if (m.tokensInPerMinute !== undefined)
    parts.push(
      `${formatNumber(
        m.tokensInPerMinute + (m.tokensOutPerMinute ?? 0),
      )} tok/min`,
    );
  if (m.costUsdPerHour) parts.push(`$${m.costUsdPerHour.toFixed(2)}/h`);
  if (m.mcpCallsPerMinute !== undefined)
    parts.push(`${formatNumber(m.mcpCallsPerMinute)} calls/min`);
  return parts.join(' · ') || 'idle';
}
