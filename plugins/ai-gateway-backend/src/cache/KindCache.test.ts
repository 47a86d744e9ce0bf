import {
  getKind,
  KubeObject,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ApiException } from '@kubernetes/client-node';
import { KindCache } from './KindCache';
import { InMemoryCollection } from './testSource';

const route = (
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { namespace, name, labels },
  spec: {},
});

const tick = () => new Promise(r => setTimeout(r, 0));
async function until(check: () => boolean, ms = 2000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 5));
  }
}

function newCache(source: InMemoryCollection) {
  return new KindCache({
    cluster: 'c1',
    kind: getKind('HTTPRoute'),
    source,
    initialBackoffMs: 10,
    maxBackoffMs: 40,
  });
}

describe('KindCache', () => {
  let cache: KindCache | undefined;
  afterEach(() => cache?.stop());

  it('LISTs once, then follows the WATCH (add, modify, delete, bookmark) without listing again', async () => {
    const source = new InMemoryCollection();
    source.apply('ADDED', route('a', 'r1', { app: 'x' }));
    cache = newCache(source);
    cache.start();
    await cache.waitUntilSettled(1000);
    expect(cache.state()).toEqual({
      cluster: 'c1',
      kind: 'HTTPRoute',
      synced: true,
      lists: 1,
    });
    await until(() => source.openWatches === 1);
    expect(source.watchCalls).toEqual(['1']);

    source.apply('ADDED', route('a', 'r2', { app: 'x' }));
    source.apply('MODIFIED', route('a', 'r1', { app: 'y' }));
    expect(cache.index.withLabel('app', 'x').map(o => o.metadata.name)).toEqual(
      ['r2'],
    );
    source.apply('DELETED', route('a', 'r2'));
    expect(cache.index.all().map(o => o.metadata.name)).toEqual(['r1']);

    // a normal close re-opens the watch from the last resourceVersion seen (bookmarks included)
    source.bookmark();
    source.closeWatches();
    await until(() => source.openWatches === 1);
    expect(source.watchCalls).toEqual(['1', '4']);
    expect(source.listCalls).toBe(1);
  });

  it('re-LISTs when the watch answers 410 Expired and picks up what it missed', async () => {
    const source = new InMemoryCollection(2);
    source.apply('ADDED', route('a', 'r1'));
    cache = newCache(source);
    const changes: string[] = [];
    cache.subscribe(c => changes.push(c.type));
    cache.start();
    await until(() => source.openWatches === 1);

    // the watch drops; meanwhile more happens than the server keeps in history
    source.closeWatches(
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    );
    source.apply('ADDED', route('a', 'r2'));
    source.apply('ADDED', route('a', 'r3'));
    source.apply('DELETED', route('a', 'r1'));
    source.compact();
    // the error is visible while the cache retries
    expect(cache.state().error?.reason).toBe('Unreachable');
    await until(() => source.listCalls >= 2 && source.openWatches === 1);
    expect(
      cache.index
        .all()
        .map(o => o.metadata.name)
        .sort(),
    ).toEqual(['r2', 'r3']);
    expect(cache.state().error).toBeUndefined();

    // now an explicit 410: the watch resumes from a resourceVersion the server no longer keeps
    source.partition();
    source.apply('ADDED', route('a', 'r4'));
    source.apply('ADDED', route('a', 'r5'));
    source.apply('ADDED', route('a', 'r6'));
    const lists = source.listCalls;
    const watches = source.watchCalls.length;
    source.heal();
    await until(
      () => source.listCalls === lists + 1 && source.openWatches === 1,
    );
    expect(
      cache.index
        .all()
        .map(o => o.metadata.name)
        .sort(),
    ).toEqual(['r2', 'r3', 'r4', 'r5', 'r6']);
    // the resumed watch (from the old resourceVersion) got 410, then a LIST, then a watch from the new one
    expect(source.watchCalls.slice(watches)).toEqual(['4', '7']);
    expect(cache.state().error).toBeUndefined();
    expect(changes.filter(c => c === 'relist').length).toBe(source.listCalls);
  });

  it('records a LIST failure (403 → Forbidden), retries with backoff and recovers', async () => {
    const source = new InMemoryCollection();
    source.apply('ADDED', route('a', 'r1'));
    source.listError = new ApiException(
      403,
      'Forbidden',
      { message: 'httproutes is forbidden' },
      {},
    );
    cache = newCache(source);
    cache.start();
    await cache.waitUntilSettled(1000);
    expect(cache.state()).toMatchObject({
      synced: false,
      error: {
        reason: 'Forbidden',
        status: 403,
        message: 'httproutes is forbidden',
      },
    });
    await until(() => source.listCalls >= 3);
    source.listError = undefined;
    await until(() => cache!.state().synced);
    expect(cache.state().error).toBeUndefined();
    expect(cache.index.size).toBe(1);
  });

  it('backs off between failed LISTs up to the cap', async () => {
    const source = new InMemoryCollection();
    source.listError = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });
    cache = newCache(source);
    const started = Date.now();
    cache.start();
    await until(() => source.listCalls >= 5, 3000);
    // 10, 20, 40, 40 ms (±20%) between the five calls
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    expect(cache.state().error?.reason).toBe('Unreachable');
  });

  it('stops watching and retrying on stop()', async () => {
    const source = new InMemoryCollection();
    cache = newCache(source);
    cache.start();
    await until(() => source.openWatches === 1);
    cache.stop();
    expect(source.openWatches).toBe(0);
    source.closeWatches(new Error('late'));
    await tick();
    expect(source.listCalls).toBe(1);
  });
});
