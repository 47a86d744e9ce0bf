import { gunzipSync } from 'node:zlib';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { allFixtureObjects } from '../metrics/__testUtils__/simulator';
import type { CacheChange } from '../cache/KindCache';
import { JoinInput, joinGraph, joinMetrics } from './joinMetrics';
import { topologyBody } from './bodyChunks';
import { TopologyObject, TopologyScope } from './scope';
import { Structure, buildStructure } from './structure';
import { ChangeAnnouncer, TopologyObjects, TopologyReader } from './objectFeed';
import { TopologyCache } from './topologyCache';
import { RELEVANT } from './visibility';
import { referenceTopology } from './__testUtils__/referenceTopology';
import {
  CLUSTER,
  demoSnapshot,
  demoTopologyObjects,
  entityScope,
} from './__testUtils__/data';

const now = new Date('2026-01-01T00:00:00Z');

/** mulberry32: a seeded PRNG, so a failure can be replayed */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Change = (o: KubeObject, pick: <T>(xs: T[]) => T) => void;

/** Watch events that change what the graph shows: listeners, refs, weights, targets, ownership, status. */
const CHANGES: Record<string, Change> = {
  Gateway: (o, pick) => {
    const l = pick(o.spec.listeners as Array<{ name: string; port: number }>);
    if (l) l.name = pick(['http', 'mcp', 'https', 'other']);
  },
  HTTPRoute: (o, pick) => {
    const p = pick(o.spec.parentRefs as Array<Record<string, unknown>>);
    if (p) {
      p.name = pick(['ai-gateway', 'mcp-gateway', 'missing-gateway']);
      if (pick([true, false])) delete p.sectionName;
    }
    const rule = pick(o.spec.rules as Array<{ backendRefs?: unknown[] }>);
    const ref = rule?.backendRefs?.[0] as Record<string, unknown> | undefined;
    if (ref) {
      ref.weight = pick([1, 10, 50, undefined]);
      ref.name = pick(['openai', 'llm-failover', 'tools', 'httpbin', 'gone']);
    }
  },
  AgentgatewayBackend: (o, pick) => {
    o.status = {
      conditions: [{ type: 'Accepted', status: pick(['True', 'False']) }],
    };
  },
  AgentgatewayPolicy: (o, pick) => {
    const t = pick(o.spec.targetRefs as Array<Record<string, unknown>>);
    if (t) t.name = pick(['chat', 'mcp', 'ai-gateway', 'mcp-gateway', 'none']);
  },
};

function step(
  objects: TopologyObject[],
  removed: TopologyObject[],
  random: () => number,
  version: number,
): TopologyObject[] {
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const action = random();
  if (action < 0.15 && objects.length > 3) {
    const gone = pick(objects);
    removed.push(gone);
    return objects.filter(o => o !== gone);
  }
  if (action < 0.3 && removed.length) {
    const back = removed.splice(Math.floor(random() * removed.length), 1)[0];
    return [...objects, back];
  }
  const target = pick(objects);
  const object = structuredClone(target.object);
  object.metadata.resourceVersion = String(version);
  if (action < 0.4) {
    // (un)label: the entity gains or loses the object
    const labels = (object.metadata.labels ??= {});
    labels['backstage.io/kubernetes-id'] = pick([
      'chat-service',
      'tools-service',
      'other',
    ]);
  } else CHANGES[object.kind]?.(object, pick);
  return objects.map(o => (o === target ? { cluster: o.cluster, object } : o));
}

/**
 * Kind caches over a list of objects that announce each change the way KindCache does (upsert / delete,
 * now and then a relist), so the service's path — {@link TopologyObjects} and {@link TopologyCache.structureAt}
 * — sees watch events rather than lists.
 */
function announcingReader(initial: TopologyObject[]) {
  let objects = initial;
  const listeners = new Map<string, Set<(c: CacheChange) => void>>();
  const caches = new Map<string, ChangeAnnouncer>();
  const reader: TopologyReader = {
    clusterNames: () => [CLUSTER],
    query: (cluster, kind) =>
      objects
        .filter(o => o.cluster === cluster && o.object.kind === kind)
        .map(o => o.object),
    get: () => undefined,
    clusterState: name => ({ name, ok: true }),
    waitUntilSettled: async () => undefined,
    cacheStates: () => [],
    cache: (cluster, kind) => {
      const id = `${cluster}|${kind}`;
      let announcer = caches.get(id);
      if (!announcer)
        caches.set(
          id,
          (announcer = {
            subscribe: listener => {
              const set = listeners.get(id) ?? new Set();
              listeners.set(id, set.add(listener));
              return () => set.delete(listener);
            },
          }),
        );
      return announcer;
    },
  };
  const announce = (o: TopologyObject, change: CacheChange) =>
    listeners
      .get(`${o.cluster}|${o.object.kind}`)
      ?.forEach(listener => listener(change));
  return {
    reader,
    replace(next: TopologyObject[], relist: boolean) {
      const before = objects;
      objects = next;
      const after = new Set(next.map(o => o.object));
      for (const o of before)
        if (!after.has(o.object)) {
          const m = o.object.metadata;
          const kept = next.some(
            n =>
              n.object.kind === o.object.kind &&
              n.object.metadata.name === m.name &&
              n.object.metadata.namespace === m.namespace,
          );
          if (!kept) announce(o, { type: 'delete', object: o.object });
        }
      const had = new Set(before.map(o => o.object));
      for (const o of next)
        if (!had.has(o.object))
          announce(
            o,
            relist ? { type: 'relist' } : { type: 'upsert', object: o.object },
          );
    },
  };
}

const ownedKeys = (objects: TopologyObject[], scope: TopologyScope) =>
  scope.type === 'entity'
    ? new Set(
        objects
          .filter(
            o => RELEVANT.has(o.object.kind) && scope.owns(o.cluster, o.object),
          )
          .map(
            o =>
              `${o.cluster}|${o.object.kind}|${
                o.object.metadata.namespace ?? ''
              }|${o.object.metadata.name}`,
          ),
      )
    : undefined;

/** The JSON the first version sent: `{...rest, nodes, edges, clusters}` of a from-scratch build. */
function expectedJson(
  objects: TopologyObject[],
  scope: TopologyScope,
  input: JoinInput,
) {
  const fresh = objects.map(o => ({
    cluster: o.cluster,
    object: structuredClone(o.object),
  }));
  const { nodes, edges, ...rest } = referenceTopology(fresh, scope, input);
  return {
    nodes,
    edges,
    json: JSON.stringify({ ...rest, nodes, edges, clusters: [] }),
  };
}

describe.each<[string, TopologyObject[], TopologyScope]>([
  ['demo, platform', demoTopologyObjects(), { type: 'platform' }],
  ['demo, entity', demoTopologyObjects(), entityScope('chat-service')],
  [
    'all fixtures, platform',
    allFixtureObjects().map(object => ({ cluster: CLUSTER, object })),
    { type: 'platform' },
  ],
  [
    'all fixtures, entity',
    allFixtureObjects().map(object => ({ cluster: CLUSTER, object })),
    entityScope('tools-service'),
  ],
])('incremental graph (%s)', (_name, initial, scope) => {
  it.each([1, 2, 3])(
    'answers byte for byte as a from-scratch build after each of 150 random watch events (seed %i)',
    async seed => {
      const random = rng(seed);
      let objects = initial;
      const removed: TopologyObject[] = [];
      let previous: Structure | undefined;
      let reused = 0;
      const feedReader = announcingReader(objects);
      const feed = new TopologyObjects(feedReader.reader, Object.keys(CHANGES));
      const cache = new TopologyCache();
      // the same scrape for ten watch events, then a new one: joins and JSON pieces are reused in between
      let snapshot = demoSnapshot();
      for (let i = 0; i < 150; i++) {
        if (i % 10 === 9) snapshot = demoSnapshot();
        objects = step(objects, removed, random, i);
        feedReader.replace(objects, i % 25 === 24);
        const input: JoinInput = {
          metrics: { [CLUSTER]: snapshot },
          window: '5m',
          now,
        };
        const expected = expectedJson(objects, scope, input);

        // the list path (buildStructure with the previous structure)
        const incremental = buildStructure(objects, scope, previous);
        reused += incremental.fragmentCount - incremental.rebuilt.length;
        const joined = joinMetrics(incremental, input);
        expect(joined.nodes).toEqual(expected.nodes);
        expect(joined.edges).toEqual(expected.edges);
        const body = topologyBody(joinGraph(incremental, input), '[]');
        expect(body.json.toString('utf8')).toBe(expected.json);
        expect(gunzipSync(await body.gzip()).toString('utf8')).toBe(
          expected.json,
        );
        previous = incremental;

        // the service's path: announced changes, the structure per version, the cached body
        const version = feed.sync();
        const s = cache.structureAt(
          'scope',
          feed,
          version,
          scope,
          ownedKeys(objects, scope),
        );
        // (the service reads only the topology kinds)
        const { json } = expectedJson(
          objects.filter(o => o.object.kind in CHANGES),
          scope,
          input,
        );
        const served = cache.body('scope', s, input, []);
        expect(served.json.toString('utf8')).toBe(json);
        expect(gunzipSync(await served.gzip()).toString('utf8')).toBe(json);
      }
      // and it was incremental: most fragments were reused
      expect(reused).toBeGreaterThan(150);
    },
  );
});
