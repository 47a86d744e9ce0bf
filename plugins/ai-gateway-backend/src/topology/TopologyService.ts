import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  KubeObject,
  MetricsResult,
  MetricsWindow,
  TopologyResponse,
  UsageResponse,
  aiGatewayPlatformReadPermission,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { ReadService } from '../service/ReadService';
import type { AccessControl } from '../permissions/AccessControl';
import type { MetricsService } from '../metrics/config';
import type { UsageResult } from '../metrics/types';
import { JoinInput } from './joinMetrics';
import { Structure } from './structure';
import { buildUsage } from './buildUsage';
import { TopologyObject, TopologyScope, objectKey } from './scope';
import { TopologyBody, TopologyCache } from './topologyCache';
import { TopologyObjects, TopologyReader, withKind } from './objectFeed';

interface Graph {
  key: string;
  structure: Structure;
  input: JoinInput;
}

interface EntityScope {
  scope: TopologyScope;
  clusters: string[];
  owned: ReadonlySet<string>;
}

/** entities whose scope (owned keys) is remembered, least recently used dropped first */
const MAX_SCOPES = 256;

/** The kinds a topology is made of. */
export const TOPOLOGY_KINDS = [
  'Gateway',
  'HTTPRoute',
  'AgentgatewayBackend',
  'AgentgatewayPolicy',
];

export interface TopologyServiceOptions {
  /** the kind caches; when they announce changes (ResourceCaches does), a request reads only those */
  reader: TopologyReader;
  /** resolves an entity (404 / 403 / 400 as the tabs do) */
  reads: Pick<ReadService, 'resolveEntity'>;
  access: AccessControl;
  metrics: MetricsService;
  syncWaitMs?: number;
  /** graphs asked for within this time are joined ahead with each new scrape (default 5 min) */
  prepareRecentMs?: number;
}

/**
 * Topology and usage for an entity (its own objects + the shared gateways they attach to) or for the
 * platform (everything; needs the platform read permission). Objects come from the caches, numbers from
 * the metrics service, read in the background once per scrape interval: each new result is joined into the
 * graphs asked for recently (and serialized, gzipped) before requests see it, so a request after a scrape
 * copies a prepared body like any other.
 */
export class TopologyService {
  private readonly cache = new TopologyCache();
  private readonly feed: TopologyObjects;
  /** per entity: its scope, valid while the objects' version and the entity's query stay the same */
  private readonly scopes = new Map<
    string,
    { query: string; version: number; value: EntityScope }
  >();

  constructor(private readonly options: TopologyServiceOptions) {
    this.feed = new TopologyObjects(options.reader, TOPOLOGY_KINDS);
    options.metrics.onSnapshot((cluster, window, result) =>
      this.cache
        .prepare({
          cluster,
          window,
          result,
          current: c => options.metrics.currentSnapshot(c, window),
          clusterStates: () => this.clusterStates(),
          recentMs: options.prepareRecentMs ?? 300_000,
        })
        .then(() => undefined),
    );
  }

  async entityTopology(
    entityRef: string,
    window: MetricsWindow,
    credentials: BackstageCredentials,
  ): Promise<TopologyResponse> {
    const g = await this.entityGraph(entityRef, window, credentials);
    return {
      ...this.cache.topology(g.key, g.structure, g.input),
      clusters: this.clusterStates(),
    };
  }

  async platformTopology(
    window: MetricsWindow,
    credentials: BackstageCredentials,
  ): Promise<TopologyResponse> {
    const g = await this.platformGraph(window, credentials);
    return {
      ...this.cache.topology(g.key, g.structure, g.input),
      clusters: this.clusterStates(),
    };
  }

  /** {@link entityTopology}, serialized once per graph version (the route sends these bytes). */
  async entityTopologyBody(
    entityRef: string,
    window: MetricsWindow,
    credentials: BackstageCredentials,
  ): Promise<TopologyBody> {
    const g = await this.entityGraph(entityRef, window, credentials);
    return this.cache.body(g.key, g.structure, g.input, this.clusterStates());
  }

  /** {@link platformTopology}, serialized once per graph version. */
  async platformTopologyBody(
    window: MetricsWindow,
    credentials: BackstageCredentials,
  ): Promise<TopologyBody> {
    const g = await this.platformGraph(window, credentials);
    return this.cache.body(g.key, g.structure, g.input, this.clusterStates());
  }

  private async entityGraph(
    entityRef: string,
    window: MetricsWindow,
    credentials: BackstageCredentials,
  ): Promise<Graph> {
    const { scope, clusters, owned } = await this.entityScope(
      entityRef,
      credentials,
    );
    const metrics = await this.collect(clusters, c =>
      this.options.metrics.snapshot(c, window),
    );
    // after the last await: the objects, their version and the entity's keys are read together
    const version = this.feed.sync();
    const key = `entity|${entityRef}`;
    return {
      key,
      structure: this.cache.structureAt(key, this.feed, version, scope, owned),
      input: { metrics, window },
    };
  }

  private async platformGraph(
    window: MetricsWindow,
    credentials: BackstageCredentials,
  ): Promise<Graph> {
    await this.options.access.authorize(
      credentials,
      aiGatewayPlatformReadPermission,
    );
    await this.options.reader.waitUntilSettled(
      TOPOLOGY_KINDS,
      this.options.syncWaitMs ?? 5000,
    );
    const metrics = await this.collect(this.options.reader.clusterNames(), c =>
      this.options.metrics.snapshot(c, window),
    );
    const version = this.feed.sync();
    return {
      key: 'platform',
      structure: this.cache.structureAt('platform', this.feed, version, {
        type: 'platform',
      }),
      input: { metrics, window },
    };
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

  /**
   * The entity's owned objects decide the scope; only clusters where it has objects are asked for metrics.
   * Kept per entity while the objects' version (every change the caches announce bumps it) and the
   * entity's query stay the same: then the same `owned` set, so its structure needs no comparison.
   */
  private async entityScope(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityScope> {
    const resolved = await this.options.reads.resolveEntity(
      entityRef,
      credentials,
    );
    const { reader } = this.options;
    await reader.waitUntilSettled(
      TOPOLOGY_KINDS,
      this.options.syncWaitMs ?? 5000,
    );
    const version = this.feed.sync();
    const query = `${resolved.selection.entityRef}|${JSON.stringify(
      resolved.query,
    )}`;
    const hit = this.scopes.get(entityRef);
    if (hit && hit.version === version && hit.query === query) {
      this.scopes.delete(entityRef);
      this.scopes.set(entityRef, hit);
      return hit.value;
    }
    const value = this.readScope(resolved);
    this.scopes.delete(entityRef);
    this.scopes.set(entityRef, { query, version, value });
    if (this.scopes.size > MAX_SCOPES)
      this.scopes.delete(this.scopes.keys().next().value as string);
    return value;
  }

  private readScope(
    resolved: Awaited<ReturnType<ReadService['resolveEntity']>>,
  ): EntityScope {
    const { reader } = this.options;
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
      owned,
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
            .map(object => ({ cluster, object: withKind(object, kind) })),
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
