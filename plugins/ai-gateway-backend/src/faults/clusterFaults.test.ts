/*
 * Faults between the backend and the cluster (issue 11 item 6), injected by a proxy in front of kube-local
 * (__testUtils__/faultProxy): one cluster "flaky" through the proxy, one "direct" (the same kube-local).
 */
import request from 'supertest';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import { writeEntities, writeSeed } from '../__testUtils__/writeSeed';
import { eventually, startPluginBackend } from '../__testUtils__/testBackend';
import { FaultProxy, startFaultProxy } from '../__testUtils__/faultProxy';

jest.setTimeout(300_000);

const SUPPORT = '/api/ai-gateway/entity/component/default/support-bot';
const AGW = 'agentgateway.dev/v1alpha1';
const backendsPath = '/agentgatewaybackends';

describe('cluster faults through a fault-injecting proxy', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  let proxy: FaultProxy;
  let app: Awaited<ReturnType<typeof startPluginBackend>>;
  const api = () => request(app.server);
  const states = async () => {
    const res = await api().get(`${SUPPORT}/tabs/backends`);
    expect(res.status).toBe(200);
    return Object.fromEntries(
      res.body.clusters.map((c: { name: string }) => [c.name, c]),
    );
  };
  const secretExists = async (name: string) =>
    (
      await fetch(
        `${kube.url}/api/v1/namespaces/team-support/secrets/${name}`,
        {
          headers: { Authorization: `Bearer ${kube.adminToken}` },
        },
      )
    ).status === 200;

  beforeAll(async () => {
    kube = await startKubeLocal({ port: 0, seed: writeSeed });
    proxy = await startFaultProxy(kube.url);
    await proxy.down(); // the flaky cluster is down when the backend starts
    app = await startPluginBackend({
      clusters: [
        { name: 'flaky', url: proxy.url, token: kube.adminToken },
        { name: 'direct', url: kube.url, token: kube.adminToken },
      ],
      entities: writeEntities,
      aiGateway: { writeCluster: 'flaky' },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await proxy?.close();
    await kube?.close();
  });

  it('down at start: Unreachable, the other cluster answers, recovery without a restart', async () => {
    await eventually(async () => {
      const s = await states();
      expect(s.direct.ok).toBe(true);
      expect(s.flaky).toMatchObject({
        ok: false,
        error: { reason: 'Unreachable' },
      });
    }, 60_000);
    await proxy.up();
    await eventually(
      async () => expect((await states()).flaky.ok).toBe(true),
      60_000,
    );
  });

  it('down mid-watch: the tab says the data is stale and since when, then resyncs', async () => {
    await proxy.down();
    await eventually(async () => {
      const { flaky } = await states();
      expect(flaky).toMatchObject({
        ok: false,
        error: { reason: 'Unreachable' },
      });
      expect(Date.parse(flaky.staleSince)).toBeLessThanOrEqual(Date.now());
    }, 60_000);
    await proxy.up();
    await eventually(async () => {
      const { flaky } = await states();
      expect(flaky.ok).toBe(true);
      expect(flaky.staleSince).toBeUndefined();
    }, 60_000);
  });

  it('410 storm: one relist per expired watch', async () => {
    const isList = (r: { method: string; url: string; watch: boolean }) =>
      r.method === 'GET' && !r.watch && r.url.includes(backendsPath);
    const isBackendWatch = (r: { url: string; watch: boolean }) =>
      r.watch && r.url.includes(backendsPath);
    // after the resync above the cache reports ok once its LIST is in, possibly before its watch is open: cut only
    // an open watch (cutting nothing left the old watch running and no new watch request ever came)
    await eventually(
      async () => expect(proxy.countOpenWatches(isBackendWatch)).toBe(1),
      60_000,
    );
    const before = proxy.requests.length;
    proxy.answer({
      match: isBackendWatch,
      status: 410,
      reason: 'Expired',
      times: 5,
    });
    proxy.cutWatches();
    await eventually(async () => {
      expect(proxy.count(isBackendWatch, before)).toBeGreaterThanOrEqual(6);
      expect((await states()).flaky.ok).toBe(true);
    }, 60_000);
    const expired = proxy.requests
      .slice(before)
      .filter(r => isBackendWatch(r) && r.outcome === 410).length;
    expect(expired).toBe(5);
    // one LIST per 410 (the cut watch itself re-opens from its resourceVersion, or re-lists once after a failure)
    const lists = proxy.count(isList, before);
    expect(lists).toBeGreaterThanOrEqual(expired);
    expect(lists).toBeLessThanOrEqual(expired + 1);
  });

  it('slow cluster: reads answer from the cache quickly, requests to the cluster do not pile up', async () => {
    proxy.maxInFlight = 0;
    proxy.delay(3000);
    proxy.cutWatches();
    const started = Date.now();
    const reads = await Promise.all(
      Array.from({ length: 40 }, () => api().get(`${SUPPORT}/tabs/backends`)),
    );
    expect(reads.every(r => r.status === 200)).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    // reads never go to the cluster: only the caches' own LIST / WATCH (one per kind) are in flight
    expect(proxy.maxInFlight).toBeLessThan(40);
    proxy.clear();
  });

  it.each([429, 500])(
    '%i on the object write: a clear error, nothing half-written (the backend + Secret pair)',
    async status => {
      const name = `pair-${status}`;
      proxy.answer({
        match: r =>
          r.method === 'POST' &&
          r.url.includes(backendsPath) &&
          !r.url.includes('dryRun'),
        status,
        reason: status === 429 ? 'TooManyRequests' : 'InternalError',
        ...(status === 429 && {
          body: JSON.stringify({
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            code: 429,
            reason: 'TooManyRequests',
            message: 'injected 429: too many requests, please try again later',
            details: { retryAfterSeconds: 7 },
          }),
        }),
      });
      const res = await api()
        .post(`${SUPPORT}/resources`)
        .send({
          object: {
            apiVersion: AGW,
            kind: 'AgentgatewayBackend',
            metadata: { name },
            spec: { ai: { provider: { openai: { model: 'gpt-4o-mini' } } } },
          },
          secrets: [
            { name: `${name}-key`, stringData: { Authorization: 'v' } },
          ],
        });
      proxy.clear();
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(/injected/);
      // throttling says when to come back; a failing cluster does not
      expect(res.headers['retry-after']).toBe(status === 429 ? '7' : undefined);
      expect(res.text).not.toMatch(/at .*\.ts:\d+/);
      expect(await secretExists(`${name}-key`)).toBe(false);
      const object = await fetch(
        `${kube.url}/apis/${AGW}/namespaces/team-support${backendsPath}/${name}`,
        { headers: { Authorization: `Bearer ${kube.adminToken}` } },
      );
      expect(object.status).toBe(404);
    },
  );
});
