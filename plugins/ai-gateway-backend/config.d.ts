/*
 * Configuration read by the AI Gateway backend plugin.
 *
 * Clusters come from the STANDARD Backstage `kubernetes.clusterLocatorMethods` configuration (the same block
 * Backstage's own Kubernetes plugin reads), so one configuration serves both plugins. Only locator methods of
 * `type: config` with `authProvider: serviceAccount` are used by this plugin.
 */
export interface Config {
  kubernetes?: {
    clusterLocatorMethods?: Array<{
      /** `config` is the only locator method this plugin reads; others are ignored. */
      type: string;
      clusters?: Array<{
        /** Unique cluster name; shown in the UI and used in responses. */
        name: string;
        /** API server URL, e.g. `https://10.0.0.1:6443` (plain `http://` works for local servers). */
        url: string;
        /** This plugin supports `serviceAccount` (a bearer token). */
        authProvider?: string;
        /**
         * Bearer token of the service account the plugin uses.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /**
         * PEM (base64) of the cluster CA.
         * @visibility secret
         */
        caData?: string;
        /** Path to a PEM file of the cluster CA. */
        caFile?: string;
        /** Do not verify the server certificate (development only). */
        skipTLSVerify?: boolean;
        /** Display name in the UI. */
        title?: string;
      }>;
    }>;
  };

  aiGateway?: {
    /**
     * Names of the clusters (from `kubernetes.clusterLocatorMethods`) this plugin manages.
     * Default: all `config` clusters with a service-account token or none required.
     */
    clusters?: string[];
    /**
     * The cluster new objects are written to when more than one is managed. Without it: the only cluster, else
     * the one cluster where the entity already has objects, else writes are refused (400). Never the browser's choice.
     */
    writeCluster?: string;
    permissions?: {
      /**
       * Let service principals (backends calling without a user) create, change and delete objects. Backstage's
       * permissions service allows service principals without asking the policy, so this is off by default.
       */
      allowServiceWrites?: boolean;
    };
    ownership?: {
      /** How often the index of annotated catalog entities (for ambiguous-ownership checks) is reloaded (default 60). */
      refreshSeconds?: number;
    };
    /** Live topology and usage (docs/metrics.md): where the data plane's metrics are read. */
    metrics?: {
      /** Results are reused per (cluster, window) this long; also the pod-proxy scrape interval (default 15). */
      cacheSeconds?: number;
      /** Timeout of one Prometheus query, in milliseconds (default 10000). */
      timeoutMs?: number;
      prometheus?: AiGatewayPrometheusConfig;
      podProxy?: AiGatewayPodProxyConfig;
      /** Per cluster (by name): overrides of `prometheus` / `podProxy`. */
      clusters?: {
        [cluster: string]: {
          prometheus?: AiGatewayPrometheusConfig;
          podProxy?: AiGatewayPodProxyConfig;
        };
      };
    };
    cache?: {
      /** First delay after a failed LIST / WATCH before retrying, in milliseconds (default 1000). */
      initialBackoffMs?: number;
      /** Upper bound of the retry delay, in milliseconds (default 30000). */
      maxBackoffMs?: number;
      /** Server-side watch timeout, in seconds, after which the watch is re-opened (default 300). */
      watchTimeoutSeconds?: number;
    };
  };
}

/** A Prometheus that scrapes the agentgateway proxies (`:15020/metrics`). */
interface AiGatewayPrometheusConfig {
  /** Base URL, e.g. `http://prometheus.monitoring:9090`. */
  url: string;
  /**
   * Extra request headers (e.g. `Authorization: Bearer ...`).
   * @visibility secret
   */
  headers?: { [name: string]: string };
  /** Label matchers added to every selector, e.g. `cluster="prod"` (`name="value"` pairs only). */
  matchers?: string;
  /** Timeout of one query in milliseconds. */
  timeoutMs?: number;
}

/** Scraping the proxies through the Kubernetes API pod proxy when no Prometheus is configured. */
interface AiGatewayPodProxyConfig {
  /** Default true (when no Prometheus is configured). */
  enabled?: boolean;
  /** Which pods are proxies (default `gateway.networking.k8s.io/gateway-name`). */
  labelSelector?: string;
  /** Reach the pods through this API URL instead of the cluster's (e.g. the demo's traffic simulator). */
  apiUrl?: string;
  /**
   * Bearer token for `apiUrl`.
   * @visibility secret
   */
  token?: string;
}
