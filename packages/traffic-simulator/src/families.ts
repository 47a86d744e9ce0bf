import {
  CounterFamily,
  GaugeFamily,
  HistogramFamily,
  REQUEST_DURATION_BOUNDS,
  TOKEN_BOUNDS,
  GEN_AI_DURATION_BOUNDS,
  counterFamily,
  gaugeFamily,
  histogramFamily,
} from './series';

/**
 * Every metric family agentgateway's proxy registers, with its exposed name, help, unit and buckets
 * (`crates/agentgateway/src/telemetry/metrics.rs` `Metrics::new` and the bucket constants, `crates/xds/src/metrics.rs`,
 * `crates/core/src/tokio_metrics.rs`, the pprof-alloc cgroup / smaps collectors of `app.rs`), in registration
 * order. Help texts end with the `.` the text encoder appends.
 */
export const PROCESSING_BOUNDS = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25,
];
export const CONNECT_BOUNDS = [
  0.0005, 0.0015, 0.0043, 0.0126, 0.0368, 0.108, 0.316, 0.924, 2.71, 8,
];
export const OUTPUT_TOKEN_BOUNDS = [
  0.001, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5,
];
export const FIRST_TOKEN_BOUNDS = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5,
  7.5, 10,
];

export const CGROUP_GAUGES = [
  'usage',
  'working_set',
  'anon',
  'file',
  'kernel',
  'sock',
  'slab',
];
export const PROCESS_GAUGES = [
  'rss',
  'pss',
  'private_dirty',
  'private_clean',
  'shared_clean',
  'swap',
];

export interface Families {
  build: GaugeFamily;
  tokens: HistogramFamily;
  cost: CounterFamily;
  genAiDuration: HistogramFamily;
  timePerOutputToken: HistogramFamily;
  timeToFirstToken: HistogramFamily;
  requests: CounterFamily;
  guardrails: CounterFamily;
  costLookups: CounterFamily;
  connections: CounterFamily;
  mcp: CounterFamily;
  responseBytes: CounterFamily;
  duration: HistogramFamily;
  requestProcessing: HistogramFamily;
  responseProcessing: HistogramFamily;
  received: CounterFamily;
  sent: CounterFamily;
  upstreamConnect: HistogramFamily;
  upstreamCall: HistogramFamily;
  tlsHandshake: HistogramFamily;
  retries: CounterFamily;
  xdsTerminations: CounterFamily;
  xdsMessages: CounterFamily;
  xdsBytes: CounterFamily;
  synced: GaugeFamily;
  tokio: Record<string, GaugeFamily>;
  cgroup: Record<string, GaugeFamily>;
  process: Record<string, GaugeFamily>;
}

const gauges = (prefix: string, names: string[], help: string) =>
  Object.fromEntries(
    names.map(n => [
      n,
      gaugeFamily(`${prefix}_${n}`, `${help} ${n.replace(/_/g, ' ')}.`),
    ]),
  );

export function createFamilies(): Families {
  const a = 'agentgateway';
  return {
    build: gaugeFamily(`${a}_build`, 'Agentgateway build information.', 'info'),
    tokens: histogramFamily(
      `${a}_gen_ai_client_token_usage`,
      'Number of tokens used per request.',
      TOKEN_BOUNDS,
    ),
    cost: counterFamily(
      `${a}_gen_ai_client_cost_usd`,
      'Cumulative USD cost of generative AI requests.',
      'usd',
    ),
    genAiDuration: histogramFamily(
      `${a}_gen_ai_server_request_duration`,
      'Duration of generative AI request.',
      GEN_AI_DURATION_BOUNDS,
    ),
    timePerOutputToken: histogramFamily(
      `${a}_gen_ai_server_time_per_output_token`,
      'Time to generate each output token for a given request.',
      OUTPUT_TOKEN_BOUNDS,
    ),
    timeToFirstToken: histogramFamily(
      `${a}_gen_ai_server_time_to_first_token`,
      'Time to generate the first token for a given request.',
      FIRST_TOKEN_BOUNDS,
    ),
    requests: counterFamily(
      `${a}_requests`,
      'The total number of HTTP requests sent.',
    ),
    guardrails: counterFamily(
      `${a}_guardrail_checks`,
      'Total number of guardrail checks.',
    ),
    costLookups: counterFamily(
      `${a}_cost_catalog_lookups`,
      'Total number of model cost catalog lookups by resolution status.',
    ),
    connections: counterFamily(
      `${a}_downstream_connections`,
      'The total number of downstream connections established.',
    ),
    mcp: counterFamily(`${a}_mcp_requests`, 'Total number of MCP tool calls.'),
    responseBytes: counterFamily(
      `${a}_response_bytes`,
      'Total HTTP response bytes received.',
      'bytes',
    ),
    duration: histogramFamily(
      `${a}_request_duration_seconds`,
      'Duration of HTTP requests (seconds).',
      REQUEST_DURATION_BOUNDS,
      'seconds',
    ),
    requestProcessing: histogramFamily(
      `${a}_request_processing_seconds`,
      'Duration from receiving an HTTP request to sending the primary outbound call (seconds).',
      PROCESSING_BOUNDS,
      'seconds',
    ),
    responseProcessing: histogramFamily(
      `${a}_response_processing_seconds`,
      'Duration from receiving the primary outbound response to sending the HTTP response (seconds).',
      PROCESSING_BOUNDS,
      'seconds',
    ),
    received: counterFamily(
      `${a}_downstream_received_bytes`,
      'Total TCP bytes received per connection labels.',
      'bytes',
    ),
    sent: counterFamily(
      `${a}_downstream_sent_bytes`,
      'Total TCP bytes transmitted per connection labels.',
      'bytes',
    ),
    upstreamConnect: histogramFamily(
      `${a}_upstream_connect_duration_seconds`,
      'Duration to establish upstream connection (seconds).',
      CONNECT_BOUNDS,
      'seconds',
    ),
    upstreamCall: histogramFamily(
      `${a}_upstream_call_duration_seconds`,
      'Duration of outbound calls made by agentgateway (seconds).',
      REQUEST_DURATION_BOUNDS,
      'seconds',
    ),
    tlsHandshake: histogramFamily(
      `${a}_tls_handshake_duration_seconds`,
      'Duration to complete inbound TLS/HTTPS handshake (seconds).',
      CONNECT_BOUNDS,
      'seconds',
    ),
    retries: counterFamily(
      `${a}_retries`,
      'The total number of request retries.',
    ),
    xdsTerminations: counterFamily(
      `${a}_xds_connection_terminations`,
      'The total number of completed connections to xds server (unstable).',
    ),
    xdsMessages: counterFamily(
      `${a}_xds_message`,
      'Total number of messages received (unstable).',
    ),
    xdsBytes: counterFamily(
      `${a}_xds_message_bytes`,
      'Total number of bytes received (unstable).',
      'bytes',
    ),
    synced: gaugeFamily(
      `${a}_config_synchronized`,
      'Whether the last configuration load/reload was successful or not, being synchronized with the on-disk configuration.',
    ),
    tokio: {
      num_workers: gaugeFamily(
        `${a}_tokio_num_workers`,
        'number of worker threads used by the runtime.',
      ),
      num_alive_tasks: gaugeFamily(
        `${a}_tokio_num_alive_tasks`,
        'number of alive tasks in the runtime.',
      ),
      global_queue_depth: gaugeFamily(
        `${a}_tokio_global_queue_depth`,
        'number of tasks currently scheduled in the runtime global queue.',
      ),
    },
    cgroup: gauges(`${a}_cgroup`, CGROUP_GAUGES, 'cgroup memory'),
    process: gauges(`${a}_process`, PROCESS_GAUGES, 'process memory'),
  };
}

/** The families in the order the proxy renders them. */
export function familyList(f: Families) {
  return [
    f.build,
    f.tokens,
    f.cost,
    f.genAiDuration,
    f.timePerOutputToken,
    f.timeToFirstToken,
    f.requests,
    f.guardrails,
    f.costLookups,
    f.connections,
    f.mcp,
    f.responseBytes,
    f.duration,
    f.requestProcessing,
    f.responseProcessing,
    f.received,
    f.sent,
    f.upstreamConnect,
    f.upstreamCall,
    f.tlsHandshake,
    f.retries,
    f.xdsTerminations,
    f.xdsMessages,
    f.xdsBytes,
    f.synced,
    ...Object.values(f.tokio),
    ...Object.values(f.cgroup),
    ...Object.values(f.process),
  ];
}
