import {
  MetricsSnapshot,
  MetricsWindow,
  StreamingLatency,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { SnapshotQueryId } from './queries';
import { VectorSample } from './types';

const label = (s: VectorSample, name: string) => s.metric[name] ?? 'unknown';
const finite = (v: number) => (Number.isFinite(v) ? v : 0);

/**
 * Turns the results of the fixed snapshot queries (from Prometheus or from the pod-proxy evaluator) into
 * the normalized snapshot. Zero rates are dropped; NaN quantiles (no requests) become null.
 */
export function normalizeSnapshot(
  results: Record<SnapshotQueryId, VectorSample[]>,
  meta: {
    source: MetricsSnapshot['source'];
    window: MetricsWindow;
    collectedAt: Date;
    coveredSeconds?: number;
  },
): MetricsSnapshot {
  const latency = new Map<
    string,
    {
      gateway: string;
      route: string;
      backend: string;
      p50: number | null;
      p95: number | null;
    }
  >();
  const lat = (s: VectorSample) => {
    const k = `${label(s, 'gateway')}|${label(s, 'route')}|${label(
      s,
      'backend',
    )}`;
    let row = latency.get(k);
    if (!row) {
      row = {
        gateway: label(s, 'gateway'),
        route: label(s, 'route'),
        backend: label(s, 'backend'),
        p50: null,
        p95: null,
      };
      latency.set(k, row);
    }
    return row;
  };
  for (const s of results.latencyP50)
    lat(s).p50 = Number.isFinite(s.value) ? s.value : null;
  for (const s of results.latencyP95)
    lat(s).p95 = Number.isFinite(s.value) ? s.value : null;

  const streaming = new Map<string, StreamingLatency>();
  const stream = (s: VectorSample) => {
    const k = ['gateway', 'route', 'gen_ai_system', 'gen_ai_request_model']
      .map(l => label(s, l))
      .join('|');
    let row = streaming.get(k);
    if (!row) {
      row = {
        gateway: label(s, 'gateway'),
        route: label(s, 'route'),
        system: label(s, 'gen_ai_system'),
        model: label(s, 'gen_ai_request_model'),
        ttftP50: null,
        ttftP95: null,
        tpotP50: null,
        tpotP95: null,
      };
      streaming.set(k, row);
    }
    return row;
  };
  const quantileValue = (v: number) => (Number.isFinite(v) ? v : null);
  for (const id of ['ttftP50', 'ttftP95', 'tpotP50', 'tpotP95'] as const)
    for (const s of results[id]) stream(s)[id] = quantileValue(s.value);

  return {
    available: true,
    source: meta.source,
    window: meta.window,
    collectedAt: meta.collectedAt.toISOString(),
    ...(meta.coveredSeconds !== undefined
      ? { coveredSeconds: meta.coveredSeconds }
      : {}),
    requests: results.requests
      .filter(s => finite(s.value) > 0)
      .map(s => ({
        gateway: label(s, 'gateway'),
        listener: label(s, 'listener'),
        route: label(s, 'route'),
        backend: label(s, 'backend'),
        status: label(s, 'status'),
        reason: label(s, 'reason'),
        rps: s.value,
      })),
    latency: [...latency.values()].filter(
      r => r.p50 !== null || r.p95 !== null,
    ),
    tokens: results.tokens
      .filter(s => finite(s.value) > 0)
      .map(s => ({
        gateway: label(s, 'gateway'),
        route: label(s, 'route'),
        system: label(s, 'gen_ai_system'),
        model: label(s, 'gen_ai_request_model'),
        type: label(s, 'gen_ai_token_type'),
        perMinute: s.value,
      })),
    cost: results.cost
      .filter(s => finite(s.value) > 0)
      .map(s => ({
        gateway: label(s, 'gateway'),
        route: label(s, 'route'),
        system: label(s, 'gen_ai_system'),
        model: label(s, 'gen_ai_request_model'),
        usdPerHour: s.value,
      })),
    streaming: [...streaming.values()].filter(
      r => r.ttftP95 !== null || r.tpotP95 !== null,
    ),
    mcp: results.mcp
      .filter(s => finite(s.value) > 0)
      .map(s => ({
        gateway: label(s, 'gateway'),
        route: label(s, 'route'),
        server: label(s, 'server'),
        resource: label(s, 'resource'),
        method: label(s, 'method'),
        perMinute: s.value,
      })),
  };
}
