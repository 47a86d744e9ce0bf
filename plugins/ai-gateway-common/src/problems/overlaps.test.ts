import type { KubeObject } from '../registry/types';
import { findProblems } from './findProblems';
import { findRouteOverlaps, overlapProblem } from './overlaps';

type MatchSpec = Record<string, unknown>;

function route(
  namespace: string,
  name: string,
  matches: MatchSpec[] | undefined,
  options: {
    hostnames?: string[];
    sectionName?: string;
    gateway?: string;
  } = {},
): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { namespace, name },
    spec: {
      parentRefs: [
        {
          name: options.gateway ?? 'ai-gateway',
          namespace: 'platform',
          ...(options.sectionName && { sectionName: options.sectionName }),
        },
      ],
      ...(options.hostnames && { hostnames: options.hostnames }),
      rules: [{ ...(matches && { matches }) }],
    },
  };
}
const prefix = (value: string, extra: MatchSpec = {}) => ({
  path: { type: 'PathPrefix', value },
  ...extra,
});
const exact = (value: string) => ({ path: { type: 'Exact', value } });
const pairs = (routes: KubeObject[]) =>
  findRouteOverlaps('local', routes).map(
    o => `${o.a.namespace}/${o.a.name} x ${o.b.namespace}/${o.b.name}`,
  );

describe('findRouteOverlaps', () => {
  it('finds the captures the issue names: / with a header match, a prefix under another, an exact path under a prefix', () => {
    const search = route('team-search', 'search', [prefix('/search')]);
    expect(
      pairs([
        search,
        route('team-a', 'catch-all', [
          prefix('/', { headers: [{ name: 'x-team', value: 'a' }] }),
        ]),
      ]),
    ).toEqual(['team-search/search x team-a/catch-all']);
    expect(
      pairs([search, route('team-a', 'deep', [prefix('/search/agents')])]),
    ).toEqual(['team-search/search x team-a/deep']);
    expect(
      pairs([
        route('team-payments', 'agent', [prefix('/payments')]),
        route('team-a', 'exact', [exact('/payments/agent')]),
      ]),
    ).toEqual(['team-payments/agent x team-a/exact']);
    // a rule without matches is PathPrefix / and overlaps everything on the listener
    expect(pairs([search, route('team-a', 'bare', undefined)])).toHaveLength(1);
  });

  it('describes the overlap for each side, with the match and the header note', () => {
    const [o] = findRouteOverlaps('local', [
      route('team-search', 'search', [prefix('/search')]),
      route('team-a', 'catch-all', [
        prefix('/', { headers: [{ name: 'x', value: 'y' }] }),
      ]),
    ]);
    expect(o).toMatchObject({
      gateway: 'platform/ai-gateway',
      hosts: ['*'],
      b: { match: 'PathPrefix / (with header / query matches)' },
    });
    const problem = overlapProblem(o, 'a');
    expect(problem).toMatchObject({
      type: 'OverlappingMatch',
      severity: 'warning',
      namespace: 'team-search',
      name: 'search',
      reference: { namespace: 'team-a', name: 'catch-all', role: 'overlap' },
    });
    expect(problem.message).toContain(
      'PathPrefix /search overlaps PathPrefix / (with header / query matches) of HTTPRoute team-a/catch-all',
    );
  });

  it('does not report disjoint traffic', () => {
    const search = route('team-search', 'search', [prefix('/search')]);
    // segment-wise prefixes: /searchx is not under /search
    expect(pairs([search, route('team-a', 'x', [prefix('/searchx')])])).toEqual(
      [],
    );
    // the same namespace is one team
    expect(
      pairs([search, route('team-search', 'other', [prefix('/')])]),
    ).toEqual([]);
    // different Gateways, different listeners, disjoint hostnames, different methods
    expect(
      pairs([
        search,
        route('team-a', 'gw', [prefix('/')], { gateway: 'other' }),
      ]),
    ).toEqual([]);
    expect(
      pairs([
        route('team-search', 's', [prefix('/')], { sectionName: 'https' }),
        route('team-a', 'a', [prefix('/')], { sectionName: 'http' }),
      ]),
    ).toEqual([]);
    expect(
      pairs([
        route('team-search', 's', [prefix('/')], {
          hostnames: ['search.example.com'],
        }),
        route('team-a', 'a', [prefix('/')], { hostnames: ['a.example.com'] }),
      ]),
    ).toEqual([]);
    expect(
      pairs([
        route('team-search', 's', [{ ...prefix('/x'), method: 'GET' }]),
        route('team-a', 'a', [{ ...prefix('/x'), method: 'POST' }]),
      ]),
    ).toEqual([]);
    // two different exact paths
    expect(
      pairs([
        route('team-search', 's', [exact('/a')]),
        route('team-a', 'a', [exact('/b')]),
      ]),
    ).toEqual([]);
  });

  it('hostnames: a wildcard covers its subdomains; no hostnames means every host', () => {
    const [o] = findRouteOverlaps('local', [
      route('team-search', 's', [prefix('/')], {
        hostnames: ['*.example.com'],
      }),
      route('team-a', 'a', [prefix('/')], { hostnames: ['api.example.com'] }),
    ]);
    expect(o.hosts).toEqual(['api.example.com']);
    const [p] = findRouteOverlaps('local', [
      route('team-search', 's', [prefix('/')], {
        hostnames: ['s.example.com'],
      }),
      route('team-a', 'a', [prefix('/')]),
    ]);
    expect(p.hosts).toEqual(['s.example.com']);
  });

  it('leaves out routes being deleted', () => {
    const going = route('team-a', 'a', [prefix('/')]);
    going.metadata.deletionTimestamp = '2026-12-02T10:00:00Z';
    expect(pairs([route('team-search', 's', [prefix('/s')]), going])).toEqual(
      [],
    );
  });
});

describe('findProblems with overlaps', () => {
  it("reports an overlap on the entity's own route only, naming the other team's route", () => {
    const mine = route('team-search', 'search', [prefix('/search')]);
    const theirs = route('team-a', 'catch-all', [prefix('/')]);
    const problems = findProblems(
      [
        {
          cluster: 'local',
          kind: 'HTTPRoute',
          group: 'gateway.networking.k8s.io',
          namespace: 'team-search',
          name: 'search',
          relation: 'owned',
          references: [],
          object: mine,
        } as unknown as Parameters<typeof findProblems>[0][number],
      ],
      {
        exists: () => true,
        referrerCount: () => 1,
        routes: () => [mine, theirs],
      },
    );
    expect(problems).toEqual([
      expect.objectContaining({
        type: 'OverlappingMatch',
        name: 'search',
        reference: expect.objectContaining({ name: 'catch-all' }),
      }),
    ]);
  });
});
