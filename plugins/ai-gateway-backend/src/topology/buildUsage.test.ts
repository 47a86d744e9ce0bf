import { UsageData } from '../metrics/types';
import { buildUsage } from './buildUsage';
import { demoTopologyObjects, entityScope } from './__testUtils__/data';

const pts = (...v: number[]): Array<[number, number]> =>
  v.map((x, i) => [1000 + i * 15, x]);

function usage(): UsageData {
  return {
    available: true,
    source: 'prometheus',
    window: '5m',
    collectedAt: '2026-01-01T00:00:00.000Z',
    stepSeconds: 15,
    requests: [
      {
        metric: { route: 'team-a/chat', backend: 'team-a/openai' },
        values: pts(1, 2, 3),
      },
      {
        metric: { route: 'team-b/httpbin', backend: 'team-b/httpbin' },
        values: pts(10, 10, 10),
      },
      {
        metric: { route: 'team-b/mcp', backend: 'unknown' },
        values: pts(0.5, 0.5, 0.5),
      },
    ],
    errors: [
      {
        metric: { route: 'team-b/httpbin', backend: 'team-b/httpbin' },
        values: pts(1, 0, 2),
      },
    ],
    latencyP95: [
      {
        metric: { route: 'team-a/chat', backend: 'team-a/openai' },
        values: pts(0.5, NaN, 1.5),
      },
    ],
    ttftP95: [
      {
        metric: { route: 'team-a/chat', gen_ai_request_model: 'gpt-4o-mini' },
        values: pts(0.2, 0.3, 0.25),
      },
    ],
    tpotP95: [
      {
        metric: { route: 'team-a/chat', gen_ai_request_model: 'gpt-4o-mini' },
        values: pts(0.02, 0.03, 0.025),
      },
    ],
    tokens: [
      {
        metric: {
          route: 'team-a/chat',
          gen_ai_request_model: 'gpt-4o-mini',
          gen_ai_token_type: 'input',
        },
        values: pts(100, 200, 300),
      },
      {
        metric: {
          route: 'other/route',
          gen_ai_request_model: 'gpt-4o-mini',
          gen_ai_token_type: 'input',
        },
        values: pts(1, 1, 1),
      },
    ],
    cost: [
      {
        metric: { route: 'team-a/chat', gen_ai_request_model: 'gpt-4o-mini' },
        values: pts(0.1, 0.2, 0.3),
      },
    ],
  };
}

describe('buildUsage', () => {
  it('returns every series for the platform, latency in ms and tokens summed per model and type', () => {
    const u = buildUsage({
      objects: demoTopologyObjects(),
      usage: { dev: usage() },
      scope: { type: 'platform' },
      window: '5m',
    });
    expect(u.stepSeconds).toBe(15);
    expect(
      u.series.filter(s => s.metric === 'requests').map(s => s.label),
    ).toEqual([
      'team-b/httpbin → team-b/httpbin',
      'team-a/chat → team-a/openai',
      'team-b/mcp → unknown',
    ]);
    expect(u.series.find(s => s.metric === 'latencyP95')!.points).toEqual([
      [1000, 500],
      [1030, 1500],
    ]);
    expect(u.series.find(s => s.metric === 'ttftP95')).toMatchObject({
      label: 'team-a/chat · gpt-4o-mini',
      model: 'gpt-4o-mini',
      points: pts(200, 300, 250),
    });
    expect(u.series.find(s => s.metric === 'tokens')).toMatchObject({
      label: 'gpt-4o-mini input',
      model: 'gpt-4o-mini',
      tokenType: 'input',
      points: pts(101, 201, 301),
    });
    expect(u.metrics).toEqual([
      {
        cluster: 'dev',
        available: true,
        source: 'prometheus',
        collectedAt: '2026-01-01T00:00:00.000Z',
      },
    ]);
    expect(u.metricsAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it("keeps an entity's own routes only", () => {
    const u = buildUsage({
      objects: demoTopologyObjects(),
      usage: { dev: usage() },
      scope: entityScope('chat-service'),
      window: '5m',
    });
    expect(u.series.map(s => `${s.metric} ${s.label}`)).toEqual([
      'requests team-a/chat → team-a/openai',
      'latencyP95 team-a/chat → team-a/openai',
      'ttftP95 team-a/chat · gpt-4o-mini',
      'tpotP95 team-a/chat · gpt-4o-mini',
      'tokens gpt-4o-mini input',
      'cost gpt-4o-mini',
    ]);
    expect(u.series.find(s => s.metric === 'tokens')!.points).toEqual(
      pts(100, 200, 300),
    );
  });

  it('caps the number of series, summing the rest', () => {
    const many = usage();
    many.requests = Array.from({ length: 15 }, (_, i) => ({
      metric: { route: `r/${i}`, backend: 'b' },
      values: pts(i, i),
    }));
    const u = buildUsage({
      objects: [],
      usage: { dev: many },
      scope: { type: 'platform' },
      window: '5m',
      maxSeries: 3,
    });
    const req = u.series.filter(s => s.metric === 'requests');
    expect(req.map(s => s.label)).toEqual([
      'r/14 → b',
      'r/13 → b',
      'r/12 → b',
      '12 others',
    ]);
    expect(req[3].points).toEqual(pts(66, 66));
  });

  it('reports clusters without usage', () => {
    const u = buildUsage({
      objects: [],
      usage: { dev: { available: false, reason: 'down' } },
      scope: { type: 'platform' },
      window: '1h',
    });
    expect(u).toMatchObject({
      series: [],
      metrics: [{ cluster: 'dev', available: false, reason: 'down' }],
    });
  });
});
