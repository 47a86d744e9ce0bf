import { TrafficSimulator } from '@ai-gateway-backstage/traffic-simulator';
import {
  evaluateSnapshot,
  makeCollection,
  quantileBy,
  rates,
  sumBy,
  usageFromHistory,
} from './evaluate';
import { parseExposition } from './exposition';
import { demoObjects } from './__testUtils__/simulator';

const sample = (
  name: string,
  labels: Record<string, string>,
  value: number,
) => ({ name, labels, value, series: JSON.stringify(labels) });

describe('rates from successive scrapes', () => {
  it('divides increases by the interval and treats a decrease as a counter reset', () => {
    const prev = makeCollection(0, [
      {
        pod: 'p',
        samples: [
          sample('m', { a: '1' }, 10),
          sample('m', { a: '2' }, 50),
          sample('m', { a: '3' }, 1),
        ],
      },
    ]);
    const cur = makeCollection(10_000, [
      {
        pod: 'p',
        samples: [
          sample('m', { a: '1' }, 30),
          sample('m', { a: '2' }, 5),
          sample('m', { a: '4' }, 9),
        ],
      },
    ]);
    expect(rates(prev, cur, 'm')).toEqual([
      { metric: { a: '1' }, value: 2 },
      { metric: { a: '2' }, value: 0.5 },
    ]);
    expect(rates(cur, cur, 'm')).toEqual([]);
  });

  it('sums across pods like sum by, and computes quantiles from summed bucket rates', () => {
    const v = [
      { metric: { route: 'r', pod: 'a', le: '0.1' }, value: 1 },
      { metric: { route: 'r', pod: 'b', le: '0.1' }, value: 1 },
      { metric: { route: 'r', pod: 'a', le: '1.0' }, value: 3 },
      { metric: { route: 'r', pod: 'b', le: '1.0' }, value: 1 },
      { metric: { route: 'r', pod: 'a', le: '+Inf' }, value: 4 },
      { metric: { route: 'r', pod: 'b', le: '+Inf' }, value: 4 },
    ];
    expect(sumBy(v, ['route'], 60)).toEqual([
      { metric: { route: 'r' }, value: 840 },
    ]);
    const [p50] = quantileBy(v, 0.5, ['route']);
    expect(p50.metric).toEqual({ route: 'r' });
    expect(p50.value).toBeCloseTo(0.1 + 0.9 * (2 / 2));
  });

  it('evaluates the snapshot queries on two simulator scrapes, matching the counters', () => {
    const sim = new TrafficSimulator(demoObjects(), {
      seed: 11,
      startMs: 0,
      rateScale: 5,
    });
    sim.tick(30);
    const scrape = () =>
      sim
        .gateways()
        .map(g => ({ pod: g, samples: parseExposition(sim.render(g)) }));
    const c1 = makeCollection(30_000, scrape());
    // truth: the counter increase of every series present in both scrapes (new series need two samples)
    const increase = (a: typeof c1, b: typeof c1) =>
      [...b.samples.entries()]
        .filter(
          ([k, s]) =>
            s.name === 'agentgateway_requests_total' && a.samples.has(k),
        )
        .reduce((sum, [k, s]) => sum + s.value - a.samples.get(k)!.value, 0);
    sim.tick(60);
    const c2 = makeCollection(90_000, scrape());
    const r = evaluateSnapshot(c1, c2);
    const rps = r.requests.reduce((a, s) => a + s.value, 0);
    expect(rps).toBeCloseTo(increase(c1, c2) / 60, 6);
    expect(rps).toBeGreaterThan(10);
    expect(
      r.requests.find(s => s.metric.reason === 'RateLimit')!.metric,
    ).toMatchObject({ route: 'team-a/chat', status: '429' });
    const p95 = r.latencyP95.find(s => s.metric.backend === 'team-a/openai')!;
    expect(p95.value).toBeGreaterThan(0.5);
    expect(
      r.latencyP50.find(s => s.metric.backend === 'team-a/openai')!.value,
    ).toBeLessThan(p95.value);
    expect(
      r.tokens.some(
        s =>
          s.metric.gen_ai_request_model === 'gpt-4o-mini' &&
          s.metric.gen_ai_token_type === 'output',
      ),
    ).toBe(true);
    expect(r.cost.every(s => s.value > 0)).toBe(true);
    expect(
      r.mcp
        .filter(s => s.metric.method === 'tools/call')
        .map(s => s.metric.server),
    ).toEqual(expect.arrayContaining(['sse-target', 'http-target']));
    const usage = usageFromHistory([c1, c2]);
    expect(
      usage.requests.every(s => s.values.length === 1 && s.values[0][0] === 90),
    ).toBe(true);
    expect(usage.errors.length).toBeGreaterThan(0);
  });
});
