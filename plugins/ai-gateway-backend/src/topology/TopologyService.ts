import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  KubeObject,
  MetricsResult,
  MetricsWindow,
  TopologyResponse,
  UsageResponse,
  aiGatewayPlatformReadPermission,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { ResourceReader } from '../cache/ResourceCaches';
import type { ReadService } from '../service/ReadService';
import type { AccessControl } from '../permissions/AccessControl';
import type { MetricsService } from '../metrics/config';
import type { UsageResult } from '../metrics/types';
import { buildTopology } from './buildTopology';
import { buildUsage } from './buildUsage';
import { TopologyObject, TopologyScope, objectKey } from './scope';
import { TopologyCache } from './topologyCache';

/** The kinds a topology is made of. */
export const TOPOLOGY_KINDS = [
  'Gateway',
  'HTTPRoute',
  'AgentgatewayBackend',
  'AgentgatewayPolicy',
];

export interface TopologyServiceOptions {
  reader: ResourceReader;
  /** resolves an entity (404 / 403 / 400 as the tabs do) */
  reads: Pick<ReadService, 'resolveEntity'>;
  access: AccessControl;
  metrics: MetricsService;
  syncWaitMs?: number;
}

/**
 * Topology and usage for an entity (its own objects + the shared gateways they attach to) or for the
 * platform (everything; needs the platform read permission). Objects come from the caches, numbers from
 * the metrics service (fixed queries, cached per cluster and window).
 */
export class TopologyService {
  private readonly cache = new TopologyCache();

  constructor(private readonly options: TopologyServiceOptions) {}

  async entityTopology(
    entityRef: string,
    window: MetricsWindow,
    credentials: BackstageCredentials,
  ): Promise<TopologyResponse> {
    const { scope, clusters, ownedKey } = await this.entityScope(
      entityRef,
      credentials,
    );
    const objects = await this.objects();
    const metrics = await this.collect(clusters, c =>
      this.options.metrics.snapshot(c, window),
    );
    const built = this.cache.get(
      `entity|${entityRef}|${window}|${ownedKey}`,
      TopologyCache.fingerprint(objects),
      metrics,
      () => buildTopology({ objects, metrics, scope, window }),
    );
    return { ...built, clusters: this.clusterStates() };
  }

  async platformTopology(
    window: MetricsWindow,
    credentials: BackstageCredentials,
  ): Promise<TopologyResponse> {
    await this.options.access.authorize(
      credentials,
      aiGatewayPlatformReadPermission,
    );
    const objects = await this.objects();
    const metrics = await this.collect(this.options.reader.clusterNames(), c =>
      this.options.metrics.snapshot(c, window),
    );
    const built = this.cache.get(
      `platform|${window}`,
      TopologyCache.fingerprint(objects),
      metrics,
      () =>
        buildTopology({
          objects,
          metrics,
          scope: { type: 'platform' },
          window,
        }),
    );
    return { ...built, clusters: this.clusterStates() };
  }

  async entityUsage(
    entityRef: string,
    window: MetricsWindow,
    credentials: BackstageCredentials,
  ): Promise<UsageResponse> {
    const { scope, clusters } = await this.entityScope(entityRef, credentials);
    const objects = await this.objects();
    const usage = await this.collect(clusters, c =>
      this.options.metrics.usage(c, window),
    );
    return buildUsage({ objects, usage, scope, window });
  }

  async platformUsage(
    window: MetricsWindow,
    credentials: BackstageCredentials,
  ): Promise<UsageResponse> {
    await this.options.access.authorize(
      credentials,
      aiGatewayPlatformReadPermission,
    );
    const objects = await this.objects();
    const usage = await this.collect(this.options.reader.clusterNames(), c =>
      this.options.metrics.usage(c, window),
    );
    return buildUsage({ objects, usage, scope: { type: 'platform' }, window });
  }

  /** The entity's owned objects decide the scope; only clusters where it has objects are asked for metrics. */
  private async entityScope(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<{ scope: TopologyScope; clusters: string[]; ownedKey: string }> {
    const resolved = await this.options.reads.resolveEntity(
      entityRef,
      credentials,
    );
    const { reader } = this.options;
    await reader.waitUntilSettled(
      TOPOLOGY_KINDS,
      this.options.syncWaitMs ?? 5000,
    );
    const owned = new Set<string>();
    const clusters = new Set<string>();
    for (const cluster of reader.clusterNames()) {
      for (const kind of TOPOLOGY_KINDS) {
        for (const o of reader.query(cluster, kind, resolved.query)) {
          owned.add(
            objectKey(cluster, kind, o.metadata.namespace, o.metadata.name),
          );
          clusters.add(cluster);
        }
      }
    }
    return {
      scope: {
        type: 'entity',
        entityRef: resolved.selection.entityRef,
        owns: (cluster: string, obj: KubeObject) =>
          owned.has(
            objectKey(
              cluster,
              obj.kind,
              obj.metadata.namespace,
              obj.metadata.name,
            ),
          ),
      },
      clusters: [...clusters].sort(),
      ownedKey: [...owned].sort().join(','),
    };
  }

  private async objects(): Promise<TopologyObject[]> {
    const { reader } = this.options;
    await reader.waitUntilSettled(
      TOPOLOGY_KINDS,
      this.options.syncWaitMs ?? 5000,
    );
    return reader
      .clusterNames()
      .flatMap(cluster =>
        TOPOLOGY_KINDS.flatMap(kind =>
          reader
            .query(cluster, kind)
            .map(object => ({ cluster, object: { ...object, kind } })),
        ),
      );
  }

  private clusterStates() {
    const { reader } = this.options;
    return reader
      .clusterNames()
      .map(c => reader.clusterState(c, TOPOLOGY_KINDS));
  }

  private async collect<T extends MetricsResult | UsageResult>(
    clusters: string[],
    read: (cluster: string) => Promise<T>,
  ): Promise<Record<string, T>> {
    const results = await Promise.all(clusters.map(read));
    return Object.fromEntries(clusters.map((c, i) => [c, results[i]]));
  }
}
