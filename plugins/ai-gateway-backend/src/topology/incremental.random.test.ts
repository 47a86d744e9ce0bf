import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { joinMetrics } from './joinMetrics';
import { serializeBuilt } from './topologyCache';
import { TopologyObject, TopologyScope } from './scope';
import { Structure, buildStructure } from './structure';
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

describe.each<[string, TopologyScope]>([
  ['platform', { type: 'platform' }],
  ['entity', entityScope('chat-service')],
])('incremental structure (%s scope)', (_name, scope) => {
  it.each([1, 2, 3])(
    'answers the same as a full rebuild after every one of 150 random watch events (seed %i)',
    seed => {
      const random = rng(seed);
      let objects = demoTopologyObjects();
      const removed: TopologyObject[] = [];
      let previous: Structure | undefined;
      let reused = 0;
      // the same scrape for ten watch events, then a new one: joins and JSON pieces are reused in between
      let snapshot = demoSnapshot();
      for (let i = 0; i < 150; i++) {
        if (i % 10 === 9) snapshot = demoSnapshot();
        objects = step(objects, removed, random, i);
        const incremental = buildStructure(objects, scope, previous);
        // from scratch: fresh copies of every object, so nothing is reused
        const fresh = buildStructure(
          objects.map(o => ({
            cluster: o.cluster,
            object: structuredClone(o.object),
          })),
          scope,
        );
        expect(fresh.rebuilt.length).toBe(fresh.fragments.size);
        reused += incremental.fragments.size - incremental.rebuilt.length;
        const input = {
          metrics: { [CLUSTER]: snapshot },
          window: '5m' as const,
          now,
        };
        const joined = joinMetrics(incremental, input);
        const expected = joinMetrics(fresh, input);
        expect(joined).toEqual(expected);
        // the body assembled from cached pieces is the JSON of the full rebuild
        expect(
          JSON.parse(serializeBuilt(joined, '[]').toString('utf8')),
        ).toEqual(JSON.parse(JSON.stringify({ ...expected, clusters: [] })));
        previous = incremental;
      }
      // and it was incremental: most fragments were reused
      expect(reused).toBeGreaterThan(150);
    },
  );
});
