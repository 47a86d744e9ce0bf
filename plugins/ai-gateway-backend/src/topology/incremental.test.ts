import { gunzipSync } from 'node:zlib';
import {
  KubeObject,
  TopologyResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { joinMetrics } from './joinMetrics';
import { TopologyObject, TopologyScope } from './scope';
import { buildStructure } from './structure';
import { TopologyCache } from './topologyCache';
import { TopologyObjects, TopologyReader } from './objectFeed';
import { TOPOLOGY_KINDS } from './TopologyService';
import { referenceTopology } from './__testUtils__/referenceTopology';
import {
  CLUSTER,
  demoSnapshot,
  demoTopologyObjects,
} from './__testUtils__/data';

const now = new Date('2026-01-01T00:00:00Z');
const PLATFORM: TopologyScope = { type: 'platform' };
/** A new version of one object, as a watch event delivers it. */
function modified(
  objects: TopologyObject[],
  kind: string,
  name: string,
  change: (o: KubeObject) => KubeObject,
): TopologyObject[] {
  return objects.map(o =>
    o.object.kind === kind && o.object.metadata.name === name
      ? { cluster: o.cluster, object: change(structuredClone(o.object)) }
      : o,
  );
}

/** The keys of the routes attached to a Gateway (by name). */
const routesOn = (objects: TopologyObject[], gateway: string) =>
  objects
    .filter(
      o =>
        o.object.kind === 'HTTPRoute' &&
        (o.object.spec.parentRefs ?? []).some(
          (p: { name: string }) => p.name === gateway,
        ),
    )
    .map(
      o =>
        `${o.cluster}|HTTPRoute|${o.object.metadata.namespace}|${o.object.metadata.name}`,
    );

const byId = <T extends { id: string }>(xs: T[]) =>
  new Map(xs.map(x => [x.id, x]));

/** The ids of the nodes and edges that differ between two graphs (added, removed or changed). */
function changed(a: TopologyResponse, b: TopologyResponse) {
  const diff = <T extends { id: string }>(x: T[], y: T[]) => {
    const mx = byId(x);
    const my = byId(y);
    return [...new Set([...mx.keys(), ...my.keys()])]
      .filter(id => JSON.stringify(mx.get(id)) !== JSON.stringify(my.get(id)))
      .sort();
  };
  return { nodes: diff(a.nodes, b.nodes), edges: diff(a.edges, b.edges) };
}

describe('incremental topology', () => {
  const objects = demoTopologyObjects();

  it('a watch event on a route rebuilds only that route and changes only its node and edges', () => {
    const before = buildStructure(objects, PLATFORM);
    const after = modified(objects, 'HTTPRoute', 'chat', o => {
      o.metadata.resourceVersion = '999';
      o.spec.hostnames = ['chat.example.com'];
      return o;
    });
    const s = buildStructure(after, PLATFORM, before);
    expect(s.rebuilt).toEqual([`${CLUSTER}|HTTPRoute|team-a|chat`]);
    const route = `${CLUSTER}:HTTPRoute:team-a:chat`;
    // every other node is the very same structural node as before
    const others = s.nodes.filter(n => n.node.id !== route);
    expect(others).toHaveLength(before.nodes.length - 1);
    others.forEach(n =>
      expect(n).toBe(before.nodes.find(x => x.node.id === n.node.id)),
    );
    const input = {
      metrics: { [CLUSTER]: demoSnapshot() },
      window: '5m' as const,
      now,
    };
    expect(changed(joinMetrics(before, input), joinMetrics(s, input))).toEqual({
      nodes: [route],
      edges: [],
    });
  });

  it('a watch event on a Gateway rebuilds the Gateway and the routes attached to it', () => {
    const before = buildStructure(objects, PLATFORM);
    const gw = objects.find(o => o.object.metadata.name === 'ai-gateway')!;
    const listener = gw.object.spec.listeners[0].name;
    const after = modified(objects, 'Gateway', 'ai-gateway', o => {
      o.spec.listeners[0].port = 8081;
      return o;
    });
    const s = buildStructure(after, PLATFORM, before);
    const attached = routesOn(objects, 'ai-gateway');
    expect(attached.length).toBeGreaterThan(0);
    expect(s.rebuilt.sort()).toEqual(
      [`${CLUSTER}|Gateway|platform|ai-gateway`, ...attached].sort(),
    );
    const input = {
      metrics: { [CLUSTER]: demoSnapshot() },
      window: '5m' as const,
      now,
    };
    // only the listener's label and details, and the Gateway's listener summary, changed
    expect(changed(joinMetrics(before, input), joinMetrics(s, input))).toEqual({
      nodes: [
        `${CLUSTER}:Gateway:platform:ai-gateway`,
        `${CLUSTER}:Gateway:platform:ai-gateway#${listener}`,
      ],
      edges: [],
    });
  });

  it('a new scrape changes only the numbers: same structure, same nodes and edges apart from metrics', () => {
    const cache = new TopologyCache();
    const s1 = cache.structure('platform', objects, PLATFORM);
    const first = cache.topology('platform', s1, {
      metrics: { [CLUSTER]: demoSnapshot() },
      window: '5m',
      now,
    });
    const next = demoSnapshot();
    next.requests = next.requests.map(r => ({ ...r, rps: r.rps * 2 }));
    const s2 = cache.structure('platform', [...objects], PLATFORM);
    expect(s2).toBe(s1);
    const second = cache.topology('platform', s2, {
      metrics: { [CLUSTER]: next },
      window: '5m',
      now,
    });
    const shape = (t: TopologyResponse) => ({
      nodes: t.nodes.map(({ metrics: _m, ...n }) => n),
      edges: t.edges.map(
        ({ rps: _r, errorRate: _e, p95Ms: _p, perMinute: _pm, ...e }) => e,
      ),
    });
    expect(shape(second)).toEqual(shape(first));
    expect(changed(first, second).nodes.length).toBeGreaterThan(0);
  });

  it('serializes once per graph version: the body is the topology plus cluster states, also gzipped', async () => {
    const cache = new TopologyCache();
    const s = cache.structure('platform', objects, PLATFORM);
    const input = {
      metrics: { [CLUSTER]: demoSnapshot() },
      window: '5m' as const,
      now,
    };
    const states = [{ cluster: CLUSTER, state: 'synced' }] as never[];
    const body = cache.body('platform', s, input, states);
    expect(cache.body('platform', s, input, states)).toBe(body);
    const expected = {
      ...cache.topology('platform', s, input),
      clusters: states,
    };
    expect(JSON.parse(body.json.toString())).toEqual(expected);
    expect(JSON.parse(gunzipSync(await body.gzip()).toString())).toEqual(
      expected,
    );
  });

  it('structureAt: the same structure while nothing changed; rebuilt from scratch when the objects forgot its version', () => {
    let current = objects;
    const reader: TopologyReader = {
      clusterNames: () => [CLUSTER],
      query: (_c, kind) =>
        current.filter(o => o.object.kind === kind).map(o => o.object),
      get: () => undefined,
      clusterState: name => ({ name, ok: true }),
      waitUntilSettled: async () => undefined,
      cacheStates: () => [],
    };
    const feed = new TopologyObjects(reader, TOPOLOGY_KINDS);
    const cache = new TopologyCache();
    const v1 = feed.sync();
    const s1 = cache.structureAt('p', feed, v1, PLATFORM);
    expect(cache.structureAt('p', feed, feed.sync(), PLATFORM)).toBe(s1);
    current = modified(objects, 'HTTPRoute', 'chat', o => {
      o.spec.hostnames = ['forgotten.example.com'];
      return o;
    });
    const v2 = feed.sync();
    jest.spyOn(feed, 'changesSince').mockReturnValue(undefined);
    const s2 = cache.structureAt('p', feed, v2, PLATFORM);
    expect(s2.rebuilt).toHaveLength(s2.fragmentCount);
    const input = {
      metrics: { [CLUSTER]: demoSnapshot() },
      window: '5m' as const,
      now,
    };
    expect(joinMetrics(s2, input)).toEqual(
      referenceTopology(
        current.filter(o => TOPOLOGY_KINDS.includes(o.object.kind)),
        PLATFORM,
        input,
      ),
    );
  });
});
