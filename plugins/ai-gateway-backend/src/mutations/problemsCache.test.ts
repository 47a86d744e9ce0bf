import { ChangeCounter, VersionedCache, observable } from './problemsCache';

/** Kind caches that record their listeners, like KindCache.subscribe. */
function fakeCaches(clusters: string[]) {
  const listeners = new Map<string, Array<() => void>>();
  const caches = new Map<string, { subscribe(l: () => void): () => void }>();
  const names = [...clusters];
  const cacheFor = (cluster: string, kind: string) => {
    const key = `${cluster}/${kind}`;
    let c = caches.get(key);
    if (!c) {
      c = {
        subscribe: (l: () => void) => {
          listeners.set(key, [...(listeners.get(key) ?? []), l]);
          return () => {};
        },
      };
      caches.set(key, c);
    }
    return c;
  };
  return {
    names,
    clusterNames: () => [...names],
    cache: cacheFor,
    change: (cluster: string, kind: string) =>
      (listeners.get(`${cluster}/${kind}`) ?? []).forEach(l => l()),
  };
}

describe('ChangeCounter', () => {
  it('changes on any cache change, and when the cluster set changes', () => {
    const caches = fakeCaches(['a']);
    const counter = new ChangeCounter(caches, ['HTTPRoute', 'Gateway']);
    const v1 = counter.version();
    expect(counter.version()).toBe(v1);
    caches.change('a', 'Gateway');
    const v2 = counter.version();
    expect(v2).not.toBe(v1);
    caches.names.push('b');
    const v3 = counter.version();
    expect(v3).not.toBe(v2);
    caches.change('b', 'HTTPRoute');
    expect(counter.version()).not.toBe(v3);
  });
});

describe('VersionedCache', () => {
  const setup = () => {
    const caches = fakeCaches(['a']);
    let now = 0;
    const cache = new VersionedCache<number>({
      changes: new ChangeCounter(caches, ['HTTPRoute']),
      ttlMs: 5000,
      maxEntries: 2,
      now: () => now,
    });
    let computed = 0;
    const compute = () => ++computed;
    return {
      caches,
      cache,
      compute,
      computed: () => computed,
      advance: (ms: number) => {
        now += ms;
      },
    };
  };

  it('answers from the cache until a watched object changes', async () => {
    const t = setup();
    expect(await t.cache.get('x', t.compute)).toBe(1);
    expect(await t.cache.get('x', t.compute)).toBe(1);
    t.caches.change('a', 'HTTPRoute');
    expect(await t.cache.get('x', t.compute)).toBe(2);
    expect(t.computed()).toBe(2);
  });

  it('computes again after the TTL, per key, and bounds its entries', async () => {
    const t = setup();
    await t.cache.get('x', t.compute);
    t.advance(5000);
    expect(await t.cache.get('x', t.compute)).toBe(2);
    expect(await t.cache.get('y', t.compute)).toBe(3);
    await t.cache.get('z', t.compute); // evicts x (least recently used)
    expect(await t.cache.get('x', t.compute)).toBe(5);
  });

  it('shares one computation between concurrent requests and does not keep a failure', async () => {
    const t = setup();
    let calls = 0;
    let release!: (n: number) => void;
    const slow = () => {
      calls++;
      return new Promise<number>(r => {
        release = r;
      });
    };
    const a = t.cache.get('x', slow);
    const b = t.cache.get('x', slow);
    await Promise.resolve();
    release(7);
    expect(await a).toBe(7);
    expect(await b).toBe(7);
    expect(calls).toBe(1);
    const failing = () => {
      throw new Error('boom');
    };
    await expect(t.cache.get('f', failing)).rejects.toThrow('boom');
    expect(await t.cache.get('f', t.compute)).toBe(1);
  });
});

describe('observable', () => {
  it('recognizes a reader with kind caches', () => {
    const plain = {
      clusterNames: () => [],
      query: () => [],
      get: () => undefined,
      clusterState: () => ({ name: 'a', ok: true }),
      waitUntilSettled: async () => {},
      cacheStates: () => [],
    };
    expect(observable(plain as any)).toBeUndefined();
    const withCaches = { ...plain, cache: () => undefined };
    expect(observable(withCaches as any)).toBe(withCaches);
  });
});
