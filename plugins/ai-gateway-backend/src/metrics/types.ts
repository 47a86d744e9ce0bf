import {
  MetricsResult,
  MetricsUnavailable,
  MetricsWindow,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** One instant-vector sample, the shape Prometheus' `/api/v1/query` returns (value parsed). */
export interface VectorSample {
  metric: Record<string, string>;
  value: number;
}

/** One range-vector series, the shape of `/api/v1/query_range` (values parsed). */
export interface MatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, number]>;
}

/** The raw usage series of one cluster: one matrix per fixed usage query. */
export interface UsageData {
  available: true;
  source: 'prometheus' | 'pod-proxy';
  window: MetricsWindow;
  /** ISO time the series were read (the end of the range) */
  collectedAt: string;
  stepSeconds: number;
  requests: MatrixSeries[];
  errors: MatrixSeries[];
  latencyP95: MatrixSeries[];
  ttftP95: MatrixSeries[];
  tpotP95: MatrixSeries[];
  tokens: MatrixSeries[];
  cost: MatrixSeries[];
}

export type UsageResult = UsageData | MetricsUnavailable;

/**
 * Where live numbers come from for one cluster. Implementations never take PromQL from a caller: the window
 * is one of the fixed enum values and the queries are fixed (see `queries.ts`).
 */
export interface MetricsSource {
  readonly kind: 'prometheus' | 'pod-proxy';
  /** The snapshot of a window, cached by the source (per `cacheSeconds` / scrape). */
  snapshot(window: MetricsWindow): Promise<MetricsResult>;
  /** A new read of the window now, bypassing the source's cache (the background feed's read). */
  readSnapshot(window: MetricsWindow): Promise<MetricsResult>;
  usage(window: MetricsWindow): Promise<UsageResult>;
}
