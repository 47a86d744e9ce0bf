import { Config } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';
import {
  MetricsResult,
  MetricsUnavailable,
  MetricsWindow,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { PrometheusMetricsSource } from './PrometheusMetricsSource';
import {
  DEFAULT_POD_SELECTOR,
  PodProxyMetricsSource,
} from './PodProxyMetricsSource';
import { KubePodProxyTransport } from './podProxyTransport';
import { MetricsSource, UsageResult } from './types';
import { SnapshotFeed } from './snapshotFeed';

/**
 * Reads `aiGateway.metrics` and builds one metrics source per cluster:
 * `aiGateway.metrics.clusters.<name>.prometheus` → `aiGateway.metrics.prometheus` → pod proxy through the
 * cluster's Kubernetes API (unless `podProxy.enabled: false`) → none.
 *
 * ```yaml
 * aiGateway:
 *   metrics:
 *     cacheSeconds: 15          # the scrape interval: snapshots are read in the background once per interval
 *     idleSeconds: 300          # a window nobody asked for this long stops being read
 *     timeoutMs: 10000
 *     prometheus:
 *       url: http://prometheus.monitoring:9090
 *       headers: { Authorization: Bearer ${PROMETHEUS_TOKEN} }
 *       matchers: 'cluster="prod"'   # optional, added to every selector
 *     podProxy:
 *       enabled: true
 *       labelSelector: gateway.networking.k8s.io/gateway-name
 *       apiUrl: http://localhost:15020   # optional: reach pods through this URL instead of the cluster's API
 *     clusters:
 *       prod: { prometheus: { url: http://prom-prod:9090 } }
 * ```
 */
export interface MetricsClusterInput {
  name: string;
  /** how the backend reaches the cluster's Kubernetes API; needed for the pod proxy */
  kubeConfig?: KubeConfig;
}

function readPrometheus(
  c: Config | undefined,
  defaults: { timeoutMs: number; cacheTtlMs: number },
) {
  const url = c?.getOptionalString('url');
  if (!c || !url) return undefined;
  return new PrometheusMetricsSource({
    url,
    headers: c.getOptionalConfig('headers')?.get<Record<string, string>>(),
    matchers: c.getOptionalString('matchers'),
    timeoutMs: c.getOptionalNumber('timeoutMs') ?? defaults.timeoutMs,
    cacheTtlMs: defaults.cacheTtlMs,
  });
}

function kubeConfigFor(apiUrl: string, token?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    // client-node refuses plain http unless skipTLSVerify is set
    clusters: [
      {
        name: 'metrics',
        server: apiUrl,
        skipTLSVerify: apiUrl.startsWith('http:'),
      },
    ],
    users: [{ name: 'metrics', ...(token ? { token } : {}) }],
    contexts: [{ name: 'metrics', cluster: 'metrics', user: 'metrics' }],
    currentContext: 'metrics',
  });
  return kc;
}

// one object per cluster: the topology cache reuses a joined graph while the results are the same objects
const noSources = new Map<string, MetricsUnavailable>();
const noSource = (cluster: string): MetricsUnavailable => {
  let r = noSources.get(cluster);
  if (!r)
    noSources.set(
      cluster,
      (r = {
        available: false,
        reason: `No metrics source for cluster '${cluster}': configure aiGateway.metrics.prometheus.url or give the backend a Kubernetes connection for the pod proxy`,
      }),
    );
  return r;
};

/** Called with a cluster's new snapshot before requests see it (see {@link SnapshotFeed}). */
export type SnapshotPrepare = (
  cluster: string,
  window: MetricsWindow,
  result: MetricsResult,
) => Promise<void> | void;

export interface MetricsServiceOptions {
  /** the scrape cadence of the background reads (default 15 s) */
  intervalMs?: number;
  /** a window nobody asked for this long stops being read (default 5 min) */
  idleMs?: number;
}

/**
 * The metrics source of each cluster. Snapshots (the topology's numbers) come from a {@link SnapshotFeed}
 * per cluster, read in the background on the scrape cadence; usage series are read on request (cached per
 * `cacheSeconds` by the source).
 */
export class MetricsService {
  private readonly feeds = new Map<string, SnapshotFeed>();
  private readonly prepares: SnapshotPrepare[] = [];

  constructor(
    private readonly sources: Map<string, MetricsSource>,
    options: MetricsServiceOptions = {},
  ) {
    for (const [cluster, source] of sources) {
      const feed = new SnapshotFeed({
        read: w => source.readSnapshot(w),
        // `cacheSeconds: 0` (no reuse) still reads at most once a second in the background
        intervalMs: Math.max(1_000, options.intervalMs ?? 15_000),
        idleMs: options.idleMs,
      });
      feed.onResult(async (window, result) => {
        for (const prepare of this.prepares)
          await prepare(cluster, window, result);
      });
      this.feeds.set(cluster, feed);
    }
  }

  static fromConfig(
    config: Config,
    clusters: MetricsClusterInput[],
  ): MetricsService {
    const root = config.getOptionalConfig('aiGateway.metrics');
    const timeoutMs = root?.getOptionalNumber('timeoutMs') ?? 10_000;
    const cacheTtlMs = (root?.getOptionalNumber('cacheSeconds') ?? 15) * 1000;
    const sources = new Map<string, MetricsSource>();
    for (const cluster of clusters) {
      const own = root?.getOptionalConfig(`clusters.${cluster.name}`);
      const prometheus =
        readPrometheus(own?.getOptionalConfig('prometheus'), {
          timeoutMs,
          cacheTtlMs,
        }) ??
        readPrometheus(root?.getOptionalConfig('prometheus'), {
          timeoutMs,
          cacheTtlMs,
        });
      if (prometheus) {
        sources.set(cluster.name, prometheus);
        continue;
      }
      const podProxy =
        own?.getOptionalConfig('podProxy') ??
        root?.getOptionalConfig('podProxy');
      if (podProxy?.getOptionalBoolean('enabled') === false) continue;
      const apiUrl = podProxy?.getOptionalString('apiUrl');
      const kubeConfig = apiUrl
        ? kubeConfigFor(apiUrl, podProxy?.getOptionalString('token'))
        : cluster.kubeConfig;
      if (!kubeConfig) continue;
      sources.set(
        cluster.name,
        new PodProxyMetricsSource({
          transport: new KubePodProxyTransport(
            kubeConfig,
            Math.min(timeoutMs, 5_000),
          ),
          labelSelector:
            podProxy?.getOptionalString('labelSelector') ??
            DEFAULT_POD_SELECTOR,
          minScrapeIntervalMs: cacheTtlMs,
        }),
      );
    }
    const idleSeconds = root?.getOptionalNumber('idleSeconds');
    return new MetricsService(sources, {
      intervalMs: cacheTtlMs,
      idleMs: idleSeconds === undefined ? undefined : idleSeconds * 1000,
    });
  }

  source(cluster: string): MetricsSource | undefined {
    return this.sources.get(cluster);
  }

  /** The cluster's last complete snapshot of the window (only a window's first request waits for a read). */
  snapshot(cluster: string, window: MetricsWindow): Promise<MetricsResult> {
    const feed = this.feeds.get(cluster);
    return feed ? feed.get(window) : Promise.resolve(noSource(cluster));
  }

  /** The cluster's published snapshot of the window, if any, without counting as a request. */
  currentSnapshot(
    cluster: string,
    window: MetricsWindow,
  ): MetricsResult | undefined {
    const feed = this.feeds.get(cluster);
    return feed ? feed.peek(window) : noSource(cluster);
  }

  /** Registers work to do with each new snapshot before it is published (the topology's join and body). */
  onSnapshot(prepare: SnapshotPrepare): void {
    this.prepares.push(prepare);
  }

  /** The background reader of a cluster's snapshots (tests and the bench). */
  feed(cluster: string): SnapshotFeed | undefined {
    return this.feeds.get(cluster);
  }

  /** Stops the background reads. */
  close(): void {
    for (const feed of this.feeds.values()) feed.close();
  }

  usage(cluster: string, window: MetricsWindow): Promise<UsageResult> {
    const s = this.sources.get(cluster);
    return s ? s.usage(window) : Promise.resolve(noSource(cluster));
  }
}
