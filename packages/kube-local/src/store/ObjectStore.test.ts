import { ObjectStore, StoreEvent } from './ObjectStore';

const obj = (
  name: string,
  ns = 'default',
  extra: Record<string, unknown> = {},
) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns },
  ...extra,
});

describe('ObjectStore', () => {
  it('shares one monotonic resourceVersion across kinds', () => {
    const s = new ObjectStore();
    expect(s.commit('configmaps', obj('a')).metadata!.resourceVersion).toBe(
      '1',
    );
    expect(s.commit('secrets', obj('a')).metadata!.resourceVersion).toBe('2');
    expect(
      s.commit('configmaps', obj('a', 'default', { data: { x: '1' } }))
        .metadata!.resourceVersion,
    ).toBe('3');
    expect(
      s.remove('configmaps', 'default', 'a')!.metadata!.resourceVersion,
    ).toBe('4');
    expect(s.resourceVersion).toBe(4);
  });

  it('returns copies (stored objects cannot be mutated from outside)', () => {
    const s = new ObjectStore();
    const c = s.commit('configmaps', obj('a'));
    c.metadata!.name = 'changed';
    expect(s.get('configmaps', 'default', 'a')!.metadata!.name).toBe('a');
  });

  it('lists sorted by namespace and name, optionally in one namespace', () => {
    const s = new ObjectStore();
    for (const [n, ns] of [
      ['b', 'y'],
      ['a', 'y'],
      ['c', 'x'],
    ])
      s.commit('configmaps', obj(n, ns));
    expect(
      s
        .list('configmaps')
        .map(o => `${o.metadata!.namespace}/${o.metadata!.name}`),
    ).toEqual(['x/c', 'y/a', 'y/b']);
    expect(s.list('configmaps', 'y').map(o => o.metadata!.name)).toEqual([
      'a',
      'b',
    ]);
  });

  it('scans in key order after a position (a continue token) and follows creations and deletions', () => {
    const s = new ObjectStore();
    for (const [n, ns] of [
      ['b', 'y'],
      ['a', 'y'],
      ['c', 'x'],
      ['a', 'yy'],
    ])
      s.commit('configmaps', obj(n, ns));
    const keys = (os: Array<{ metadata?: Record<string, unknown> }>) =>
      os.map(o => `${o.metadata!.namespace}/${o.metadata!.name}`);
    expect(keys(s.listShared('configmaps', undefined, 'y/a'))).toEqual([
      'y/b',
      'yy/a',
    ]);
    // a namespace is its own key range: `y/` does not take `yy/`
    expect(keys(s.listShared('configmaps', 'y'))).toEqual(['y/a', 'y/b']);
    expect(keys(s.listShared('configmaps', 'y', 'y/a'))).toEqual(['y/b']);
    expect(keys(s.listShared('configmaps', 'x', 'y/a'))).toEqual([]);
    s.commit('configmaps', obj('aa', 'y'));
    s.remove('configmaps', 'y', 'b');
    expect(keys(s.listShared('configmaps', 'y'))).toEqual(['y/a', 'y/aa']);
    // an update keeps the position and shows the new state
    s.commit('configmaps', obj('a', 'y', { data: { k: 'v' } }));
    expect(s.listShared('configmaps', 'y')[0].data).toEqual({ k: 'v' });
    expect(s.listShared('nothing')).toEqual([]);
  });

  it('copies what a scan returns: changing a copy leaves the stored object alone', () => {
    const s = new ObjectStore();
    s.commit('configmaps', obj('a', 'default', { data: { k: 'v' } }));
    const [copy] = s.copyAll(s.listShared('configmaps'));
    copy.data.k = 'changed';
    expect(s.get('configmaps', 'default', 'a')!.data).toEqual({ k: 'v' });
    expect(s.list('configmaps')[0].data).toEqual({ k: 'v' });
    expect(s.copyAll([])).toEqual([]);
  });

  it('records events with previous state and expires history beyond its size', () => {
    const s = new ObjectStore(2);
    const seen: StoreEvent[] = [];
    s.subscribe(e => seen.push(e));
    s.commit('configmaps', obj('a'));
    s.commit('configmaps', obj('a', 'default', { data: { k: 'v' } }));
    s.remove('configmaps', 'default', 'a');
    expect(seen.map(e => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(seen[1].prev!.data).toBeUndefined();
    expect(s.eventsSince(0)).toBe('expired');
    expect((s.eventsSince(1) as StoreEvent[]).map(e => e.rv)).toEqual([2, 3]);
    expect(s.eventsSince(3)).toEqual([]);
  });

  it('snapshots and restores; watches cannot resume before the snapshot', () => {
    const s = new ObjectStore();
    s.commit('configmaps', obj('a'));
    s.commit('secrets', obj('b'));
    const t = new ObjectStore();
    t.restore(JSON.parse(JSON.stringify(s.snapshot())));
    expect(t.resourceVersion).toBe(2);
    expect(t.get('secrets', 'default', 'b')!.metadata!.resourceVersion).toBe(
      '2',
    );
    expect(t.eventsSince(1)).toBe('expired');
    expect(t.commit('configmaps', obj('c')).metadata!.resourceVersion).toBe(
      '3',
    );
  });

  it('answers the JSON of stored objects as one array, equal to their copies', () => {
    const s = new ObjectStore();
    s.commit('configmaps', obj('a'));
    s.commit('configmaps', obj('b'));
    const shared = s.listShared('configmaps');
    expect(JSON.parse(s.jsonArray(shared))).toEqual(s.list('configmaps'));
    expect(s.jsonArray([])).toBe('[]');
  });
});
