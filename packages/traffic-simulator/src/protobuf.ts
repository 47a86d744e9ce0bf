import protobuf from 'protobufjs';
import {
  Family,
  HistogramSeries,
  Labels,
  NATIVE_SCHEMA,
  NATIVE_ZERO_THRESHOLD,
  isHidden,
} from './series';

/**
 * The Prometheus protobuf exposition (`io.prometheus.client.MetricFamily`, length-delimited), which agentgateway
 * serves when the `Accept` header prefers `application/vnd.google.protobuf`
 * (`crates/agentgateway/src/management/metrics_server.rs`, `prometheus_client::encoding::prometheus_protobuf`).
 * It is the only format that carries native histograms; Prometheus asks for it when native histograms are
 * enabled (`--enable-feature=native-histograms`) or `scrape_protocols` lists `PrometheusProto`.
 */
export const PROTOBUF_CONTENT_TYPE =
  'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;version=1.0.0';

// The subset of prometheus/client_model io/prometheus/client/metrics.proto the proxy fills in.
const PROTO = `
syntax = "proto2";
package io.prometheus.client;
message LabelPair { optional string name = 1; optional string value = 2; }
enum MetricType { COUNTER = 0; GAUGE = 1; SUMMARY = 2; UNTYPED = 3; HISTOGRAM = 4; GAUGE_HISTOGRAM = 5; }
message Gauge { optional double value = 1; }
message Counter { optional double value = 1; }
message Bucket { optional uint64 cumulative_count = 1; optional double upper_bound = 2; }
message BucketSpan { optional sint32 offset = 1; optional uint32 length = 2; }
message Histogram {
  optional uint64 sample_count = 1;
  optional double sample_sum = 2;
  repeated Bucket bucket = 3;
  optional sint32 schema = 5;
  optional double zero_threshold = 6;
  optional uint64 zero_count = 7;
  repeated BucketSpan positive_span = 12;
  repeated sint64 positive_delta = 13;
}
message Metric {
  repeated LabelPair label = 1;
  optional Gauge gauge = 2;
  optional Counter counter = 3;
  optional Histogram histogram = 7;
}
message MetricFamily {
  optional string name = 1;
  optional string help = 2;
  optional MetricType type = 3;
  repeated Metric metric = 4;
}
`;

const MetricFamily = protobuf
  .parse(PROTO, { keepCase: true })
  .root.lookupType('io.prometheus.client.MetricFamily');

export type HistogramMode = 'classic' | 'native' | 'both';

interface BucketSpan {
  offset: number;
  length: number;
}

/** Native buckets as spans of consecutive indexes plus count deltas, as Prometheus expects them. */
export function nativeSpans(native: Map<number, number>): {
  spans: BucketSpan[];
  deltas: number[];
} {
  const indexes = [...native.keys()].sort((a, b) => a - b);
  const spans: BucketSpan[] = [];
  const deltas: number[] = [];
  let previousIndex = 0;
  let previousCount = 0;
  indexes.forEach((index, i) => {
    const gap = i === 0 ? index : index - previousIndex - 1;
    if (i === 0 || gap > 0) spans.push({ offset: gap, length: 1 });
    else spans[spans.length - 1].length += 1;
    const count = native.get(index) ?? 0;
    deltas.push(count - previousCount);
    previousCount = count;
    previousIndex = index;
  });
  return { spans, deltas };
}

function histogram(f: Family, s: HistogramSeries, mode: HistogramMode) {
  const bounds = f.type === 'histogram' ? f.bounds : [];
  let cumulative = 0;
  const classic =
    mode === 'native'
      ? []
      : bounds.map((upper_bound, i) => {
          cumulative += s.buckets[i];
          return { cumulative_count: cumulative, upper_bound };
        });
  if (mode === 'classic')
    return { sample_count: s.count, sample_sum: s.sum, bucket: classic };
  const { spans, deltas } = nativeSpans(s.native);
  return {
    sample_count: s.count,
    sample_sum: s.sum,
    bucket: classic,
    schema: NATIVE_SCHEMA,
    zero_threshold: NATIVE_ZERO_THRESHOLD,
    zero_count: s.zeroCount,
    positive_span: spans,
    positive_delta: deltas,
  };
}

const labelPairs = (labels: Labels) =>
  labels.filter(l => !isHidden(l)).map(([name, value]) => ({ name, value }));

/** Encodes the families (series passing `include`) as length-delimited MetricFamily messages. */
export function renderProtobuf(
  families: Family[],
  include: (labels: Labels) => boolean,
  mode: HistogramMode,
): Buffer {
  const chunks: Uint8Array[] = [];
  for (const f of families) {
    let message: Record<string, unknown>;
    if (f.type === 'histogram') {
      message = {
        name: f.name,
        help: f.help,
        type: 4,
        metric: [...f.series.values()]
          .filter(s => include(s.labels))
          .map(s => ({
            label: labelPairs(s.labels),
            histogram: histogram(f, s, mode),
          })),
      };
    } else {
      const counter = f.type === 'counter';
      message = {
        name: `${f.name}${
          { counter: '_total', info: '_info', gauge: '' }[f.type]
        }`,
        help: f.help,
        type: counter ? 0 : 1,
        metric: [...f.series.values()]
          .filter(s => include(s.labels))
          .map(s => ({
            label: labelPairs(s.labels),
            ...(counter
              ? { counter: { value: s.value } }
              : { gauge: { value: s.value } }),
          })),
      };
    }
    if (!(message.metric as unknown[]).length) continue;
    chunks.push(
      MetricFamily.encodeDelimited(MetricFamily.fromObject(message)).finish(),
    );
  }
  return Buffer.concat(chunks);
}
