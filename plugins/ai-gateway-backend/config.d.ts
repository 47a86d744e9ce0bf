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
