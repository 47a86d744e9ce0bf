import {
  counterFamily,
  formatFloat,
  histogramFamily,
  inc,
  observe,
  renderOpenMetrics,
} from './series';

describe('OpenMetrics rendering', () => {
  it('renders counters with _total, histograms with _sum/_count/cumulative buckets, and # EOF', () => {
    const c = counterFamily(
      'agentgateway_requests',
      'The total number of HTTP requests sent.',
    );
    inc(
      c,
      [
        ['route', 'a/b'],
        ['status', '200'],
      ],
      2,
    );
    inc(c, [
      ['route', 'a/b'],
      ['status', '200'],
    ]);
    const h = histogramFamily(
      'agentgateway_request_duration_seconds',
      'Duration.',
      [0.1, 1],
      'seconds',
    );
    observe(h, [['route', 'a/"b"']], 0.05);
    observe(h, [['route', 'a/"b"']], 0.5);
    observe(h, [['route', 'a/"b"']], 5);
    const text = renderOpenMetrics([c, h]);
    expect(text.split('\n')).toEqual([
      '# HELP agentgateway_requests The total number of HTTP requests sent.',
      '# TYPE agentgateway_requests counter',
      'agentgateway_requests_total{route="a/b",status="200"} 3',
      '# HELP agentgateway_request_duration_seconds Duration.',
      '# TYPE agentgateway_request_duration_seconds histogram',
      '# UNIT agentgateway_request_duration_seconds seconds',
      'agentgateway_request_duration_seconds_sum{route="a/\\"b\\""} 5.55',
      'agentgateway_request_duration_seconds_count{route="a/\\"b\\""} 3',
      'agentgateway_request_duration_seconds_bucket{route="a/\\"b\\"",le="0.1"} 1',
      'agentgateway_request_duration_seconds_bucket{route="a/\\"b\\"",le="1.0"} 2',
      'agentgateway_request_duration_seconds_bucket{route="a/\\"b\\"",le="+Inf"} 3',
      '# EOF',
      '',
    ]);
  });

  it('filters series, keeping label-less ones', () => {
    const c = counterFamily('x', 'x');
    inc(c, [['gateway', 'ns/a']]);
    inc(c, [['gateway', 'ns/b']]);
    const text = renderOpenMetrics([c], l => l[0][1] === 'ns/b');
    expect(text).toContain('x_total{gateway="ns/b"} 1');
    expect(text).not.toContain('ns/a');
    expect(formatFloat(Infinity)).toBe('+Inf');
  });
});
