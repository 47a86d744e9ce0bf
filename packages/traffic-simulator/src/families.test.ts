import path from 'node:path';
import protobuf from 'protobufjs';
import { TrafficSimulator } from './simulator';
import { loadObjectsFromPath } from './load';
import { nativeSpans } from './protobuf';

// the demo cluster plus label-joins.yaml (Service backend, selector MCP targets, missing backend, TLS, guardrail)
const objects = loadObjectsFromPath(path.resolve(__dirname, '../fixtures'));

/** Every sample name the real proxy exports (reference/metrics.md §3, telemetry/metrics.rs). */
const EXPECTED = [
  'agentgateway_build_info',
  'agentgateway_requests_total',
  'agentgateway_request_duration_seconds_bucket',
  'agentgateway_request_processing_seconds_bucket',
  'agentgateway_response_processing_seconds_bucket',
  'agentgateway_response_bytes_total',
  'agentgateway_retries_total',
  'agentgateway_mcp_requests_total',
  'agentgateway_gen_ai_client_token_usage_sum',
  'agentgateway_gen_ai_client_cost_usd_total',
  'agentgateway_gen_ai_server_request_duration_bucket',
  'agentgateway_gen_ai_server_time_per_output_token_bucket',
  'agentgateway_gen_ai_server_time_to_first_token_bucket',
  'agentgateway_cost_catalog_lookups_total',
  'agentgateway_guardrail_checks_total',
  'agentgateway_downstream_connections_total',
  'agentgateway_downstream_received_bytes_total',
  'agentgateway_downstream_sent_bytes_total',
  'agentgateway_tls_handshake_duration_seconds_bucket',
  'agentgateway_upstream_connect_duration_seconds_bucket',
  'agentgateway_upstream_call_duration_seconds_bucket',
  'agentgateway_xds_message_total',
  'agentgateway_xds_message_bytes_total',
  'agentgateway_config_synchronized',
  'agentgateway_tokio_num_workers',
  'agentgateway_tokio_num_alive_tasks',
  'agentgateway_tokio_global_queue_depth',
  ...['usage', 'working_set', 'anon', 'file', 'kernel', 'sock', 'slab'].map(
    n => `agentgateway_cgroup_${n}`,
  ),
  ...[
    'rss',
    'pss',
    'private_dirty',
    'private_clean',
    'shared_clean',
    'swap',
  ].map(n => `agentgateway_process_${n}`),
];

const lines = (text: string, prefix: string) =>
  text.split('\n').filter(l => l.startsWith(prefix));

describe('a faithful agentgateway exposition', () => {
  const sim = new TrafficSimulator(objects, {
    seed: 4,
    startMs: 0,
    rateScale: 3,
  });
  sim.tick(300);
  const text = sim.render();

  it('exports every family the real proxy exports', () => {
    const names = new Set(
      text
        .split('\n')
        .filter(l => l && !l.startsWith('#'))
        .map(l => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(l)![0]),
    );
    expect(EXPECTED.filter(n => !names.has(n))).toEqual([]);
    expect(text).toContain('# TYPE agentgateway_build info');
  });

  it('uses the real label sets: protocol="http" on denials, cache token types, the custom client label last', () => {
    const denied = lines(text, 'agentgateway_requests_total{').find(l =>
      l.includes('reason="JwtAuth"'),
    )!;
    expect(denied).toContain('backend="unknown",protocol="http"');
    const tokenTypes = new Set(
      lines(text, 'agentgateway_gen_ai_client_token_usage_count{').map(
        l => /gen_ai_token_type="([^"]+)"/.exec(l)![1],
      ),
    );
    expect(tokenTypes).toEqual(
      new Set(['input', 'output', 'input_cache_read', 'input_cache_write']),
    );
    expect(
      lines(text, 'agentgateway_requests_total{').find(l =>
        l.includes('route="team-b/echo"'),
      ),
    ).toMatch(/route_rule="echo",client="(web|mobile|batch)"\} \d+$/);
  });

  it('answers a route whose backend is missing with 500 NoHealthyBackend and backend="unknown"', () => {
    const orphan = lines(text, 'agentgateway_requests_total{').filter(l =>
      l.includes('route="team-a/orphan"'),
    );
    expect(orphan.length).toBeGreaterThan(0);
    orphan.forEach(l =>
      expect(l).toMatch(
        /backend="unknown",protocol="http",method="(GET|POST)",status="500",reason="NoHealthyBackend"/,
      ),
    );
  });

  it('labels Service traffic hostname:port and selector-chosen MCP servers like the controller', () => {
    expect(text).toContain('backend="echo.team-b.svc.cluster.local:8080"');
    for (const server of ['index-docs-mcp', 'tickets', 'index-archive-3003'])
      expect(text).toContain(`server="${server}"`);
  });

  it('renders per pod: process gauges and xDS of that pod only, never the hidden pod label', () => {
    const pod = sim.render('platform/edge');
    expect(lines(pod, 'agentgateway_tokio_num_workers')).toHaveLength(1);
    expect(pod).not.toContain('__pod');
    expect(lines(text, 'agentgateway_tokio_num_workers')).toHaveLength(3);
  });
});

describe('native histograms', () => {
  it('encodes spans and deltas of consecutive bucket indexes', () => {
    expect(
      nativeSpans(
        new Map([
          [-2, 1],
          [-1, 3],
          [2, 2],
        ]),
      ),
    ).toEqual({
      spans: [
        { offset: -2, length: 2 },
        { offset: 2, length: 1 },
      ],
      deltas: [1, 2, -1],
    });
  });

  it('sends native buckets in protobuf and only _sum/_count in text with histogramMode native', () => {
    const sim = new TrafficSimulator(objects, {
      seed: 4,
      startMs: 0,
      histogramMode: 'native',
    });
    sim.tick(60);
    expect(sim.render()).not.toContain(
      'agentgateway_request_duration_seconds_bucket',
    );
    const root = protobuf.parse(
      `
      syntax = "proto2";
      message BucketSpan { optional sint32 offset = 1; optional uint32 length = 2; }
      message Histogram { optional uint64 sample_count = 1; optional sint32 schema = 5;
        optional double zero_threshold = 6; repeated BucketSpan positive_span = 12; repeated sint64 positive_delta = 13; }
      message Metric { optional Histogram histogram = 7; }
      message MetricFamily { optional string name = 1; optional int32 type = 3; repeated Metric metric = 4; }
    `,
      { keepCase: true },
    ).root;
    const MetricFamily = root.lookupType('MetricFamily');
    const reader = protobuf.Reader.create(sim.renderProtobuf());
    const families: Array<{
      name: string;
      metric: Array<{
        histogram?: {
          sample_count: number;
          schema: number;
          positive_delta: number[];
        };
      }>;
    }> = [];
    while (reader.pos < reader.len)
      families.push(
        MetricFamily.toObject(MetricFamily.decodeDelimited(reader), {
          longs: Number,
        }) as (typeof families)[number],
      );
    const duration = families.find(
      f => f.name === 'agentgateway_request_duration_seconds',
    )!;
    const h = duration.metric[0].histogram!;
    expect(h.schema).toBe(3);
    const total = h.positive_delta.reduce(
      (acc, d) => {
        const count = acc.prev + d;
        return { prev: count, sum: acc.sum + count };
      },
      { prev: 0, sum: 0 },
    ).sum;
    expect(total).toBe(h.sample_count);
  });
});
