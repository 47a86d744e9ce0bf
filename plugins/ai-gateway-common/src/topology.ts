import { ClusterState } from './api';
import { SummaryValues } from './registry/types';

/**
 * Live topology and usage: shared API types of the backend's `/topology` and `/usage` endpoints and the
 * normalized metrics snapshot both metrics sources (Prometheus, pod proxy) produce.
 */

/** The only windows the API accepts: the browser never sends PromQL, only one of these. */
export const METRICS_WINDOWS = ['5m', '1h', '24h'] as const;
export type MetricsWindow = (typeof METRICS_WINDOWS)[number];

export function isMetricsWindow(value: unknown): value is MetricsWindow {
  return (
    typeof value === 'string' &&
    (METRICS_WINDOWS as readonly string[]).includes(value)
  );
}

export const METRICS_WINDOW_SECONDS: Record<MetricsWindow, number> = {
  '5m': 300,
  '1h': 3600,
  '24h': 86400,
};

/**
 * agentgateway's `gen_ai_system` label value for each provider key of `AgentgatewayBackend.spec.ai.provider`
 * (`crates/llm/src/*.rs` `const NAME`, see reference/metrics.md).
 */
export const GEN_AI_SYSTEM_BY_PROVIDER: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  bedrock: 'aws.bedrock',
  gemini: 'gcp.gemini',
  vertexai: 'gcp.vertex_ai',
  azureopenai: 'azure',
  azure: 'azure',
  custom: 'custom',
};

/** Requests per second of one (gateway, listener, route, backend, status, reason) combination. */
export interface RequestRate {
  gateway: string;
  listener: string;
  route: string;
  backend: string;
  status: string;
  reason: string;
  rps: number;
}

/** Latency quantiles (seconds) per (gateway, route, backend); null when no request was observed. */
export interface LatencyQuantiles {
  gateway: string;
  route: string;
  backend: string;
  p50: number | null;
  p95: number | null;
}

export interface TokenRate {
  gateway: string;
  route: string;
  /** `gen_ai_system`: openai, anthropic, aws.bedrock... */
  system: string;
  model: string;
  /** input | output | input_cache_read | input_cache_write */
  type: string;
  perMinute: number;
}

export interface CostRate {
  gateway: string;
  route: string;
  system: string;
  model: string;
  usdPerHour: number;
}

/**
 * Streaming latency quantiles (seconds) per (gateway, route, provider, model): time to first token and time
 * per output token (`agentgateway_gen_ai_server_time_to_first_token` / `_time_per_output_token`); null when
 * no streamed response was observed.
 */
export interface StreamingLatency {
  gateway: string;
  route: string;
  system: string;
  model: string;
  ttftP50: number | null;
  ttftP95: number | null;
  tpotP50: number | null;
  tpotP95: number | null;
}

export interface McpCallRate {
  gateway: string;
  route: string;
  /** MCP target name */
  server: string;
  /** tool / prompt / resource name */
  resource: string;
  method: string;
  perMinute: number;
}

/** The normalized result of one metrics read for one cluster and one window. */
export interface MetricsSnapshot {
  available: true;
  source: 'prometheus' | 'pod-proxy';
  window: MetricsWindow;
  /** ISO time the data was read */
  collectedAt: string;
  requests: RequestRate[];
  latency: LatencyQuantiles[];
  tokens: TokenRate[];
  cost: CostRate[];
  mcp: McpCallRate[];
  /** streaming latency of LLM routes (absent from sources that predate it) */
  streaming?: StreamingLatency[];
  /** The window actually covered (pod proxy: the time between the two scrapes used). */
  coveredSeconds?: number;
}

export interface MetricsUnavailable {
  available: false;
  reason: string;
}

export type MetricsResult = MetricsSnapshot | MetricsUnavailable;

export interface ErrorBreakdown {
  status: string;
  reason: string;
  rps: number;
}

/** Numbers shown on a node or an edge. */
export interface TrafficMetrics {
  available: true;
  /** requests per second (absent for LLM / MCP targets and tools, which count tokens and calls) */
  rps?: number;
  /** share of requests with status >= 400, 0..1 */
  errorRate?: number;
  errors?: ErrorBreakdown[];
  p50Ms?: number;
  p95Ms?: number;
  tokensInPerMinute?: number;
  tokensOutPerMinute?: number;
  costUsdPerHour?: number;
  mcpCallsPerMinute?: number;
  /** streaming: time to first token and time per output token (LLM targets) */
  ttftP50Ms?: number;
  ttftP95Ms?: number;
  tpotP50Ms?: number;
  tpotP95Ms?: number;
}

export type NodeMetrics = TrafficMetrics | MetricsUnavailable;

export type TopologyNodeType =
  | 'gateway'
  | 'listener'
  | 'route'
  | 'backend'
  | 'target'
  | 'tool'
  | 'policy';

export type TopologyNodeStatus = 'ok' | 'warning' | 'error' | 'unknown';

export interface TopologyNode {
  id: string;
  type: TopologyNodeType;
  label: string;
  cluster: string;
  /** The Kubernetes object behind the node (targets, tools and listeners name their parent object). */
  ref?: { kind: string; namespace?: string; name: string };
  /** owned by the entity, a shared object it attaches to, or referenced but not visible */
  relation: 'owned' | 'attached' | 'external';
  status: TopologyNodeStatus;
  statusMessage?: string;
  details: SummaryValues;
  metrics: NodeMetrics;
}

export type TopologyEdgeType =
  | 'listener'
  | 'route'
  | 'backend'
  | 'target'
  | 'tool'
  | 'policy';

export interface TopologyEdge {
  id: string;
  source: string;
  target: string;
  type: TopologyEdgeType;
  /** undefined when metrics are unavailable */
  rps?: number;
  errorRate?: number;
  p95Ms?: number;
  /** tokens per minute (backend → LLM target) or calls per minute (MCP) */
  perMinute?: number;
  weight?: number;
}

export interface TopologyResponse {
  window: MetricsWindow;
  generatedAt: string;
  scope: { type: 'platform' } | { type: 'entity'; entityRef: string };
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  /** per cluster: where the numbers came from and when they were read, or why there are none */
  metrics: Array<{
    cluster: string;
    available: boolean;
    source?: string;
    /** ISO time the cluster's numbers were read (they are read in the background once per scrape interval) */
    collectedAt?: string;
    reason?: string;
  }>;
  /** ISO time of the oldest numbers in the graph (absent when no cluster has metrics) */
  metricsAt?: string;
  clusters?: ClusterState[];
}

/** The fixed usage series: requests, errors, p95 latency, tokens and cost. */
export type UsageMetric =
  | 'requests'
  | 'errors'
  | 'latencyP95'
  | 'ttftP95'
  | 'tpotP95'
  | 'tokens'
  | 'cost';

export const USAGE_METRICS: Record<
  UsageMetric,
  { title: string; unit: string }
> = {
  requests: { title: 'Requests', unit: 'req/s' },
  errors: { title: 'Errors', unit: 'req/s' },
  latencyP95: { title: 'Latency p95', unit: 'ms' },
  ttftP95: { title: 'Time to first token p95', unit: 'ms' },
  tpotP95: { title: 'Time per output token p95', unit: 'ms' },
  tokens: { title: 'Tokens', unit: 'tokens/min' },
  cost: { title: 'Cost', unit: 'USD/h' },
};

export interface UsageSeries {
  metric: UsageMetric;
  cluster: string;
  /** what the series is about: `route ns/name`, `backend ns/name`, `model gpt-4o-mini input`... */
  label: string;
  route?: string;
  backend?: string;
  model?: string;
  tokenType?: string;
  /** [unix seconds, value] */
  points: Array<[number, number]>;
}

export interface UsageResponse {
  window: MetricsWindow;
  generatedAt: string;
  /** seconds between points */
  stepSeconds: number;
  series: UsageSeries[];
  metrics: Array<{
    cluster: string;
    available: boolean;
    source?: string;
    reason?: string;
  }>;
}
