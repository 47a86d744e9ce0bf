import { Config } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';
import {
  MetricsResult,
  MetricsWindow,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { PrometheusMetricsSource } from './PrometheusMetricsSource';
import {
  DEFAULT_POD_SELECTOR,
  PodProxyMetricsSource,
} from './PodProxyMetricsSource';
import { KubePodProxyTransport } from './podProxyTransport';
import { MetricsSource, UsageResult } from './types';

/**
 * Reads `aiGateway.metrics` and builds one metrics source per cluster:
 * `aiGateway.metrics.clusters.<name>.prometheus` → `aiGateway.metrics.prometheus` → pod proxy through the
 * cluster's Kubernetes API (unless `podProxy.enabled: false`) → none.
 *
 * ```yaml
 * aiGateway:
 *   metrics:
 *     cacheSeconds: 15          # results reused per (cluster, window)
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

const noSource = (cluster: string) => ({
  available: false as const,
  reason: `No metrics source for cluster '${cluster}': configure aiGateway.metrics.prometheus.url or give the backend a Kubernetes connection for the pod proxy`,
});

export class MetricsService {
  constructor(private readonly sources: Map<string, MetricsSource>) {}

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
    return new MetricsService(sources);
  }

  source(cluster: string): MetricsSource | undefined {
    return this.sources.get(cluster);
  }

  snapshot(cluster: string, window: MetricsWindow): Promise<MetricsResult> {
    const s = this.sources.get(cluster);
    return s ? s.snapshot(window) : Promise.resolve(noSource(cluster));
  }

  usage(cluster: string, window: MetricsWindow): Promise<UsageResult> {
    const s = this.sources.get(cluster);
    return s ? s.usage(window) : Promise.resolve(noSource(cluster));
  }
}
