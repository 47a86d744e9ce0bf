import { ConfigReader } from '@backstage/config';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  hostAllowed,
  partitionCauses,
  pathAllowed,
  readPartitions,
} from './partitions';

const partitions = readPartitions(
  new ConfigReader({
    aiGateway: {
      partitions: [
        {
          gateway: { namespace: 'agentgateway-system', name: 'shared' },
          namespace: 'team-search',
          hostnames: ['search.example.com', '*.search.example.com'],
          pathPrefixes: ['/search'],
        },
        {
          gateway: { namespace: 'agentgateway-system', name: 'shared' },
          namespace: 'team-payments',
          pathPrefixes: ['/payments'],
        },
      ],
    },
  }),
);

const route = (namespace: string, spec: object): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'r', namespace },
  spec: {
    parentRefs: [{ name: 'shared', namespace: 'agentgateway-system' }],
    ...spec,
  },
});

describe('shared gateway partitions', () => {
  it('hosts and paths match segment-wise and by wildcard', () => {
    expect(hostAllowed('a.search.example.com', ['*.search.example.com'])).toBe(
      true,
    );
    expect(hostAllowed('search.example.com.evil', ['search.example.com'])).toBe(
      false,
    );
    expect(hostAllowed('*.example.com', ['*.search.example.com'])).toBe(false);
    expect(pathAllowed('/search/v1', ['/search'])).toBe(true);
    expect(pathAllowed('/search', ['/search/'])).toBe(true);
    expect(pathAllowed('/searchx', ['/search'])).toBe(false);
  });

  it('a route inside its assignment passes', () => {
    expect(
      partitionCauses(
        route('team-search', {
          hostnames: ['search.example.com'],
          rules: [
            {
              matches: [
                { path: { type: 'PathPrefix', value: '/search/agent' } },
              ],
            },
          ],
        }),
        partitions,
      ),
    ).toEqual([]);
  });

  it('capturing another team’s traffic is refused at the field', () => {
    const causes = partitionCauses(
      route('team-search', {
        hostnames: ['payments.example.com'],
        rules: [
          {
            matches: [
              {
                path: { type: 'PathPrefix', value: '/' },
                headers: [{ name: 'x', value: 'y' }],
              },
            ],
          },
          { matches: [{ path: { type: 'Exact', value: '/payments/agent' } }] },
          {
            matches: [
              { path: { type: 'RegularExpression', value: '/search.*' } },
            ],
          },
          {},
        ],
      }),
      partitions,
    );
    expect(causes.map(c => c.field)).toEqual([
      'spec.hostnames[0]',
      'spec.rules[0].matches[0].path.value',
      'spec.rules[1].matches[0].path.value',
      'spec.rules[2].matches[0].path.value',
      'spec.rules[3].matches',
    ]);
    expect(causes[0].message).toMatch(
      /outside the hostnames assigned to team-search/,
    );
  });

  it('hostnames are required when assigned; a namespace without assignment cannot attach; other gateways are free', () => {
    expect(
      partitionCauses(
        route('team-search', {
          rules: [{ matches: [{ path: { value: '/search' } }] }],
        }),
        partitions,
      ).map(c => c.field),
    ).toEqual(['spec.hostnames']);
    expect(
      partitionCauses(route('team-other', {}), partitions).map(c => c.field),
    ).toEqual(['spec.parentRefs[0]']);
    expect(
      partitionCauses(
        {
          ...route('team-other', {}),
          spec: { parentRefs: [{ name: 'private-gw' }] },
        },
        partitions,
      ),
    ).toEqual([]);
  });
});
