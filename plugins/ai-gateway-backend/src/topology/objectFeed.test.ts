import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { CacheChange } from '../cache/KindCache';
import { ChangeAnnouncer, TopologyObjects, TopologyReader } from './objectFeed';

const route = (name: string, rv = '1'): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace: 'team', resourceVersion: rv },
  spec: {},
});

/** A reader over per-cluster route lists; with `announce`, its caches announce changes. */
function reader(announce: boolean) {
  const lists = new Map<string, KubeObject[]>([['a', [route('r1')]]]);
  const listeners = new Set<(c: CacheChange) => void>();
  const announcer: ChangeAnnouncer = {
    subscribe: l => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  let queries = 0;
  const r: TopologyReader = {
    clusterNames: () => [...lists.keys()],
    query: (cluster, kind) => {
      queries++;
      return kind === 'HTTPRoute' ? [...(lists.get(cluster) ?? [])] : [];
    },
    get: () => undefined,
    clusterState: name => ({ name, ok: true }),
    waitUntilSettled: async () => undefined,
    cacheStates: () => [],
    ...(announce ? { cache: () => announcer } : {}),
  };
  return {
    r,
    lists,
    queries: () => queries,
    emit: (c: CacheChange) => listeners.forEach(l => l(c)),
  };
}

describe('TopologyObjects', () => {
  it('applies announced changes without reading lists again, and versions them', () => {
    const x = reader(true);
    const feed = new TopologyObjects(x.r, ['HTTPRoute']);
    const v1 = feed.sync();
    expect([...feed.facts.keys()]).toEqual(['a|HTTPRoute|team|r1']);
    expect(feed.clusters).toEqual(['a']);
    const read = x.queries();
    expect(feed.sync()).toBe(v1);
    const r2 = route('r2');
    x.lists.set('a', [route('r1'), r2]);
    x.emit({ type: 'upsert', object: r2 });
    const v2 = feed.sync();
    expect(v2).toBe(v1 + 1);
    expect(x.queries()).toBe(read);
    expect(feed.changesSince(v1)).toEqual(new Set(['a|HTTPRoute|team|r2']));
    expect(feed.changesSince(v2)).toEqual(new Set());
    x.emit({ type: 'delete', object: r2 });
    feed.sync();
    expect([...feed.facts.keys()]).toEqual(['a|HTTPRoute|team|r1']);
    expect(feed.changesSince(v1)).toEqual(new Set(['a|HTTPRoute|team|r2']));
    // a relist: the list is read whole and compared
    x.lists.set('a', [route('r3')]);
    x.emit({ type: 'relist' });
    feed.sync();
    expect([...feed.facts.keys()]).toEqual(['a|HTTPRoute|team|r3']);
    expect(x.queries()).toBe(read + 1);
  });

  it('without announcements compares each list by object identity; a cluster that goes drops its objects', () => {
    const x = reader(false);
    const feed = new TopologyObjects(x.r, ['HTTPRoute']);
    const v1 = feed.sync();
    expect(feed.sync()).toBe(v1);
    x.lists.set('b', [route('r1')]);
    const v2 = feed.sync();
    expect(feed.changesSince(v1)).toEqual(new Set(['b|HTTPRoute|team|r1']));
    expect(feed.clusters).toEqual(['a', 'b']);
    x.lists.delete('a');
    feed.sync();
    expect(feed.changesSince(v2)).toEqual(new Set(['a|HTTPRoute|team|r1']));
    expect([...feed.facts.keys()]).toEqual(['b|HTTPRoute|team|r1']);
    expect(feed.clusters).toEqual(['b']);
  });

  it('forgets old changes: a version older than what it keeps gets undefined (rebuild all)', () => {
    const x = reader(false);
    const feed = new TopologyObjects(x.r, ['HTTPRoute']);
    const v0 = feed.sync();
    // 25,000 changes, more than the log keeps
    for (let i = 0; i < 250; i++) {
      x.lists.set(
        'a',
        Array.from({ length: 100 }, (_, j) => route(`r${j}`, String(i))),
      );
      feed.sync();
    }
    expect(feed.changesSince(v0)).toBeUndefined();
    expect(feed.changesSince(feed.sync() - 1)?.size).toBe(100);
  });
});
