import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { cachesWith } from '../mcp/__testUtils__/caches';
import {
  createProbeTable,
  PROBE_TABLE,
  probeBackend,
  ProbeAnswer,
  ProbeDiscovery,
  probeKind,
  ProbeResult,
  startProbeServer,
} from './__testUtils__/probe';
import { DatabaseResultStore } from './DatabaseResultStore';
import { BackendKey } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

type Answer = ProbeAnswer;

describe('RemoteDiscoveryService', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map(c => c()));
  });

  async function setup(
    names: string[],
    answer: (name: string) => Answer,
    options: { timeoutMs?: number; concurrency?: number } = {},
  ) {
    const server = await startProbeServer(answer);
    closers.push(server.close);
    const knex = await databases.init('SQLITE_3');
    await createProbeTable(knex);
    const { caches, collections } = await cachesWith(names.map(probeBackend));
    const make = () =>
      new ProbeDiscovery({
        reader: caches,
        store: new DatabaseResultStore(knex, PROBE_TABLE),
        config: { concurrency: options.concurrency ?? 2 },
        logger: mockServices.logger.mock(),
        kind: probeKind(() => server.url, options.timeoutMs ?? 5_000),
      });
    const svc = make();
    const events: Array<[string, ProbeResult | undefined]> = [];
    svc.onChange((k, r) => events.push([k.backend, r]));
    return { svc, make, events, collections, server };
  }
  it('keeps the last known payload on failure and records when and why; persisted for replicas', async () => {
    let answer: Answer = { status: 200, items: ['a', 'b'] };
    const { svc, make, server } = await setup(['one'], () => answer);
    const ok = await svc.refreshBackend('local', probeBackend('one'));
    expect(ok).toEqual({
      status: 'ok',
      items: ['a', 'b'],
      source: `${server.url}/one`,
      discoveredAt: expect.any(String),
    });

    answer = { status: 503 };
    const failed = await svc.refreshBackend('local', probeBackend('one'));
    expect(failed).toMatchObject({
      status: 'failed',
      items: ['a', 'b'],
      source: `${server.url}/one`,
      discoveredAt: ok.discoveredAt,
      error: { message: `${server.url}/one answered HTTP 503` },
    });
    expect(Date.parse(failed.error!.at)).toBeGreaterThanOrEqual(
      Date.parse(ok.discoveredAt!),
    );
    expect(svc.get('one')).toBe(failed);

    const replica = make();
    await replica.syncFromStore();
    expect(replica.get('one')).toEqual(failed);
  });

  it('shows the kind’s empty payload with the error when a backend never answered', async () => {
    const { svc } = await setup(['one'], () => ({ status: 404 }));
    await svc.refreshAll();
    expect(svc.get('one')).toEqual({
      status: 'failed',
      items: [],
      error: {
        at: expect.any(String),
        message: expect.stringContaining('404'),
      },
    });
  });

  it('cuts a hanging backend at its deadline and keeps what it said before', async () => {
    let answer: Answer = { status: 200, items: ['x'] };
    const { svc } = await setup(['slow', 'fast'], () => answer, {
      timeoutMs: 400,
    });
    await svc.refreshAll();
    answer = 'hang';
    const started = process.hrtime.bigint();
    await svc.refreshAll();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(ms).toBeGreaterThanOrEqual(390);
    expect(ms).toBeLessThan(3_000);
    for (const name of ['slow', 'fast']) {
      expect(svc.get(name)).toMatchObject({
        status: 'failed',
        items: ['x'],
        error: { message: 'no complete answer within 0.4 s' },
      });
    }
  });

  it('asks at most `concurrency` backends at once', async () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const { svc, server } = await setup(
      names,
      () => ({ status: 200, delayMs: 100 }),
      { concurrency: 2 },
    );
    await svc.refreshAll();
    expect(server.seen.mostAtOnce).toBe(2);
    expect(names.map(n => svc.get(n)?.status)).toEqual(names.map(() => 'ok'));
  });

  it('tells listeners of changed results only: not when a load says the same again', async () => {
    const items = ['a'];
    const { svc, make, events, collections } = await setup(['one'], () => ({
      status: 200,
      items,
    }));
    await svc.refreshAll();
    expect(events.map(([b, r]) => [b, r?.status])).toEqual([['one', 'ok']]);

    // the replica sync reloads the row this service wrote: same result, no event
    await svc.syncFromStore();
    await svc.syncFromStore();
    expect(events).toHaveLength(1);

    // another replica hears of it once
    const replica = make();
    const heard: BackendKey[] = [];
    replica.onChange(k => heard.push(k));
    await replica.syncFromStore();
    await replica.syncFromStore();
    expect(heard.map(k => k.backend)).toEqual(['one']);

    // a new discovery is a new result (discoveredAt), a deleted backend a removal
    await new Promise(r => setTimeout(r, 5));
    items.push('b');
    await svc.refreshAll();
    expect(events.map(([, r]) => r?.items)).toEqual([['a'], ['a', 'b']]);
    collections
      .get('AgentgatewayBackend')!
      .apply('DELETED', probeBackend('one'));
    await new Promise(r => setTimeout(r, 50));
    await svc.refreshAll();
    expect(events[2]).toEqual(['one', undefined]);
    expect(svc.get('one')).toBeUndefined();
  });
});
