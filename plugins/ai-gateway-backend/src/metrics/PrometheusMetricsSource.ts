import {
  MetricsResult,
  MetricsWindow,
  METRICS_WINDOW_SECONDS,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { PrometheusClient, PrometheusClientOptions } from './prometheusClient';
import {
  SNAPSHOT_QUERY_IDS,
  USAGE_QUERY_IDS,
  USAGE_RESOLUTION,
  checkMatchers,
  snapshotQueries,
  usageQueries,
} from './queries';
import { normalizeSnapshot } from './normalize';
import {
  MetricsSource,
  UsageResult,
  VectorSample,
  MatrixSeries,
} from './types';
import { TtlCache } from './ttlCache';

export interface PrometheusMetricsSourceOptions
  extends PrometheusClientOptions {
  /** label matchers added to every selector (from config, e.g. `cluster="prod"`) */
  matchers?: string;
  /** how long results are reused per window (default 15 s) */
  cacheTtlMs?: number;
  now?: () => number;
}

/**
 * Reads the fixed snapshot queries (6 instant queries) and usage queries (5 range queries) from Prometheus.
 * Results are cached per window; failures become `{ available: false, reason }`.
 */
export class PrometheusMetricsSource implements MetricsSource {
  readonly kind = 'prometheus' as const;
  readonly client: PrometheusClient;
  private readonly matchers?: string;
  private readonly snapshots: TtlCache<MetricsResult>;
  private readonly usages: TtlCache<UsageResult>;
  private readonly now: () => number;
  private readonly ttlFor: (r: { available: boolean }) => number;

  constructor(options: PrometheusMetricsSourceOptions) {
    this.client = new PrometheusClient(options);
    this.matchers = checkMatchers(options.matchers);
    this.now = options.now ?? Date.now;
    const ttl = options.cacheTtlMs ?? 15_000;
    this.ttlFor = r => (r.available ? ttl : Math.min(ttl, 5_000));
    this.snapshots = new TtlCache(ttl, this.now);
    this.usages = new TtlCache(ttl, this.now);
  }

  snapshot(window: MetricsWindow): Promise<MetricsResult> {
    return this.snapshots.get(
      window,
      () => this.readSnapshot(window),
      this.ttlFor,
    );
  }

  /** One batched read of the fixed snapshot queries, now (no cache). */
  readSnapshot(window: MetricsWindow): Promise<MetricsResult> {
    return this.loadSnapshot(window);
  }

  usage(window: MetricsWindow): Promise<UsageResult> {
    return this.usages.get(window, () => this.loadUsage(window), this.ttlFor);
  }

  private async loadSnapshot(window: MetricsWindow): Promise<MetricsResult> {
    const queries = snapshotQueries(window, this.matchers);
    const at = new Date(this.now());
    try {
      const results = await Promise.all(
        SNAPSHOT_QUERY_IDS.map(id => this.client.query(queries[id], at)),
      );
      const byId = Object.fromEntries(
        SNAPSHOT_QUERY_IDS.map((id, i) => [id, results[i]]),
      ) as Record<(typeof SNAPSHOT_QUERY_IDS)[number], VectorSample[]>;
      return normalizeSnapshot(byId, {
        source: 'prometheus',
        window,
        collectedAt: at,
        coveredSeconds: METRICS_WINDOW_SECONDS[window],
      });
    } catch (e: unknown) {
      return { available: false, reason: messageOf(e) };
    }
  }

  private async loadUsage(window: MetricsWindow): Promise<UsageResult> {
    const queries = usageQueries(window, this.matchers);
    const { stepSeconds } = USAGE_RESOLUTION[window];
    const end = new Date(this.now());
    const start = new Date(
      end.getTime() - METRICS_WINDOW_SECONDS[window] * 1000,
    );
    try {
      const results = await Promise.all(
        USAGE_QUERY_IDS.map(id =>
          this.client.queryRange(queries[id], start, end, stepSeconds),
        ),
      );
      const byId = Object.fromEntries(
        USAGE_QUERY_IDS.map((id, i) => [id, results[i]]),
      ) as Record<(typeof USAGE_QUERY_IDS)[number], MatrixSeries[]>;
      return {
        available: true,
        source: 'prometheus',
        window,
        collectedAt: end.toISOString(),
        stepSeconds,
        ...byId,
      };
    } catch (e: unknown) {
      return { available: false, reason: messageOf(e) };
    }
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
