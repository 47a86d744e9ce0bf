import http from 'node:http';
import { AddressInfo } from 'node:net';
import { PrometheusMetricsSource } from './PrometheusMetricsSource';
import { SNAPSHOT_QUERY_IDS, USAGE_QUERY_IDS } from './queries';

/** A minimal HTTP server answering the Prometheus query API with fixed vectors, recording the queries. */
async function fakePrometheus(seriesPerQuery: number, delayMs = 0) {
  const queries: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      const q = new URLSearchParams(body).get('query') ?? '';
      queries.push(q);
      const range = req.url === '/api/v1/query_range';
      const result = Array.from({ length: seriesPerQuery }, (_, i) => ({
        metric: {
          gateway: 'ns/gw',
          route: `ns/r${i}`,
          backend: `ns/b${i % 3}`,
          status: '200',
          reason: 'Upstream',
          listener: 'http',
        },
        ...(range
          ? {
              values: [
                [1000, '1.5'],
                [1015, '2'],
              ],
            }
          : {
              value: [
                1000,
                q.startsWith('histogram_quantile') ? '0.25' : '2.5',
              ],
            }),
      }));
      setTimeout(() => {
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify({
            status: 'success',
            data: { resultType: range ? 'matrix' : 'vector', result },
          }),
        );
      }, delayMs);
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    queries,
    close: () => server.close(),
  };
}

describe('PrometheusMetricsSource', () => {
  it('sends the same fixed number of queries whatever the number of series, and caches per window', async () => {
    for (const size of [1, 500]) {
      const prom = await fakePrometheus(size);
      let now = 1_000_000;
      const source = new PrometheusMetricsSource({
        url: prom.url,
        now: () => now,
        cacheTtlMs: 15_000,
      });
      const snap = await source.snapshot('5m');
      if (!snap.available) throw new Error(snap.reason);
      expect(prom.queries).toHaveLength(SNAPSHOT_QUERY_IDS.length);
      expect(snap.requests).toHaveLength(size);
      expect(snap.latency[0]).toMatchObject({ p50: 0.25, p95: 0.25 });
      await source.snapshot('5m');
      expect(prom.queries).toHaveLength(SNAPSHOT_QUERY_IDS.length);
      await source.snapshot('1h');
      expect(prom.queries).toHaveLength(2 * SNAPSHOT_QUERY_IDS.length);
      now += 16_000;
      await source.snapshot('5m');
      expect(prom.queries).toHaveLength(3 * SNAPSHOT_QUERY_IDS.length);
      const usage = await source.usage('24h');
      expect(prom.queries).toHaveLength(
        3 * SNAPSHOT_QUERY_IDS.length + USAGE_QUERY_IDS.length,
      );
      expect(usage.available && usage.requests[0].values).toEqual([
        [1000, 1.5],
        [1015, 2],
      ]);
      prom.close();
    }
  }, 20_000);

  it('shares one in-flight read between concurrent callers and passes configured headers', async () => {
    const prom = await fakePrometheus(2, 50);
    const source = new PrometheusMetricsSource({
      url: prom.url,
      headers: { Authorization: 'Bearer x' },
    });
    await Promise.all([
      source.snapshot('5m'),
      source.snapshot('5m'),
      source.snapshot('5m'),
    ]);
    expect(prom.queries).toHaveLength(SNAPSHOT_QUERY_IDS.length);
    prom.close();
  });

  it('answers unavailable with the reason on errors and timeouts', async () => {
    const unreachable = new PrometheusMetricsSource({
      url: 'http://127.0.0.1:1',
    });
    const r1 = await unreachable.snapshot('5m');
    expect(r1.available).toBe(false);
    expect(!r1.available && r1.reason).toMatch(/unreachable/);
    const slow = await fakePrometheus(1, 500);
    const timeout = new PrometheusMetricsSource({
      url: slow.url,
      timeoutMs: 100,
    });
    const r2 = await timeout.usage('5m');
    expect(!r2.available && r2.reason).toMatch(/timed out after 100 ms/);
    slow.close();
  });
});
