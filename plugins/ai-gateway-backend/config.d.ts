/*
 * Configuration read by the AI Gateway backend plugin.
 *
 * Clusters come from the STANDARD Backstage `kubernetes.clusterLocatorMethods` configuration (the same block
 * Backstage's own Kubernetes plugin reads; its schema is declared by `@backstage/plugin-kubernetes-backend`, a
 * dependency of this plugin, and not repeated here). Every locator type (`config`, `catalog`, `gke`,
 * `localKubectlProxy`) and auth provider of Backstage's Kubernetes plugin works.
 */
export interface Config {
  aiGateway?: {
    /**
     * Names of the clusters (from `kubernetes.clusterLocatorMethods`) this plugin manages.
     * Default: every cluster the locators find.
     */
    clusters?: string[];
    /** How often `catalog` / `gke` cluster locators are asked again, in seconds (default 300). */
    clusterRefreshSeconds?: number;
    /**
     * The request auth the plugin presents for clusters whose auth provider takes a token from the request
     * (`google`, `aks`, `oidc`): Backstage's Kubernetes plugin gets it from the signed-in user, but the caches are
     * shared by all users and run as the plugin, so a robot identity's token is configured here.
     */
    clusterRequestAuth?: {
      /** @visibility secret */
      google?: string;
      /** @visibility secret */
      aks?: string;
      /**
       * Tokens per OIDC provider named by a cluster's `oidcTokenProvider`.
       * @visibility secret
       */
      oidc?: { [provider: string]: string };
    };
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
      /** The scrape interval: topology numbers are read in the background once per interval; usage results are reused this long; also the pod-proxy scrape interval (default 15). */
      cacheSeconds?: number;
      /** A window nobody asked for this long stops being read in the background (default 300). */
      idleSeconds?: number;
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
    /**
     * Client-facing base URLs of Gateways (catalog discovery, the Connect snippets, MCP discovery). Without an
     * entry: the listener hostname (HTTPS before HTTP) or the Gateway's status address, with the listener port.
     */
    gateways?: Array<{
      /** `<namespace>/<name>` of the Gateway */
      gateway: string;
      /** only for this cluster (default: every cluster) */
      cluster?: string;
      /** e.g. `https://ai.example.com` (optional when the entry only partitions the Gateway) */
      url?: string;
      /**
       * The shared Gateway's URL space, partitioned by the platform (added to the assignments of the Gateway's
       * `ai-gateway.backstage.io/partitions` annotation): whose routes may claim which hostnames and path prefixes.
       * Once a Gateway has assignments, an HTTPRoute attaching to it outside its writer's assignment is refused
       * (422 at the field); platform admins are not limited. See the README, "Sharing a gateway".
       */
      partitions?: Array<{
        /** an entity ref (`component:default/search-agent`) or the group / user owning the entities (`group:default/team-search`) */
        owner?: string;
        /** or: every route in this Kubernetes namespace (exactly one of owner / namespace) */
        namespace?: string;
        /** only on this listener (routes must name it as `sectionName`) */
        listener?: string;
        /** exact hostnames or `*.suffix` wildcards the routes may claim (default: any) */
        hostnames?: string[];
        /** path prefixes every match must stay under, path-element-wise (default: any) */
        pathPrefixes?: string[];
        /** accept RegularExpression path matches (default false: they cannot be proved inside the prefixes) */
        allowRegularExpressions?: boolean;
      }>;
    }>;
    /** Catalog-driven discovery (`GET /discovery/snapshot`, read by the catalog module). */
    catalog?: {
      /** Emit API / Resource entities (default true). */
      enabled?: boolean;
      /** Owner of entities whose route no single catalog entity selects (default `group:default/unowned`). */
      defaultOwner?: string;
      /** Owner of the Gateway Resource entities (default: the owner of the entity selecting the Gateway). */
      platformOwner?: string;
      /** Debounce of snapshot rebuilds after cache changes, in milliseconds (default 1000). */
      debounceMs?: number;
      /** At most this many MCP tools are carried in an API entity (default 2000; the rest: `truncated`). */
      maxToolsPerEntity?: number;
    };
    /**
     * MCP discovery (src/mcp): every MCP AgentgatewayBackend is asked for its tools, prompts and resources with the
     * MCP SDK client, through the Gateway URL (`aiGateway.gateways`) when configured, else each target.
     */
    mcp?: {
      /** Run discovery (default true). */
      enabled?: boolean;
      /** How often every MCP backend is discovered again, in seconds (default 300; one replica at a time). */
      frequencySeconds?: number;
      /** One server's whole discovery (connect, initialize, every list page) is cut after this (default 15). */
      timeoutSeconds?: number;
      /** Largest answer (one HTTP response; an SSE stream counts as one) in bytes (default 8388608). */
      maxResponseBytes?: number;
      /** At most this many tools, prompts or resources per server (default 20000); more is a discovery error. */
      maxItems?: number;
      /** How many servers are discovered at once (default 4). */
      concurrency?: number;
      /**
       * Where Backstage reaches an MCP backend or one of its targets, instead of the in-cluster address (development,
       * e.g. the demo MCP server). Without `target` the URL serves the whole backend with names as the gateway
       * exposes them; with `target` (a data-plane target name, e.g. `<service>-<port name>` for selector targets) it
       * replaces or adds that target.
       */
      endpoints?: Array<{
        /** `<namespace>/<AgentgatewayBackend name>` */
        backend: string;
        /** only in this cluster (default: any) */
        cluster?: string;
        target?: string;
        url: string;
        /** `streamable-http`, `sse` or `auto` (default: Streamable HTTP, falling back to SSE) */
        transport?: string;
        /**
         * Request headers, e.g. a bearer token of a development server.
         * @visibility secret
         */
        headers?: { [name: string]: string };
      }>;
      /** The MCP registry for AI clients at `/api/ai-gateway/mcp-registry/v0.1/servers` (and `/v0/...`). */
      registry?: {
        /** Serve it (default true). */
        enabled?: boolean;
        /** Reverse-DNS namespace of the server names, `<namespace>/<API entity name>` (default `io.backstage.ai-gateway`). */
        namespace?: string;
      };
    };
    /**
     * A2A discovery (src/a2a): the agent card of every A2A backend (`/.well-known/agent-card.json`, falling back to
     * `/.well-known/agent.json`), through the gateway URL (`aiGateway.gateways`) when configured, else the backend's
     * `spec.a2a` host and port; stored, refreshed on a schedule; a failed fetch keeps the last known card.
     */
    a2a?: {
      /** Run discovery (default true). */
      enabled?: boolean;
      /** How often every agent card is fetched again, in seconds (default: `aiGateway.mcp.frequencySeconds`, else 300). */
      frequencySeconds?: number;
      /** One agent's fetch (both well-known paths) is cut after this (default 10). */
      timeoutSeconds?: number;
      /** Largest answer in bytes (default 1048576). */
      maxResponseBytes?: number;
      /** At most this many skills per card (default 500); more is a discovery error. */
      maxSkills?: number;
      /** How many agents are fetched at once (default 4). */
      concurrency?: number;
      /** Where Backstage reaches an A2A backend's agent instead of its in-cluster address (development, the demo). */
      endpoints?: Array<{
        /** `<namespace>/<AgentgatewayBackend name>` */
        backend: string;
        /** only in this cluster (default: any) */
        cluster?: string;
        /** the agent's base URL (the card is read below it) */
        url: string;
        /**
         * Request headers, e.g. a bearer token of a development agent.
         * @visibility secret
         */
        headers?: { [name: string]: string };
      }>;
    };
    /**
     * Self-service access (src/access): consumers request keys for LLM / MCP APIs, the API's owners approve, the
     * backend writes the grant's Secret entry (sha256 hash only) and authorization policy in the API owner's namespace.
     */
    access?: {
      /** Serve the access routes, actions and lifecycle task (default true). */
      enabled?: boolean;
      /** Expiry of a grant when the request names none, in days (default 90). */
      defaultExpiryDays?: number;
      /** Latest expiry a request may ask for, in days from now (default 365); later is a 400. */
      maxExpiryDays?: number;
      /** After a rotation, how long the previous key keeps working, in hours (default 24). */
      rotationGraceHours?: number;
      /** Whether an API owner may approve a request they made themselves (default false: 403). */
      allowSelfApproval?: boolean;
      /** Kubernetes namespaces whose APIs are approved without an owner's decision (default none). */
      autoApproveNamespaces?: string[];
      /** How often the lifecycle task runs (expiry, rotated keys, APIs gone, drift), in seconds (default 300; one replica per run). */
      lifecycleFrequencySeconds?: number;
    };
    readCache?: {
      /**
       * How long an entity lookup and its read-permission decision are reused per (user, entity), in seconds
       * (default 5; 0 turns it off). Trade-off: a catalog or policy change reaches reads up to this much later.
       */
      entityTtlSeconds?: number;
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
