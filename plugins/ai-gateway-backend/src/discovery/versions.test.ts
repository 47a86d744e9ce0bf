import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { buildSnapshotWithHashes } from './buildSnapshot';
import { OwnerLookup, toOwnerEntities } from './owners';
import { changedEntities, entityHash, hashEntities } from './versions';
import {
  clusterOf,
  demoConfig,
  demoEntities,
  demoObjects,
} from './__testUtils__/demo';

const build = (objects: KubeObject[], now = '2026-12-01T00:00:00Z') =>
  buildSnapshotWithHashes({
    clusters: [clusterOf(objects)],
    owners: new OwnerLookup(
      toOwnerEntities(demoEntities),
      demoConfig().defaultOwner,
    ),
    config: demoConfig(),
    now: new Date(now),
  });

/** The demo with one route's path changed. */
function withChangedRoute(name: string): KubeObject[] {
  return demoObjects.map(o =>
    o.kind === 'HTTPRoute' && o.metadata.name === name
      ? {
          ...o,
          metadata: { ...o.metadata, labels: { ...o.metadata.labels } },
          spec: {
            ...o.spec,
            rules: (o.spec?.rules ?? []).map((r: object) => ({
              ...r,
              matches: [{ path: { type: 'PathPrefix', value: '/moved' } }],
            })),
          },
        }
      : o,
  );
}

describe('per-entity hashes and the snapshot version', () => {
  it('the same content gives the same hashes and version, built at another time from copied objects', () => {
    const a = build(demoObjects);
    const b = build(structuredClone(demoObjects), '2026-12-02T10:00:00Z');
    expect(b.snapshot.generatedAt).not.toBe(a.snapshot.generatedAt);
    expect(b.snapshot.version).toBe(a.snapshot.version);
    expect([...b.hashes.apis]).toEqual([...a.hashes.apis]);
    expect([...b.hashes.resources]).toEqual([...a.hashes.resources]);
    expect(a.hashes.apis.size).toBe(a.snapshot.apis.length);
    expect(a.hashes.resources.size).toBe(a.snapshot.resources.length);
    expect(a.hashes.apis.get('team-support.support-openai')).toBe(
      entityHash(
        a.snapshot.apis.find(x => x.name === 'team-support.support-openai')!,
      ),
    );
    expect(changedEntities(a.hashes, b.hashes)).toEqual({
      changed: [],
      removed: [],
    });
  });

  it('a changed entity changes its hash and the version, and only its hash', () => {
    const a = build(demoObjects);
    const b = build(withChangedRoute('support-openai'));
    expect(b.snapshot.version).not.toBe(a.snapshot.version);
    const differing = [...b.hashes.apis]
      .filter(([name, hash]) => a.hashes.apis.get(name) !== hash)
      .map(([name]) => name);
    expect(differing).toEqual(['team-support.support-openai']);
    expect([...b.hashes.resources]).toEqual([...a.hashes.resources]);
    expect(changedEntities(a.hashes, b.hashes)).toEqual({
      changed: ['team-support.support-openai'],
      removed: [],
    });
  });

  it('added and removed entities are announced; the version depends on the order and the list', () => {
    const a = build(demoObjects);
    const b = build(
      demoObjects.filter(
        o =>
          !(o.kind === 'HTTPRoute' && o.metadata.name === 'support-anthropic'),
      ),
    );
    // the API is gone; the Resource of the same name (the route's backend) changed: the name is announced as
    // changed, as the catalog still has an entity of that name
    expect(a.hashes.apis.has('team-support.support-anthropic')).toBe(true);
    expect(b.hashes.apis.has('team-support.support-anthropic')).toBe(false);
    expect(changedEntities(a.hashes, b.hashes)).toEqual({
      changed: ['team-support.support-anthropic'],
      removed: [],
    });
    const hashes = (apis: string[], resources: string[]) => ({
      apis: new Map(apis.map(n => [n, `h-${n}`])),
      resources: new Map(resources.map(n => [n, `h-${n}`])),
    });
    expect(
      changedEntities(hashes(['a', 'b'], ['r']), hashes(['b', 'c'], [])),
    ).toEqual({ changed: ['c'], removed: ['a', 'r'] });
    const x = { name: 'x', v: 1 };
    const y = { name: 'y', v: 2 };
    expect(hashEntities([x, y], []).version).not.toBe(
      hashEntities([y, x], []).version,
    );
    expect(hashEntities([x], []).version).not.toBe(
      hashEntities([], [x]).version,
    );
    expect(hashEntities([x, y], []).version).toBe(
      hashEntities([{ ...x }, { ...y }], []).version,
    );
  });
});
