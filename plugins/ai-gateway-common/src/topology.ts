import type { AiGatewayApiSchemas as Schemas } from './models';
import type { SummaryValues } from './registry/types';

/**
 * Live topology and usage: the backend's `/topology` and `/usage` answers (their models are the REST contract's,
 * generated from the backend's `openapi.yaml` into `./generated/openapi.ts`, descriptions there; these are their
 * names here), and the normalized metrics snapshot both metrics sources (Prometheus, pod proxy) produce inside the
 * backend.
 */

/** The only windows the API accepts: the browser never sends PromQL, only one of these. */
export type MetricsWindow = Schemas['MetricsWindow'];
export const METRICS_WINDOWS = [
  '5m',
  '1h',
  '24h',
] as const satisfies readonly MetricsWindow[];

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
  source: ClusterMetricsAvailable['source'];
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

/** Why there are no numbers (a cluster without metrics, or a node without traffic of its own). */
export type MetricsUnavailable = Schemas['MetricsUnavailable'];

export type MetricsResult = MetricsSnapshot | MetricsUnavailable;

export type ErrorBreakdown = Schemas['ErrorBreakdown'];
/** Numbers shown on a node (absent numbers: the node's kind has none, or nothing was observed). */
export type TrafficMetrics = Schemas['TrafficMetrics'];
export type NodeMetrics = Schemas['NodeMetrics'];
export type TopologyNodeType = Schemas['TopologyNodeType'];
export type TopologyNodeStatus = Schemas['TopologyNodeStatus'];
/**
 * One node (the generated `TopologyNode`). Refined in TypeScript only, as `ResourceItem` is: `details` values may
 * be `undefined` while building (absent on the wire).
 */
export type TopologyNode = Omit<Schemas['TopologyNode'], 'details'> & {
  details: SummaryValues;
};
export type TopologyEdgeType = Schemas['TopologyEdgeType'];
export type TopologyEdge = Schemas['TopologyEdge'];
/** Per cluster: where the numbers came from and when they were read, or why there are none. */
export type ClusterMetrics = Schemas['ClusterMetrics'];
export type ClusterMetricsAvailable = Schemas['ClusterMetricsAvailable'];
export type ClusterMetricsUnavailable = Schemas['ClusterMetricsUnavailable'];
/** `GET .../topology`: nodes and edges with the window's numbers (with {@link TopologyNode}'s refinement). */
export type TopologyResponse = Omit<Schemas['TopologyResponse'], 'nodes'> & {
  nodes: TopologyNode[];
};

/** The fixed usage series: requests, errors, p95 latency, streaming latency, tokens and cost. */
export type UsageMetric = Schemas['UsageMetric'];

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

export type UsageSeries = Schemas['UsageSeries'];
/** `GET .../usage`: the usage series over the window. */
export type UsageResponse = Schemas['UsageResponse'];

/** The clusters of a topology or usage answer whose numbers were read. */
export function clustersWithMetrics(
  metrics: ClusterMetrics[],
): ClusterMetricsAvailable[] {
  return metrics.filter((m): m is ClusterMetricsAvailable => m.available);
}

/** The clusters of a topology or usage answer without numbers, each with the reason. */
export function clustersWithoutMetrics(
  metrics: ClusterMetrics[],
): ClusterMetricsUnavailable[] {
  return metrics.filter((m): m is ClusterMetricsUnavailable => !m.available);
}
