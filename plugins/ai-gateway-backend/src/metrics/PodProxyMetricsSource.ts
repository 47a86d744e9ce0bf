import {
  METRICS_WINDOW_SECONDS,
  MetricsResult,
  MetricsWindow,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  Collection,
  evaluateSnapshot,
  makeCollection,
  usageFromHistory,
} from './evaluate';
import { parseExposition } from './exposition';
import { normalizeSnapshot } from './normalize';
import { PodProxyTransport } from './podProxyTransport';
import { MetricsSource, UsageResult } from './types';

export interface PodProxyMetricsSourceOptions {
  transport: PodProxyTransport;
  /** which pods are data-plane proxies (default: those carrying the Gateway API gateway-name label) */
  labelSelector?: string;
  /** a new scrape is taken when the newest is older than this (default 10 s) */
  minScrapeIntervalMs?: number;
  /** with a single scrape, wait this long and scrape again so the first answer already has rates (default 2 s) */
  firstRateDelayMs?: number;
  /** scrapes kept (default 720); older ones are thinned out, keeping the oldest for long windows */
  maxHistory?: number;
  /** pods scraped in parallel (default 8) */
  concurrency?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_POD_SELECTOR = 'gateway.networking.k8s.io/gateway-name';

/**
 * Where no Prometheus is configured: scrapes every data-plane pod's `:15020/metrics` through the Kubernetes
 * API pod proxy, keeps a bounded history of scrapes and computes rates between the newest scrape and the
 * oldest one inside the window (so the 5m / 1h / 24h windows fill up while the backend runs).
 */
export class PodProxyMetricsSource implements MetricsSource {
  readonly kind = 'pod-proxy' as const;
  private history: Collection[] = [];
  /** the last snapshot per window, reused until a new scrape (same object: the graph cache keys on it) */
  private readonly snapshots = new Map<
    MetricsWindow,
    { cur: Collection; base: Collection; result: MetricsResult }
  >();
  private inFlight?: Promise<Collection>;
  private lastError?: string;
  private readonly opts: Required<
    Omit<PodProxyMetricsSourceOptions, 'transport'>
  >;

  constructor(private readonly options: PodProxyMetricsSourceOptions) {
    this.opts = {
      labelSelector: options.labelSelector ?? DEFAULT_POD_SELECTOR,
      minScrapeIntervalMs: options.minScrapeIntervalMs ?? 10_000,
      firstRateDelayMs: options.firstRateDelayMs ?? 2_000,
      maxHistory: Math.max(4, options.maxHistory ?? 720),
      concurrency: options.concurrency ?? 8,
      now: options.now ?? Date.now,
      sleep: options.sleep ?? (ms => new Promise(r => setTimeout(r, ms))),
    };
  }

  /** Scrapes kept so far (tests and diagnostics). */
  get scrapes(): number {
    return this.history.length;
  }

  async snapshot(window: MetricsWindow): Promise<MetricsResult> {
    const ready = await this.ensureTwoScrapes();
    if (!ready.ok) return { available: false, reason: ready.reason };
    const cur = this.history[this.history.length - 1];
    const base = this.baseFor(window, cur);
    const last = this.snapshots.get(window);
    if (last && last.cur === cur && last.base === base) return last.result;
    const results = evaluateSnapshot(base, cur);
    const result = normalizeSnapshot(results, {
      source: 'pod-proxy',
      window,
      collectedAt: new Date(cur.t),
      coveredSeconds: Math.round((cur.t - base.t) / 1000),
    });
    this.snapshots.set(window, { cur, base, result });
    return result;
  }

  /**
   * The background feed's read: scrapes unless the newest scrape is younger than half the scrape interval
   * (several windows refreshed on the same tick share one scrape).
   */
  async readSnapshot(window: MetricsWindow): Promise<MetricsResult> {
    const newest = this.history[this.history.length - 1];
    if (
      newest &&
      this.opts.now() - newest.t >= this.opts.minScrapeIntervalMs / 2
    ) {
      try {
        await this.collectOnce();
      } catch (e: unknown) {
        return {
          available: false,
          reason: e instanceof Error ? e.message : String(e),
        };
      }
    }
    return this.snapshot(window);
  }

  async usage(window: MetricsWindow): Promise<UsageResult> {
    const ready = await this.ensureTwoScrapes();
    if (!ready.ok) return { available: false, reason: ready.reason };
    const cur = this.history[this.history.length - 1];
    const from = cur.t - METRICS_WINDOW_SECONDS[window] * 1000;
    // include the scrape just before the window so the first point covers the window's start
    const firstInside = this.history.findIndex(c => c.t >= from);
    const points = this.history.slice(Math.max(0, firstInside - 1));
    const steps = points.slice(1).map((c, i) => (c.t - points[i].t) / 1000);
    const stepSeconds = steps.length
      ? Math.round(steps.reduce((a, b) => a + b, 0) / steps.length)
      : 0;
    return {
      available: true,
      source: 'pod-proxy',
      window,
      collectedAt: new Date(cur.t).toISOString(),
      stepSeconds,
      ...usageFromHistory(points),
    };
  }

  /** The oldest scrape inside the window, else the one just before the newest. */
  private baseFor(window: MetricsWindow, cur: Collection): Collection {
    const from = cur.t - METRICS_WINDOW_SECONDS[window] * 1000;
    const inside = this.history.find(c => c.t >= from && c !== cur);
    return inside ?? this.history[this.history.length - 2];
  }

  private async ensureTwoScrapes(): Promise<
    { ok: true } | { ok: false; reason: string }
  > {
    try {
      const newest = this.history[this.history.length - 1];
      if (
        !newest ||
        this.opts.now() - newest.t >= this.opts.minScrapeIntervalMs
      )
        await this.collectOnce();
      if (this.history.length < 2) {
        await this.opts.sleep(this.opts.firstRateDelayMs);
        await this.collectOnce();
      }
      return this.history.length >= 2
        ? { ok: true }
        : { ok: false, reason: this.lastError ?? 'Rates need two scrapes' };
    } catch (e: unknown) {
      return { ok: false, reason: e instanceof Error ? e.message : String(e) };
    }
  }

  private collectOnce(): Promise<Collection> {
    if (!this.inFlight) {
      this.inFlight = this.collect().finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  private async collect(): Promise<Collection> {
    const pods = await this.options.transport
      .listPods(this.opts.labelSelector)
      .catch((e: unknown) => {
        throw new Error(
          `Could not list data-plane pods (${
            this.opts.labelSelector
          }): ${describe(e)}`,
        );
      });
    if (!pods.length)
      throw new Error(`No data-plane pods match '${this.opts.labelSelector}'`);
    const t = this.opts.now();
    const scrapes: Array<{
      pod: string;
      samples: ReturnType<typeof parseExposition>;
    }> = [];
    const errors: string[] = [];
    const queue = [...pods];
    const worker = async () => {
      for (let pod = queue.shift(); pod; pod = queue.shift()) {
        try {
          const text = await this.options.transport.scrape(pod);
          scrapes.push({
            pod: `${pod.namespace}/${pod.name}`,
            samples: parseExposition(text),
          });
        } catch (e: unknown) {
          errors.push(`${pod.namespace}/${pod.name}: ${describe(e)}`);
        }
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(this.opts.concurrency, pods.length) },
        worker,
      ),
    );
    if (!scrapes.length)
      throw new Error(
        `Scraping the data-plane pods failed: ${errors.slice(0, 3).join('; ')}`,
      );
    this.lastError = errors.length
      ? `${errors.length} of ${pods.length} pods could not be scraped`
      : undefined;
    const collection = makeCollection(t, scrapes);
    this.history = thinHistory(
      [...this.history, collection],
      this.opts.maxHistory,
    );
    return collection;
  }
}

function describe(e: unknown): string {
  const code = (e as { code?: unknown } | undefined)?.code;
  if (typeof code === 'number') return `HTTP ${code}`;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Keeps at most `max` scrapes: drops the oldest beyond 24 h, then every other scrape in the older half, so
 * the history spans long windows with coarser resolution while recent scrapes stay dense.
 */
export function thinHistory<T extends { t: number }>(
  history: T[],
  max: number,
  dayMs = 86_400_000 + 600_000,
): T[] {
  const newest = history[history.length - 1];
  let kept = newest ? history.filter(c => newest.t - c.t <= dayMs) : history;
  while (kept.length > max) {
    const half = Math.floor(kept.length / 2);
    kept = [
      ...kept.slice(0, half).filter((_, i) => i % 2 === 0),
      ...kept.slice(half),
    ];
  }
  return kept;
}
