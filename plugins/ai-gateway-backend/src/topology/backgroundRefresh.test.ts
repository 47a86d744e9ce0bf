import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MetricsResult,
  RESOURCE_KINDS,
  TopologyResponse,
  TrafficMetrics,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceCaches } from '../cache/ResourceCaches';
import { InMemoryCollection } from '../cache/testSource';
import { EntityResolver } from '../entities/EntityResolver';
import { AccessControl } from '../permissions/AccessControl';
import { ReadService } from '../service/ReadService';
import { MetricsService } from '../metrics/config';
import { PrometheusMetricsSource } from '../metrics/PrometheusMetricsSource';
import { demoObjects } from '../metrics/__testUtils__/simulator';
import { TopologyService } from './TopologyService';

/**
 * A server speaking Prometheus' query API whose data changes between reads: `agentgateway_requests_total`
 * of the demo's chat route at `rps` req/s; it can be slow or fail (HTTP 503, as a Prometheus shutting down).
 */
async function changingPrometheus() {
  const state = { rps: 8, delayMs: 0, fail: false, queries: [] as string[] };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      const q = new URLSearchParams(body).get('query') ?? '';
      state.queries.push(q);
      const result = q.startsWith('sum by (gateway, listener, route, backend')
        ? [
            {
              metric: {
                gateway: 'platform/ai-gateway',
                listener: 'http',
                route: 'team-a/chat',
                backend: 'team-a/openai',
                status: '200',
                reason: 'Upstream',
              },
              value: [Date.now() / 1000, String(state.rps)],
            },
          ]
        : [];
      setTimeout(() => {
        res.setHeader('Content-Type', 'application/json');
        if (state.fail) {
          res.statusCode = 503;
          res.end(
            JSON.stringify({
              status: 'error',
              errorType: 'unavailable',
              error: 'shutting down',
            }),
          );
        } else
          res.end(
            JSON.stringify({
              status: 'success',
              data: { resultType: 'vector', result },
            }),
          );
      }, state.delayMs);
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise(r => server.close(r)),
  };
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
async function waitFor<T>(what: string, fn: () => T | undefined, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await sleep(5);
  }
}

const INTERVAL = 400;

async function setup(idleMs = 60_000) {
  const prom = await changingPrometheus();
  const objects = demoObjects();
  const sources = new Map<string, InMemoryCollection>();
  const caches = new ResourceCaches({
    clusters: ['dev'],
    kinds: RESOURCE_KINDS,
    sourceFor: (_cluster, kind) => {
      const s = new InMemoryCollection();
      objects
        .filter(o => o.kind === kind.kind)
        .forEach(o => s.apply('ADDED', o));
      sources.set(kind.kind, s);
      return s;
    },
  });
  caches.start();
  const metrics = new MetricsService(
    new Map([
      ['dev', new PrometheusMetricsSource({ url: prom.url, timeoutMs: 2_000 })],
    ]),
    { intervalMs: INTERVAL, idleMs },
  );
  const access = new AccessControl(
    mockServices.permissions({ result: AuthorizeResult.ALLOW }),
  );
  const reads = new ReadService({
    reader: caches,
    entities: new EntityResolver(
      catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'chat',
              namespace: 'default',
              annotations: { 'backstage.io/kubernetes-id': 'chat-service' },
            },
            spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
          },
        ],
      }),
    ),
    access,
  });
  const service = new TopologyService({
    reader: caches,
    reads,
    access,
    metrics,
  });
  const platform = async (window: '5m' | '1h' = '5m') =>
    JSON.parse(
      (
        await service.platformTopologyBody(window, mockCredentials.user())
      ).json.toString(),
    ) as TopologyResponse;
  const chatRps = (t: TopologyResponse) =>
    (t.nodes.find(n => n.label === 'team-a/chat')?.metrics as TrafficMetrics)
      .rps;
  /** waits until the feed publishes a result other than `than` */
  const nextPublished = (than: MetricsResult | undefined) =>
    waitFor('a new published snapshot', () => {
      const c = metrics.currentSnapshot('dev', '5m');
      return c && c !== than ? c : undefined;
    });
  const stop = async () => {
    metrics.close();
    caches.stop();
    await prom.close();
  };
  const entityBody = () =>
    service.entityTopologyBody(
      'component:default/chat',
      '5m',
      mockCredentials.user(),
    );
  return {
    prom,
    metrics,
    objects,
    sources,
    platform,
    entityBody,
    chatRps,
    nextPublished,
    stop,
  };
}

describe('topology with metrics read in the background', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(() => stop?.());

  it('serves the last complete graph while the next scrape is read and joined, then the new one without joining on the request', async () => {
    const s = await setup();
    stop = s.stop;
    const first = await s.platform(); // the only request that waits for Prometheus
    expect(s.chatRps(first)).toBe(8);
    expect(s.prom.state.queries).toHaveLength(10);
    const published = s.metrics.currentSnapshot('dev', '5m');

    s.prom.state.rps = 20;
    s.prom.state.delayMs = 1_500;
    // the next read has started: a request now gets the previous graph at once
    await waitFor('the next read', () =>
      s.prom.state.queries.length > 10 ? true : undefined,
    );
    const during = await s.platform();
    // answered while the read was still under way: it did not wait for it
    expect(s.metrics.currentSnapshot('dev', '5m')).toBe(published);
    expect(s.chatRps(during)).toBe(8);
    expect(during.metricsAt).toBe(first.metricsAt);

    await s.nextPublished(published);
    s.prom.state.delayMs = 0;
    await sleep(5);
    const requestedAt = Date.now();
    const after = await s.platform();
    expect(s.chatRps(after)).toBe(20);
    expect(Date.parse(after.metricsAt!)).toBeGreaterThan(
      Date.parse(first.metricsAt!),
    );
    // joined and serialized before it was published, not by this request
    expect(Date.parse(after.generatedAt)).toBeLessThan(requestedAt);
    expect(after.metrics).toEqual([
      {
        cluster: 'dev',
        available: true,
        source: 'prometheus',
        collectedAt: after.metricsAt,
      },
    ]);
    // only the very first request waited for Prometheus
    expect(s.metrics.feed('dev')!.waits).toBe(1);
  }, 60_000);

  it('keeps the graph with metrics marked unavailable and the reason while Prometheus fails, and recovers', async () => {
    const s = await setup();
    stop = s.stop;
    const good = await s.platform();
    expect(s.chatRps(good)).toBe(8);
    s.prom.state.fail = true;
    const failed = await s.nextPublished(
      s.metrics.currentSnapshot('dev', '5m'),
    );
    expect(failed.available).toBe(false);
    const t = await s.platform();
    expect(t.nodes.map(n => n.id)).toEqual(good.nodes.map(n => n.id));
    expect(t.metrics).toHaveLength(1);
    expect(t.metrics[0]).toMatchObject({
      cluster: 'dev',
      available: false,
      reason: expect.stringMatching(
        /HTTP 503.*shutting down \(last successful read at \d{4}-\d\d-\d\dT/,
      ),
    });
    expect(t.metricsAt).toBeUndefined();
    const chat = t.nodes.find(n => n.label === 'team-a/chat');
    expect(chat?.metrics).toMatchObject({ available: false });

    s.prom.state.fail = false;
    s.prom.state.rps = 3;
    await s.nextPublished(failed);
    expect(s.chatRps(await s.platform())).toBe(3);
  }, 60_000);

  it('stops reading a window nobody asks for', async () => {
    const s = await setup(3 * INTERVAL);
    stop = s.stop;
    await s.platform('5m');
    const feed = s.metrics.feed('dev')!;
    expect(feed.activeWindows()).toEqual(['5m']);
    // asked for: read again on every interval
    const deadline = Date.now() + 30_000;
    while (feed.reads < 3) {
      if (Date.now() > deadline) throw new Error('no background reads');
      await s.platform('5m');
      await sleep(INTERVAL / 4);
    }
    const whileAsked = feed.reads;
    // no longer asked for: a few more reads at most, then none
    await waitFor(
      'the window to be dropped',
      () => (feed.activeWindows().length === 0 ? true : undefined),
      50 * INTERVAL,
    );
    const stopped = feed.reads;
    expect(stopped - whileAsked).toBeLessThanOrEqual(4);
    await sleep(3 * INTERVAL);
    expect(feed.reads).toBe(stopped);
    expect(s.prom.state.queries.every(q => !q.includes('[1h]'))).toBe(true);
    expect(s.metrics.currentSnapshot('dev', '5m')).toBeUndefined();
  }, 60_000);

  it("keeps an entity's body until a scrape or a watch event that touches it", async () => {
    const s = await setup();
    stop = s.stop;
    const parse = (b: { json: Buffer }) =>
      JSON.parse(b.json.toString()) as TopologyResponse;
    const routes = (t: TopologyResponse) =>
      t.nodes.filter(n => n.type === 'route').map(n => n.label);
    const first = await s.entityBody();
    expect(routes(parse(first))).toEqual(['team-a/chat']);
    expect(await s.entityBody()).toBe(first);

    // a watch event on an object the entity does not show: the same body (the platform shows the change)
    const route = (name: string) =>
      s.objects.find(o => o.kind === 'HTTPRoute' && o.metadata.name === name)!;
    const other = route('httpbin');
    s.sources.get('HTTPRoute')!.apply('MODIFIED', {
      ...other,
      metadata: { ...other.metadata, labels: { changed: 'yes' } },
    });
    await sleep(50);
    expect(
      (await s.platform()).nodes.find(n => n.label === 'team-b/httpbin'),
    ).toBeDefined();
    expect(await s.entityBody()).toBe(first);

    // a watch event on the entity's route: a new body with the change
    // (its second rule, to llm-failover, removed)
    const chat = route('chat');
    const toFailover = (t: TopologyResponse) =>
      t.edges.some(
        e =>
          e.id ===
          `${t.nodes[2].id}->dev:AgentgatewayBackend:team-a:llm-failover`,
      );
    expect(parse(first).nodes[2].id).toBe('dev:HTTPRoute:team-a:chat');
    expect(toFailover(parse(first))).toBe(true);
    s.sources.get('HTTPRoute')!.apply('MODIFIED', {
      ...chat,
      metadata: { ...chat.metadata, resourceVersion: 'changed' },
      spec: {
        ...chat.spec,
        rules: (chat.spec as { rules: unknown[] }).rules.slice(0, 1),
      },
    });
    await sleep(50);
    const touched = await s.entityBody();
    expect(touched).not.toBe(first);
    expect(toFailover(parse(touched))).toBe(false);
    expect(await s.entityBody()).toBe(touched);

    // a new object in the entity's scope (its label): the scope is read again, the route shows
    s.sources.get('HTTPRoute')!.apply('ADDED', {
      ...chat,
      metadata: { ...chat.metadata, name: 'chat-2', uid: 'chat-2-uid' },
    });
    await sleep(50);
    const grown = await s.entityBody();
    expect(routes(parse(grown))).toEqual(['team-a/chat', 'team-a/chat-2']);

    // a scrape: a new body with the new numbers, prepared before it is published
    s.prom.state.rps = 30;
    await s.nextPublished(s.metrics.currentSnapshot('dev', '5m'));
    const scraped = await s.entityBody();
    expect(scraped).not.toBe(grown);
    expect(s.chatRps(parse(scraped))).toBe(30);
    expect(await s.entityBody()).toBe(scraped);
  }, 60_000);
});
