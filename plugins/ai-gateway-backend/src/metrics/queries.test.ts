import { METRICS_WINDOWS } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  SNAPSHOT_QUERY_IDS,
  USAGE_QUERY_IDS,
  checkMatchers,
  snapshotQueries,
  usageQueries,
} from './queries';

describe('fixed PromQL', () => {
  it('has a constant number of queries per window', () => {
    for (const w of METRICS_WINDOWS) {
      expect(Object.keys(snapshotQueries(w))).toEqual([...SNAPSHOT_QUERY_IDS]);
      expect(Object.keys(usageQueries(w))).toEqual([...USAGE_QUERY_IDS]);
    }
  });

  it('aggregates like the agentgateway dashboard, over the window', () => {
    const q = snapshotQueries('1h');
    expect(q.requests).toBe(
      'sum by (gateway, listener, route, backend, status, reason) (rate(agentgateway_requests_total[1h]))',
    );
    // classic buckets, or native histograms where no classic buckets exist for the same labels
    expect(q.latencyP95).toBe(
      'histogram_quantile(0.95, sum by (le, gateway, route, backend) (rate(agentgateway_request_duration_seconds_bucket[1h])) or on (gateway, route, backend) sum by (gateway, route, backend) (rate(agentgateway_request_duration_seconds[1h])))',
    );
    expect(q.ttftP95).toBe(
      'histogram_quantile(0.95, sum by (le, gateway, route, gen_ai_system, gen_ai_request_model) (rate(agentgateway_gen_ai_server_time_to_first_token_bucket[1h])) or on (gateway, route, gen_ai_system, gen_ai_request_model) sum by (gateway, route, gen_ai_system, gen_ai_request_model) (rate(agentgateway_gen_ai_server_time_to_first_token[1h])))',
    );
    expect(q.tokens).toBe(
      'sum by (gateway, route, gen_ai_system, gen_ai_request_model, gen_ai_token_type) (rate(agentgateway_gen_ai_client_token_usage_sum[1h])) * 60',
    );
    expect(usageQueries('24h').errors).toBe(
      'sum by (route, backend) (rate(agentgateway_requests_total{status=~"[45].."}[30m]))',
    );
  });

  it('adds configured matchers and rejects anything that is not a matcher list', () => {
    expect(snapshotQueries('5m', 'cluster="prod"').requests).toContain(
      'agentgateway_requests_total{cluster="prod"}[5m]',
    );
    expect(usageQueries('5m', 'cluster="prod"').errors).toContain(
      '{status=~"[45]..",cluster="prod"}',
    );
    expect(checkMatchers(' cluster="prod", region=~"eu-.*" ')).toBe(
      'cluster="prod", region=~"eu-.*"',
    );
    expect(checkMatchers('')).toBeUndefined();
    expect(() => checkMatchers('cluster="a"}) or vector(1) #')).toThrow(
      /Invalid/,
    );
  });
});
