import type { KubeObject } from '../registry/types';
import { listenerSetParent } from '../summaries/listenerSet';
import { findProblems } from './findProblems';
import { findRouteOverlaps, overlapProblem } from './overlaps';

/** A ListenerSet of team-search attached to platform/ai-gateway, with two listeners. */
const listenerSet: KubeObject = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'ListenerSet',
  metadata: { namespace: 'team-search', name: 'search-listeners' },
  spec: {
    parentRef: { name: 'ai-gateway', namespace: 'platform' },
    listeners: [
      {
        name: 'https',
        port: 443,
        protocol: 'HTTPS',
        hostname: 'search.example.com',
      },
      {
        name: 'admin',
        port: 8443,
        protocol: 'HTTPS',
        hostname: 'admin.example.com',
      },
    ],
  },
};
const other: KubeObject = {
  ...listenerSet,
  metadata: { namespace: 'team-search', name: 'other-listeners' },
};
const known = [listenerSet, other];
const lookup = (ref: string) =>
  listenerSetParent(
    known.find(o => `${o.metadata.namespace}/${o.metadata.name}` === ref),
  );

type Parent = {
  kind?: string;
  name: string;
  namespace?: string;
  sectionName?: string;
};
function route(
  namespace: string,
  name: string,
  path: string,
  parent: Parent,
): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { namespace, name },
    spec: {
      parentRefs: [{ namespace: 'team-search', ...parent }],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: path } }] }],
    },
  };
}
const viaSet = (sectionName?: string, name = 'search-listeners'): Parent => ({
  kind: 'ListenerSet',
  name,
  ...(sectionName && { sectionName }),
});
const viaGateway = (sectionName?: string): Parent => ({
  name: 'ai-gateway',
  namespace: 'platform',
  ...(sectionName && { sectionName }),
});
const pairs = (routes: KubeObject[]) =>
  findRouteOverlaps('local', routes, undefined, lookup).map(
    o => `${o.a.namespace}/${o.a.name} x ${o.b.namespace}/${o.b.name}`,
  );

describe('findRouteOverlaps through ListenerSets', () => {
  it('reports two teams on the same ListenerSet listener, resolved to its Gateway', () => {
    const overlaps = findRouteOverlaps(
      'local',
      [
        route('team-search', 'search', '/search', viaSet('https')),
        route('team-a', 'catch-all', '/', viaSet('https')),
      ],
      undefined,
      lookup,
    );
    expect(overlaps).toEqual([
      expect.objectContaining({
        gateway: 'platform/ai-gateway',
        listenerSet: 'team-search/search-listeners',
        listener: 'https',
      }),
    ]);
    expect(overlapProblem(overlaps[0], 'a').message).toBe(
      'PathPrefix /search overlaps PathPrefix / of HTTPRoute team-a/catch-all (another team) on ListenerSet team-search/search-listeners listener https (Gateway platform/ai-gateway) for every host: precedence decides which route gets the traffic',
    );
    // no sectionName: every listener of the ListenerSet, so it meets a route on one of them
    expect(
      pairs([
        route('team-search', 'search', '/search', viaSet()),
        route('team-a', 'deep', '/search/deep', viaSet('admin')),
      ]),
    ).toEqual(['team-search/search x team-a/deep']);
  });

  it('does not report routes on different listeners of the merged list', () => {
    // different listeners of one ListenerSet
    expect(
      pairs([
        route('team-search', 'search', '/', viaSet('https')),
        route('team-a', 'a', '/', viaSet('admin')),
      ]),
    ).toEqual([]);
    // a ListenerSet listener and the Gateway's own listeners (with or without sectionName): a request is served by
    // one listener, and a route attached to the Gateway does not attach to its ListenerSets' listeners
    expect(
      pairs([
        route('team-search', 'search', '/', viaSet('https')),
        route('team-a', 'a', '/', viaGateway()),
      ]),
    ).toEqual([]);
    expect(
      pairs([
        route('team-search', 'search', '/', viaSet('https')),
        route('team-a', 'a', '/', viaGateway('https')),
      ]),
    ).toEqual([]);
    // two ListenerSets of the same Gateway
    expect(
      pairs([
        route('team-search', 'search', '/', viaSet()),
        route('team-a', 'a', '/', viaSet(undefined, 'other-listeners')),
      ]),
    ).toEqual([]);
  });

  it('skips a ListenerSet it cannot resolve (unknown, or no lookup given)', () => {
    const routes = [
      route('team-search', 'search', '/', viaSet('https', 'missing')),
      route('team-a', 'a', '/', viaSet('https', 'missing')),
    ];
    expect(pairs(routes)).toEqual([]);
    expect(
      findRouteOverlaps('local', [
        route('team-search', 'search', '/', viaSet('https')),
        route('team-a', 'a', '/', viaSet('https')),
      ]),
    ).toEqual([]);
  });

  it('findProblems resolves ListenerSets with the lookup it is given', () => {
    const mine = route('team-search', 'search', '/search', viaSet('https'));
    const theirs = route('team-a', 'catch-all', '/', viaSet('https'));
    const item = {
      cluster: 'local',
      kind: 'HTTPRoute',
      group: 'gateway.networking.k8s.io',
      namespace: 'team-search',
      name: 'search',
      relation: 'owned',
      references: [],
      object: mine,
    } as unknown as Parameters<typeof findProblems>[0][number];
    const base = {
      exists: () => true,
      referrerCount: () => 1,
      routes: () => [mine, theirs],
    };
    expect(findProblems([item], base)).toEqual([]);
    expect(
      findProblems([item], {
        ...base,
        listenerSet: (cluster, ref) =>
          cluster === 'local' ? lookup(ref) : undefined,
      }),
    ).toEqual([
      expect.objectContaining({
        type: 'OverlappingMatch',
        name: 'search',
        reference: expect.objectContaining({ name: 'catch-all' }),
      }),
    ]);
  });
});
