import type { KubeObject } from '../registry/types';
import type { GatewayPartition, PartitionSubject } from './types';
import { partitionViolations } from './violations';

const GW = 'agentgateway-system/shared';
const partition: GatewayPartition = {
  gateway: GW,
  listeners: { http: undefined, https: 'ai.example.com' },
  assignments: [
    { owner: 'group:default/team-search', pathPrefixes: ['/search'] },
    {
      owner: 'component:default/payments-agent',
      hostnames: ['payments.example.com', '*.payments.example.com'],
      pathPrefixes: ['/payments'],
    },
    {
      namespace: 'team-support',
      listener: 'https',
      pathPrefixes: ['/support'],
    },
    {
      namespace: 'team-regex',
      pathPrefixes: ['/rx'],
      allowRegularExpressions: true,
    },
  ],
};
const partitionOf = (g: string) => (g === GW ? partition : undefined);

const search: PartitionSubject = {
  namespace: 'team-search',
  entityRef: 'component:default/search-rag',
  owners: ['group:default/team-search'],
};
const payments: PartitionSubject = {
  namespace: 'team-payments',
  entityRef: 'component:default/payments-agent',
  owners: ['group:default/team-payments'],
};

const route = (spec: object, namespace = 'team-search'): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'r', namespace },
  spec: {
    parentRefs: [{ name: 'shared', namespace: 'agentgateway-system' }],
    ...spec,
  },
});
const paths = (...values: Array<[string, string]>) => ({
  rules: [
    { matches: values.map(([type, value]) => ({ path: { type, value } })) },
  ],
});
const fieldsOf = (r: KubeObject, s: PartitionSubject) =>
  partitionViolations(r, s, partitionOf).map(v => v.field);

describe('partitionViolations', () => {
  it('passes a route inside its owner group assignment', () => {
    expect(
      fieldsOf(
        route(paths(['PathPrefix', '/search/v1'], ['Exact', '/search'])),
        search,
      ),
    ).toEqual([]);
  });

  it('names each match outside, with the assignment in the message', () => {
    const r = route({
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/search' } }] },
        {
          matches: [
            { path: { type: 'Exact', value: '/payments/agent' } },
            { path: { type: 'PathPrefix', value: '/searchx' } },
          ],
        },
      ],
    });
    const v = partitionViolations(r, search, partitionOf);
    expect(v.map(x => x.field)).toEqual([
      'spec.rules[1].matches[0].path.value',
      'spec.rules[1].matches[1].path.value',
    ]);
    expect(v[0].message).toContain('Exact /payments/agent is outside');
    expect(v[0].message).toContain('/search');
    expect(v[0].message).toContain('group:default/team-search');
  });

  it('treats a rule without matches, a match without a path and a route without rules as PathPrefix /', () => {
    expect(fieldsOf(route({ rules: [{}] }), search)).toEqual([
      'spec.rules[0].matches',
    ]);
    expect(
      fieldsOf(
        route({
          rules: [{ matches: [{ headers: [{ name: 'x', value: 'y' }] }] }],
        }),
        search,
      ),
    ).toEqual(['spec.rules[0].matches[0].path']);
    expect(fieldsOf(route({}), search)).toEqual(['spec.rules']);
  });

  it('refuses RegularExpression paths unless the assignment allows them', () => {
    expect(
      fieldsOf(route(paths(['RegularExpression', '/search/.*'])), search),
    ).toEqual(['spec.rules[0].matches[0].path.type']);
    expect(
      fieldsOf(route(paths(['RegularExpression', '/rx/.*']), 'team-regex'), {
        namespace: 'team-regex',
      }),
    ).toEqual([]);
  });

  it('checks hostnames by wildcard and requires them when the assignment restricts hosts', () => {
    const ok = route(
      {
        hostnames: ['payments.example.com', 'eu.payments.example.com'],
        ...paths(['PathPrefix', '/payments']),
      },
      'team-payments',
    );
    expect(fieldsOf(ok, payments)).toEqual([]);
    const wide = route(
      {
        hostnames: ['payments.example.com', '*.example.com'],
        ...paths(['PathPrefix', '/payments']),
      },
      'team-payments',
    );
    expect(fieldsOf(wide, payments)).toEqual(['spec.hostnames[1]']);
    // no hostnames: every host of the listeners (the `http` listener has none)
    const none = route(paths(['PathPrefix', '/payments']), 'team-payments');
    expect(fieldsOf(none, payments)).toEqual(['spec.hostnames']);
  });

  it('refuses a writer with no assignment on the partitioned gateway at the parentRef', () => {
    const v = partitionViolations(
      route(paths(['PathPrefix', '/x']), 'team-other'),
      {
        namespace: 'team-other',
        entityRef: 'component:default/other',
        owners: ['group:default/other'],
      },
      partitionOf,
    );
    expect(v).toEqual([
      expect.objectContaining({
        field: 'spec.parentRefs[0]',
        message: expect.stringContaining('has no assignment'),
      }),
    ]);
  });

  it('limits a listener assignment to routes naming that listener', () => {
    const support = { namespace: 'team-support' };
    const onHttps = route(
      {
        parentRefs: [
          {
            name: 'shared',
            namespace: 'agentgateway-system',
            sectionName: 'https',
          },
        ],
        ...paths(['PathPrefix', '/support']),
      },
      'team-support',
    );
    expect(fieldsOf(onHttps, support)).toEqual([]);
    expect(
      fieldsOf(
        route(paths(['PathPrefix', '/support']), 'team-support'),
        support,
      ),
    ).toEqual(['spec.parentRefs[0].sectionName']);
  });

  it('fails closed when the partition cannot be read; ignores gateways without one', () => {
    const broken = (g: string) =>
      g === GW
        ? { gateway: GW, assignments: [], error: 'bad YAML' }
        : undefined;
    expect(
      partitionViolations(
        route(paths(['PathPrefix', '/search'])),
        search,
        broken,
      )[0],
    ).toEqual(
      expect.objectContaining({
        field: 'spec.parentRefs[0]',
        message: expect.stringContaining('bad YAML'),
      }),
    );
    const elsewhere = route({
      parentRefs: [{ name: 'private', namespace: 'team-search' }],
      rules: [{}],
    });
    expect(fieldsOf(elsewhere, search)).toEqual([]);
  });
});
