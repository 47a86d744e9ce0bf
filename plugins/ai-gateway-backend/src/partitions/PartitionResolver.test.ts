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
