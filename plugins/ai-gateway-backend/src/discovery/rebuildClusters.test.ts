import {
  KubeObject,
  McpDiscoveryResult,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { BuildInput, buildSnapshotWithHashes } from './buildSnapshot';
import { OwnerLookup, toOwnerEntities } from './owners';
import { rebuildClusters } from './rebuildClusters';
import { clustersReading } from './refreshApis';
import { McpDiscoverySource } from './types';
import { resultKey } from './usedResults';
import {
  clusterOf,
  demoConfig,
  demoEntities,
  demoObjects,
} from './__testUtils__/demo';

const DISCOVERY = new Set([
  'Gateway',
  'HTTPRoute',
  'AgentgatewayModel',
  'AgentgatewayBackend',
  'AgentgatewayPolicy',
]);
const owners = new OwnerLookup(
  toOwnerEntities(demoEntities),
  demoConfig().defaultOwner,
);
const config = demoConfig();

/** A small deterministic PRNG (mulberry32), so a failing sequence can be replayed from its seed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type State = Map<string, KubeObject[]>;

const inputOf = (
  state: State,
  results: Map<string, McpDiscoveryResult>,
): BuildInput => {
  const mcp: McpDiscoverySource = {
    getServer: (c, ns, name) => results.get(resultKey(c, ns, name)),
    onChange: () => () => {},
  };
  return {
    clusters: [...state].map(([name, objects]) => clusterOf(objects, name)),
    owners,
    config,
    mcp,
    now: new Date('2026-12-01T00:00:00Z'),
  };
};

/**
 * One watch event's worth of change to a cluster's objects, as a cache hands them out (new objects, never edited
 * in place): an object deleted, re-added, marked not discoverable, relabelled, detached from its parents, its
 * backends or targets dropped, its spec emptied, or a copy under another object's name (a name taken twice).
 */
function mutate(objects: KubeObject[], rnd: () => number, gone: KubeObject[]) {
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const i = Math.floor(rnd() * objects.length);
  const obj = structuredClone(objects[i]);
  const what = Math.floor(rnd() * 9);
  const meta = obj.metadata;
  if (what === 0) {
    gone.push(objects[i]);
    objects.splice(i, 1);
    return;
  }
  if (what === 1 && gone.length) {
    objects.push(gone.splice(Math.floor(rnd() * gone.length), 1)[0]);
    return;
  }
  if (what === 2)
    meta.annotations = {
      ...meta.annotations,
      'ai-gateway.backstage.io/discoverable': rnd() < 0.5 ? 'false' : 'true',
    };
  else if (what === 3)
    meta.labels = {
      ...meta.labels,
      'backstage.io/kubernetes-id': pick(['payments', 'search', 'nobody']),
      'ai-gateway.backstage.io/lifecycle': pick(['experimental', 'production']),
    };
  else if (what === 4 && obj.spec) obj.spec = { ...obj.spec, parentRefs: [] };
  else if (what === 5 && obj.spec?.rules)
    obj.spec = {
      ...obj.spec,
      rules: obj.spec.rules.map((r: { backendRefs?: unknown[] }) => ({
        ...r,
        backendRefs: (r.backendRefs ?? []).slice(1),
      })),
    };
  else if (what === 6 && obj.spec?.targetRefs)
    obj.spec = { ...obj.spec, targetRefs: obj.spec.targetRefs.slice(1) };
  else if (what === 7) obj.spec = {};
  else {
    const other = pick(objects);
    meta.name = other.metadata.name;
    meta.namespace = other.metadata.namespace;
    meta.uid = `${meta.uid ?? ''}-copy`;
    objects.push(obj);
    return;
  }
  objects[i] = obj;
}

describe('rebuildClusters', () => {
  const demo = demoObjects.filter(o => DISCOVERY.has(o.kind));

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'random watch events (seed %i): every update equals a whole build (entities, problems, version, hashes, readers)',
    seed => {
      const rnd = random(seed);
      const clusters = seed % 4 === 0 ? ['local'] : ['local', 'east', 'west'];
      const state: State = new Map(clusters.map(c => [c, demo.slice()]));
      const gone = new Map(clusters.map(c => [c, [] as KubeObject[]]));
      const results = new Map<string, McpDiscoveryResult>();
      let previous = buildSnapshotWithHashes(inputOf(state, results));
      let changedEntities = 0;
      let nameTakenTwice = 0;
      for (let step = 0; step < 40; step++) {
        const changed = new Set<string>();
        const events = 1 + Math.floor(rnd() * 3);
        for (let e = 0; e < events; e++) {
          const c = clusters[Math.floor(rnd() * clusters.length)];
          const objects = state.get(c)!.slice();
          mutate(objects, rnd, gone.get(c)!);
          state.set(c, objects);
          changed.add(c);
        }
        // sometimes an MCP result changes in the same batch
        const keys: string[] = [];
        if (rnd() < 0.3 && previous.readers.size) {
          const key = [...previous.readers.keys()][
            Math.floor(rnd() * previous.readers.size)
          ];
          results.set(key, {
            status: 'ok',
            tools: [{ name: `tool-${step}` }],
            prompts: [],
            resources: [],
            discoveredAt: '2026-12-01T00:00:00Z',
          });
          keys.push(key);
        }
        const input = inputOf(state, results);
        const rebuilt = new Set([
          ...changed,
          ...clustersReading(previous, keys),
        ]);
        const next = rebuildClusters(previous, input, rebuilt)!;
        const whole = buildSnapshotWithHashes(input);
        expect(next.snapshot).toEqual(whole.snapshot);
        expect(next.snapshot.version).toBe(whole.snapshot.version);
        expect([...next.hashes.apis]).toEqual([...whole.hashes.apis]);
        expect([...next.hashes.resources]).toEqual([...whole.hashes.resources]);
        expect(new Map(next.readers)).toEqual(new Map(whole.readers));
        if (next.snapshot.version !== previous.snapshot.version)
          changedEntities++;
        // the kept clusters' entities are the same objects (not built again)
        const before = previous.parts;
        const kept = next.parts.filter((p, i) => p === before[i]);
        expect(kept.map(p => p.name)).toEqual(
          clusters.filter(c => !rebuilt.has(c)),
        );
        if (whole.snapshot.problems.some(p => p.includes('already taken')))
          nameTakenTwice++;
        previous = next;
      }
      // the sequence did change the snapshot (the test compares something)
      expect(changedEntities).toBeGreaterThan(5);
      expect(nameTakenTwice).toBeGreaterThan(0);
    },
  );

  it('another cluster set or discovery switched off: no update (the caller builds everything)', () => {
    const results = new Map<string, McpDiscoveryResult>();
    const two: State = new Map([
      ['local', demo],
      ['east', demo],
    ]);
    const before = buildSnapshotWithHashes(inputOf(two, results));
    const one: State = new Map([['local', demo]]);
    expect(
      rebuildClusters(before, inputOf(one, results), new Set(['local'])),
    ).toBeUndefined();
    const swapped: State = new Map([
      ['east', demo],
      ['local', demo],
    ]);
    expect(
      rebuildClusters(before, inputOf(swapped, results), new Set(['local'])),
    ).toBeUndefined();
    const off = {
      ...inputOf(two, results),
      config: demoConfig({ catalog: { enabled: false } }),
    };
    expect(rebuildClusters(before, off, new Set(['local']))).toBeUndefined();
  });
});
