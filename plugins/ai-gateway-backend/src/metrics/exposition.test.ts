import fs from 'node:fs';
import path from 'node:path';
import { parseExposition } from './exposition';

/** Real proxy output (see fixtures/README.md): info, HELP/TYPE without samples, UNIT, unknown types, EOF. */
const real = fs.readFileSync(
  path.join(__dirname, 'fixtures/agentgateway-real.prom'),
  'utf8',
);

const text = `# HELP agentgateway_requests The total number of HTTP requests sent.
# TYPE agentgateway_requests counter
agentgateway_requests_total{backend="ns/openai",protocol="llm",method="POST",status="200",reason="Upstream",bind="80/ns/gw",gateway="ns/gw",listener="http",route="ns/openai",route_rule="unknown"} 5
agentgateway_requests_total{backend="unknown",protocol="unknown",method="POST",status="401",reason="JwtAuth",bind="80/ns/gw",gateway="ns/gw",listener="http",route="ns/mcp",route_rule="unknown"} 1
# HELP agentgateway_request_duration_seconds Duration of HTTP requests (seconds).
# TYPE agentgateway_request_duration_seconds histogram
# UNIT agentgateway_request_duration_seconds seconds
agentgateway_request_duration_seconds_sum{backend="ns/openai",status="200",gateway="ns/gw",route="ns/openai"} 4.1
agentgateway_request_duration_seconds_count{backend="ns/openai",status="200",gateway="ns/gw",route="ns/openai"} 5
agentgateway_request_duration_seconds_bucket{backend="ns/openai",status="200",gateway="ns/gw",route="ns/openai",le="0.5"} 1
agentgateway_request_duration_seconds_bucket{backend="ns/openai",status="200",gateway="ns/gw",route="ns/openai",le="1.0"} 4
agentgateway_request_duration_seconds_bucket{backend="ns/openai",status="200",gateway="ns/gw",route="ns/openai",le="+Inf"} 5
agentgateway_request_duration_seconds_bucket{backend="ns/other",status="200",gateway="ns/gw",route="ns/other",le="0.5"} 0
agentgateway_request_duration_seconds_bucket{backend="ns/other",status="200",gateway="ns/gw",route="ns/other",le="+Inf"} 2
# HELP agentgateway_xds_message Total number of messages received (unstable).
# TYPE agentgateway_xds_message counter
agentgateway_xds_message_total{url="type.googleapis.com/istio.workload.Address"} 9
# EOF
`;

describe('parseExposition', () => {
  const samples = parseExposition(text);

  it('keeps every labelled histogram bucket (with le) and counter sample the queries read', () => {
    expect(
      samples.filter(s => s.name === 'agentgateway_requests_total'),
    ).toHaveLength(2);
    const buckets = samples.filter(
      s => s.name === 'agentgateway_request_duration_seconds_bucket',
    );
    expect(
      buckets.map(b => `${b.labels.route} ${b.labels.le} ${b.value}`),
    ).toEqual([
      'ns/openai 0.5 1',
      'ns/openai 1.0 4',
      'ns/openai +Inf 5',
      'ns/other 0.5 0',
      'ns/other +Inf 2',
    ]);
  });

  it('drops metrics and labels no query uses', () => {
    expect(samples.some(s => s.name.startsWith('agentgateway_xds'))).toBe(
      false,
    );
    expect(
      samples.some(s => s.name.endsWith('_sum') || s.name.endsWith('_count')),
    ).toBe(false);
    const denied = samples.find(s => s.labels.reason === 'JwtAuth')!;
    expect(denied.labels).toEqual({
      backend: 'unknown',
      method: 'POST',
      status: '401',
      reason: 'JwtAuth',
      gateway: 'ns/gw',
      listener: 'http',
      route: 'ns/mcp',
    });
    expect(denied.value).toBe(1);
  });

  it('accepts the real proxy exposition: # TYPE info, unknown types, HELP/TYPE without samples, # UNIT, # EOF', () => {
    const parsed = parseExposition(real);
    expect(new Set(parsed.map(p => p.name))).toEqual(
      new Set([
        'agentgateway_requests_total',
        'agentgateway_mcp_requests_total',
      ]),
    );
    expect(parsed).toHaveLength(7);
  });

  it('reads the same from text/plain (no # EOF, CRLF) and from OpenMetrics', () => {
    const plain = real
      .split('\n')
      .filter(l => l !== '# EOF')
      .join('\r\n');
    expect(parseExposition(plain)).toEqual(parseExposition(real));
  });

  it('keeps series that differ only in labels no query keeps apart (custom client label)', () => {
    const echo = parseExposition(real).filter(
      s => s.labels.route === 'team-b/echo' && s.labels.method === 'GET',
    );
    expect(echo.map(s => s.value)).toEqual([1, 2]);
    expect(echo[0].labels).toEqual(echo[1].labels);
    expect(echo[0].series).not.toBe(echo[1].series);
    expect(echo[0].series).toContain('client=web');
  });

  it('ignores exemplars and timestamps after the value', () => {
    const [s] = parseExposition(
      'agentgateway_requests_total{route="a/b",status="200"} 3 1700000000\n' +
        'agentgateway_request_duration_seconds_bucket{le="0.5",route="a/b"} 2 # {trace_id="abc"} 0.3 1700000000.1\n',
    );
    expect(s).toMatchObject({
      labels: { route: 'a/b', status: '200' },
      value: 3,
    });
    expect(
      parseExposition(
        'agentgateway_request_duration_seconds_bucket{le="0.5",route="a/b"} 2 # {trace_id="abc"} 0.3\n',
      )[0].value,
    ).toBe(2);
  });
});
