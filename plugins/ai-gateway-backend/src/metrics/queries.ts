import { MetricsWindow } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * The FIXED PromQL of the topology and usage endpoints. Whatever the graph size, a snapshot is
 * `SNAPSHOT_QUERY_IDS.length` instant queries and a usage read `USAGE_QUERY_IDS.length` range queries; the
 * browser only picks a window from the enum. `matchers` is an optional label matcher list from the backend
 * config (e.g. `cluster="prod"`), never from a request.
 */
export const SNAPSHOT_QUERY_IDS = [
  'requests',
  'latencyP50',
  'latencyP95',
  'ttftP50',
  'ttftP95',
  'tpotP50',
  'tpotP95',
  'tokens',
  'cost',
  'mcp',
] as const;
export type SnapshotQueryId = (typeof SNAPSHOT_QUERY_IDS)[number];

export const USAGE_QUERY_IDS = [
  'requests',
  'errors',
  'latencyP95',
  'ttftP95',
  'tpotP95',
  'tokens',
  'cost',
] as const;
export type UsageQueryId = (typeof USAGE_QUERY_IDS)[number];

const STREAMING_GROUPING = [
  'gateway',
  'route',
  'gen_ai_system',
  'gen_ai_request_model',
];

/** Label sets the aggregations keep (also what the pod-proxy evaluator keeps from a scrape). */
export const SNAPSHOT_GROUPING: Record<SnapshotQueryId, string[]> = {
  requests: ['gateway', 'listener', 'route', 'backend', 'status', 'reason'],
  latencyP50: ['gateway', 'route', 'backend'],
  latencyP95: ['gateway', 'route', 'backend'],
  ttftP50: STREAMING_GROUPING,
  ttftP95: STREAMING_GROUPING,
  tpotP50: STREAMING_GROUPING,
  tpotP95: STREAMING_GROUPING,
  tokens: [
    'gateway',
    'route',
    'gen_ai_system',
    'gen_ai_request_model',
    'gen_ai_token_type',
  ],
  cost: ['gateway', 'route', 'gen_ai_system', 'gen_ai_request_model'],
  mcp: ['gateway', 'route', 'server', 'resource', 'method'],
};

export const USAGE_GROUPING: Record<UsageQueryId, string[]> = {
  requests: ['route', 'backend'],
  errors: ['route', 'backend'],
  latencyP95: ['route', 'backend'],
  ttftP95: ['route', 'gen_ai_request_model'],
  tpotP95: ['route', 'gen_ai_request_model'],
  tokens: ['route', 'gen_ai_request_model', 'gen_ai_token_type'],
  cost: ['route', 'gen_ai_request_model'],
};

/** Query range resolution per window: step between points and the rate() range of each point. */
export const USAGE_RESOLUTION: Record<
  MetricsWindow,
  { stepSeconds: number; rateRange: string }
> = {
  '5m': { stepSeconds: 15, rateRange: '1m' },
  '1h': { stepSeconds: 60, rateRange: '5m' },
  '24h': { stepSeconds: 900, rateRange: '30m' },
};

/** The metric each query reads, the factor applied to the per-second rate, and an optional extra matcher. */
export const QUERY_SOURCES = {
  requests: { metric: 'agentgateway_requests_total', factor: 1 },
  errors: {
    metric: 'agentgateway_requests_total',
    factor: 1,
    matcher: 'status=~"[45].."',
  },
  latency: {
    metric: 'agentgateway_request_duration_seconds_bucket',
    factor: 1,
  },
  ttft: {
    metric: 'agentgateway_gen_ai_server_time_to_first_token_bucket',
    factor: 1,
  },
  tpot: {
    metric: 'agentgateway_gen_ai_server_time_per_output_token_bucket',
    factor: 1,
  },
  tokens: { metric: 'agentgateway_gen_ai_client_token_usage_sum', factor: 60 },
  cost: { metric: 'agentgateway_gen_ai_client_cost_usd_total', factor: 3600 },
  mcp: { metric: 'agentgateway_mcp_requests_total', factor: 60 },
} as const;

const SAFE_MATCHERS =
  /^(\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(=|!=|=~|!~)\s*"(?:[^"\\]|\\.)*"\s*)(,\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(=|!=|=~|!~)\s*"(?:[^"\\]|\\.)*"\s*)*$/;

/** Validates the configured matcher list (`a="b",c=~"d.*"`); throws on anything else. */
export function checkMatchers(
  matchers: string | undefined,
): string | undefined {
  if (!matchers || !matchers.trim()) return undefined;
  if (!SAFE_MATCHERS.test(matchers))
    throw new Error(
      `Invalid metrics label matchers '${matchers}': expected name="value" pairs`,
    );
  return matchers.trim();
}

function selector(
  metric: string,
  ...matchers: Array<string | undefined>
): string {
  const m = matchers.filter(Boolean).join(',');
  return m ? `${metric}{${m}}` : metric;
}

function rateSum(
  by: string[],
  metric: string,
  range: string,
  factor: number,
  ...matchers: Array<string | undefined>
): string {
  const expr = `sum by (${by.join(', ')}) (rate(${selector(
    metric,
    ...matchers,
  )}[${range}]))`;
  return factor === 1 ? expr : `${expr} * ${factor}`;
}

/**
 * `histogram_quantile` over classic OR native histograms. Classic: `sum by (le, ...)` of the `_bucket` rates.
 * Native (agentgateway `metrics.histogramMode: Native|Both`, scraped as protobuf with native histograms
 * enabled): the histogram series has the bare family name and no `le`. `or on (...)` adds a native group
 * only where no classic group with the same labels exists, so a Prometheus holding both never answers twice.
 */
function quantile(
  q: number,
  by: string[],
  bucketMetric: string,
  range: string,
  matchers?: string,
): string {
  const g = by.join(', ');
  const native = bucketMetric.replace(/_bucket$/, '');
  return (
    `histogram_quantile(${q}, ` +
    `sum by (le, ${g}) (rate(${selector(bucketMetric, matchers)}[${range}])) ` +
    `or on (${g}) sum by (${g}) (rate(${selector(
      native,
      matchers,
    )}[${range}])))`
  );
}

export function snapshotQueries(
  window: MetricsWindow,
  matchers?: string,
): Record<SnapshotQueryId, string> {
  const g = SNAPSHOT_GROUPING;
  const s = QUERY_SOURCES;
  return {
    requests: rateSum(g.requests, s.requests.metric, window, 1, matchers),
    latencyP50: quantile(0.5, g.latencyP50, s.latency.metric, window, matchers),
    latencyP95: quantile(
      0.95,
      g.latencyP95,
      s.latency.metric,
      window,
      matchers,
    ),
    ttftP50: quantile(0.5, g.ttftP50, s.ttft.metric, window, matchers),
    ttftP95: quantile(0.95, g.ttftP95, s.ttft.metric, window, matchers),
    tpotP50: quantile(0.5, g.tpotP50, s.tpot.metric, window, matchers),
    tpotP95: quantile(0.95, g.tpotP95, s.tpot.metric, window, matchers),
    tokens: rateSum(
      g.tokens,
      s.tokens.metric,
      window,
      s.tokens.factor,
      matchers,
    ),
    cost: rateSum(g.cost, s.cost.metric, window, s.cost.factor, matchers),
    mcp: rateSum(g.mcp, s.mcp.metric, window, s.mcp.factor, matchers),
  };
}

export function usageQueries(
  window: MetricsWindow,
  matchers?: string,
): Record<UsageQueryId, string> {
  const g = USAGE_GROUPING;
  const s = QUERY_SOURCES;
  const r = USAGE_RESOLUTION[window].rateRange;
  return {
    requests: rateSum(g.requests, s.requests.metric, r, 1, matchers),
    errors: rateSum(
      g.errors,
      s.errors.metric,
      r,
      1,
      s.errors.matcher,
      matchers,
    ),
    latencyP95: quantile(0.95, g.latencyP95, s.latency.metric, r, matchers),
    ttftP95: quantile(0.95, g.ttftP95, s.ttft.metric, r, matchers),
    tpotP95: quantile(0.95, g.tpotP95, s.tpot.metric, r, matchers),
    tokens: rateSum(g.tokens, s.tokens.metric, r, s.tokens.factor, matchers),
    cost: rateSum(g.cost, s.cost.metric, r, s.cost.factor, matchers),
  };
}
