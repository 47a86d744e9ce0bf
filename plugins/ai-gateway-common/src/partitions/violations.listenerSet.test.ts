import type { KubeObject } from '../registry/types';
import type {
  GatewayPartition,
  ListenerSetLookup,
  ListenerSetParent,
  PartitionSubject,
} from './types';
import { partitionViolations } from './violations';
import { outsidePartitionProblem } from '../problems/outsidePartition';

const GW = 'agentgateway-system/shared';
const partition: GatewayPartition = {
  gateway: GW,
  listeners: { http: undefined, https: 'ai.example.com' },
  assignments: [
    { owner: 'group:default/team-search', pathPrefixes: ['/search'] },
    {
      owner: 'component:default/payments-agent',
      hostnames: ['payments.example.com'],
      pathPrefixes: ['/payments'],
    },
    {
      namespace: 'team-support',
      listener: 'https',
      pathPrefixes: ['/support'],
    },
  ],
};
const partitionOf = (g: string) => (g === GW ? partition : undefined);

// ListenerSets: `team-search/extra` attaches to the partitioned Gateway, `team-search/elsewhere` to another one
const sets: Record<string, ListenerSetParent> = {
  'team-search/extra': {
    gateway: GW,
    listeners: { plain: undefined, pay: 'payments.example.com' },
  },
  'team-search/elsewhere': {
    gateway: 'other/gw',
    listeners: { plain: undefined },
  },
};
const lookup: ListenerSetLookup = {
  listenerSet: ref => sets[ref],
  partitionedGateways: () => [GW],
};

const search: PartitionSubject = {
  namespace: 'team-search',
  entityRef: 'component:default/search-rag',
  owners: ['group:default/team-search'],
};
const payments: PartitionSubject = {
  namespace: 'team-search',
  entityRef: 'component:default/payments-agent',
  owners: ['group:default/team-payments'],
};
const support: PartitionSubject = { namespace: 'team-support' };

const through = (
  name: string,
  prefix: string,
  extra: object = {},
  namespace = 'team-search',
): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'r', namespace },
  spec: {
    parentRefs: [
      { kind: 'ListenerSet', group: 'gateway.networking.k8s.io', name },
    ],
    rules: [{ matches: [{ path: { type: 'PathPrefix', value: prefix } }] }],
    ...extra,
  },
});

describe('partitionViolations through a ListenerSet', () => {
  it('checks the route against the partition of the Gateway the ListenerSet attaches to', () => {
    expect(
      partitionViolations(
        through('extra', '/search/v1'),
        search,
        partitionOf,
        lookup,
      ),
    ).toEqual([]);
    const v = partitionViolations(
      through('extra', '/payments'),
      search,
      partitionOf,
      lookup,
    );
    expect(v).toEqual([
      {
        gateway: GW,
        listenerSet: 'team-search/extra',
        field: 'spec.rules[0].matches[0].path.value',
        reason: 'FieldValueForbidden',
        message:
          'PathPrefix /payments is outside the path prefixes assigned to component:default/search-rag (namespace team-search) on Gateway agentgateway-system/shared (through ListenerSet team-search/extra): /search (group:default/team-search)',
      },
    ]);
    // the OutsidePartition problem points at the route's parent: the ListenerSet
    expect(
      outsidePartitionProblem(
        'local',
        { namespace: 'team-search', name: 'r' },
        v[0],
      ).reference,
    ).toEqual({
      group: 'gateway.networking.k8s.io',
      kind: 'ListenerSet',
      namespace: 'team-search',
      name: 'extra',
      role: 'parent',
    });
  });

  it('takes the hostnames a route without hostnames claims from the ListenerSet listener it names', () => {
    const fields = (sectionName: string | undefined, hostnames?: string[]) =>
      partitionViolations(
        {
          ...through('extra', '/payments'),
          spec: {
            parentRefs: [{ kind: 'ListenerSet', name: 'extra', sectionName }],
            rules: [
              {
                matches: [{ path: { type: 'PathPrefix', value: '/payments' } }],
              },
            ],
            ...(hostnames ? { hostnames } : {}),
          },
        },
        payments,
        partitionOf,
        lookup,
      ).map(v => v.field);
    expect(fields('pay')).toEqual([]);
    expect(fields('plain')).toEqual(['spec.hostnames']);
    // no sectionName: every listener of the ListenerSet, one of which serves every host
    expect(fields(undefined)).toEqual(['spec.hostnames']);
    // a listener the ListenerSet does not have serves no known hostname: fail closed
    expect(fields('nope')).toEqual(['spec.hostnames']);
    expect(fields('plain', ['evil.example.com'])).toEqual([
      'spec.hostnames[0]',
    ]);
    expect(fields('plain', ['payments.example.com'])).toEqual([]);
  });

  it('does not let a ListenerSet listener stand in for the Gateway listener an assignment names', () => {
    const r = {
      ...through('extra', '/support', {}, 'team-support'),
      spec: {
        parentRefs: [
          {
            kind: 'ListenerSet',
            name: 'extra',
            namespace: 'team-search',
            sectionName: 'https',
          },
        ],
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/support' } }] },
        ],
      },
    };
    const v = partitionViolations(r, support, partitionOf, lookup);
    expect(v.map(x => [x.field, x.reason])).toEqual([
      ['spec.parentRefs[0]', 'FieldValueForbidden'],
    ]);
    expect(v[0].message).toContain(
      'not the listeners of ListenerSet team-search/extra',
    );
  });

  it('refuses a writer with no assignment on the Gateway behind the ListenerSet; ignores ListenerSets of other Gateways', () => {
    const nobody: PartitionSubject = { namespace: 'team-search' };
    expect(
      partitionViolations(
        through('extra', '/x'),
        nobody,
        partitionOf,
        lookup,
      ).map(v => v.field),
    ).toEqual(['spec.parentRefs[0]']);
    expect(
      partitionViolations(
        through('elsewhere', '/payments'),
        search,
        partitionOf,
        lookup,
      ),
    ).toEqual([]);
  });

  it('fails closed on a ListenerSet it cannot resolve while the cluster has a partitioned Gateway', () => {
    const v = partitionViolations(
      through('unknown', '/search'),
      search,
      partitionOf,
      lookup,
    );
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({
      gateway: GW,
      listenerSet: 'team-search/unknown',
      field: 'spec.parentRefs[0]',
      reason: 'FieldValueForbidden',
    });
    // nothing partitioned in the cluster: nothing to protect
    expect(
      partitionViolations(
        through('unknown', '/payments'),
        search,
        () => undefined,
        {
          listenerSet: () => undefined,
          partitionedGateways: () => [],
        },
      ),
    ).toEqual([]);
    // a caller that cannot resolve ListenerSets at all: refused
    expect(
      partitionViolations(through('extra', '/search'), search, partitionOf).map(
        v_ => v_.field,
      ),
    ).toEqual(['spec.parentRefs[0]']);
  });

  it('checks each parentRef on its own: a Gateway parent inside does not excuse a ListenerSet parent outside', () => {
    const r: KubeObject = {
      ...through('extra', '/search'),
      spec: {
        parentRefs: [
          { name: 'shared', namespace: 'agentgateway-system' },
          { kind: 'ListenerSet', name: 'extra' },
        ],
        hostnames: ['evil.example.com'],
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/search' } }] },
        ],
      },
    };
    expect(
      partitionViolations(r, payments, partitionOf, lookup).map(v => [
        v.field,
        v.listenerSet,
      ]),
    ).toEqual([
      ['spec.hostnames[0]', undefined],
      ['spec.rules[0].matches[0].path.value', undefined],
      ['spec.hostnames[0]', 'team-search/extra'],
      ['spec.rules[0].matches[0].path.value', 'team-search/extra'],
    ]);
  });
});
