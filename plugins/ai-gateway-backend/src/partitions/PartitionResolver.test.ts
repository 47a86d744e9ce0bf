import { ConfigReader } from '@backstage/config';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  PartitionResolver,
  readConfiguredPartitions,
} from './PartitionResolver';

const gateway = (annotation?: string): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: {
    name: 'shared',
    namespace: 'gw',
    ...(annotation !== undefined && {
      annotations: { 'ai-gateway.backstage.io/partitions': annotation },
    }),
  },
  spec: {
    listeners: [
      { name: 'http', port: 80, protocol: 'HTTP' },
      {
        name: 'https',
        port: 443,
        protocol: 'HTTPS',
        hostname: 'ai.example.com',
      },
    ],
  },
});

describe('PartitionResolver', () => {
  const configured = readConfiguredPartitions(
    new ConfigReader({
      aiGateway: {
        gateways: [
          { gateway: 'gw/shared', url: 'https://ai.example.com' },
          {
            gateway: 'gw/shared',
            cluster: 'prod',
            partitions: [{ namespace: 'team-a', pathPrefixes: ['/a'] }],
          },
        ],
      },
    }),
  );

  it('joins the annotation and the config of the cluster, with the listeners', () => {
    let current = gateway(
      '- {owner: group:default/team-b, pathPrefixes: [/b]}',
    );
    const resolver = new PartitionResolver({
      configured,
      gateway: () => current,
    });
    expect(resolver.partitionOf('prod', 'gw/shared')).toEqual({
      gateway: 'gw/shared',
      assignments: [
        { owner: 'group:default/team-b', pathPrefixes: ['/b'] },
        { namespace: 'team-a', pathPrefixes: ['/a'] },
      ],
      listeners: { http: undefined, https: 'ai.example.com' },
    });
    // another cluster: only the annotation
    expect(resolver.partitionOf('dev', 'gw/shared')?.assignments).toHaveLength(
      1,
    );
    // a changed annotation is read again
    current = gateway('- {namespace: team-c}');
    expect(resolver.partitionOf('dev', 'gw/shared')?.assignments).toEqual([
      { namespace: 'team-c' },
    ]);
  });

  it('is undefined for a Gateway without partitions, fail-closed for an unreadable annotation', () => {
    const plain = new PartitionResolver({
      configured: [],
      gateway: () => gateway(),
    });
    expect(plain.partitionOf('dev', 'gw/shared')).toBeUndefined();
    const broken = new PartitionResolver({
      configured: [],
      gateway: () => gateway('- {owner: nobody}'),
    });
    expect(broken.partitionOf('dev', 'gw/shared')).toEqual(
      expect.objectContaining({
        assignments: [],
        error: expect.stringContaining('not an entity ref'),
      }),
    );
  });

  it('resolves ListenerSets from the cache and lists the partitioned Gateways of a cluster', () => {
    const other: KubeObject = {
      ...gateway(),
      metadata: { name: 'plain', namespace: 'gw' },
    };
    const annotated: KubeObject = {
      ...gateway('- {namespace: team-c}'),
      metadata: {
        ...gateway('- {namespace: team-c}').metadata,
        name: 'annotated',
        namespace: 'edge',
      },
    };
    const sets: Record<string, KubeObject> = {
      'team-a/extra': {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'ListenerSet',
        metadata: { name: 'extra', namespace: 'team-a' },
        spec: {
          parentRef: { name: 'shared', namespace: 'gw' },
          listeners: [
            {
              name: 'x',
              port: 8080,
              protocol: 'HTTP',
              hostname: 'x.example.com',
            },
          ],
        },
      },
    };
    const resolver = new PartitionResolver({
      configured,
      gateway: () => undefined,
      gateways: () => [other, annotated],
      listenerSet: (_cluster, namespace, name) => sets[`${namespace}/${name}`],
    });
    const prod = resolver.listenerSets('prod');
    expect(prod.listenerSet('team-a/extra')).toEqual({
      gateway: 'gw/shared',
      listeners: { x: 'x.example.com' },
    });
    expect(prod.listenerSet('team-a/missing')).toBeUndefined();
    // configured for prod only, annotated in every cluster
    expect(prod.partitionedGateways()).toEqual(['edge/annotated', 'gw/shared']);
    expect(resolver.listenerSets('dev').partitionedGateways()).toEqual([
      'edge/annotated',
    ]);
  });

  it('refuses bad config at start, naming the entry', () => {
    expect(() =>
      readConfiguredPartitions(
        new ConfigReader({
          aiGateway: {
            gateways: [
              { gateway: 'gw/x', partitions: [{ pathPrefixes: ['/a'] }] },
            ],
          },
        }),
      ),
    ).toThrow(
      'aiGateway.gateways[0].partitions[0]: exactly one of owner or namespace',
    );
  });
});
