import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  DISCOVERY_SNAPSHOT_PATH,
  DiscoverySnapshot,
  DiscoverySource,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { apiEntity, locationOf, resourceEntity } from './entities';

/** Reads the discovery snapshot from the AI Gateway backend plugin. */
export type SnapshotReader = () => Promise<DiscoverySnapshot>;

/** `GET /api/ai-gateway/discovery/snapshot` with a plugin-to-plugin token of the catalog. */
export function httpSnapshotReader(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}): SnapshotReader {
  return async () => {
    const baseUrl = await options.discovery.getBaseUrl('ai-gateway');
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: await options.auth.getOwnServiceCredentials(),
      targetPluginId: 'ai-gateway',
    });
    const res = await fetch(`${baseUrl}${DISCOVERY_SNAPSHOT_PATH}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as DiscoverySnapshot;
  };
}

/**
 * Emits the API entities of the gateway's LLM / MCP / A2A endpoints and the Resource entities of its Gateways
 * and backends, from the backend plugin's discovery snapshot: a full mutation on a scheduled task (one replica
 * at a time) and delta mutations when the backend announces a change. While a cluster has not synced
 * (`complete: false`) nothing is removed.
 */
export class AiGatewayEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** entity ref → serialized deferred entity, as last applied by this instance */
  private applied?: Map<string, { json: string; deferred: DeferredEntity }>;

  constructor(
    private readonly options: {
      read: SnapshotReader;
      logger: LoggerService;
      enabled: boolean;
      taskRunner?: SchedulerServiceTaskRunner;
    },
  ) {}

  getProviderName(): string {
    return 'ai-gateway-discovery';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner?.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
  }

  /** Full mutation: what the snapshot has, and nothing else (unless the snapshot is incomplete). */
  async refresh(): Promise<void> {
    const connection = this.requireConnection();
    if (!this.options.enabled) {
      await connection.applyMutation({ type: 'full', entities: [] });
      this.applied = new Map();
      return;
    }
    const snapshot = await this.options.read();
    const next = this.toEntities(snapshot);
    if (!snapshot.complete) {
      this.options.logger.warn(
        `ai-gateway discovery: snapshot incomplete (${snapshot.clusters
          .filter(c => !c.ok)
          .map(c => `${c.name}: ${c.message ?? 'not synced'}`)
          .join('; ')}); adding and updating entities, removing none`,
      );
      await connection.applyMutation({
        type: 'delta',
        added: [...next.values()].map(v => v.deferred),
        removed: [],
      });
      this.applied = new Map([...(this.applied ?? []), ...next]);
      return;
    }
    await connection.applyMutation({
      type: 'full',
      entities: [...next.values()].map(v => v.deferred),
    });
    this.applied = next;
    this.options.logger.info(
      `ai-gateway discovery: ${snapshot.apis.length} API and ${snapshot.resources.length} Resource entities (snapshot ${snapshot.version})`,
    );
  }

  /** Delta mutation after the backend announced a change (a full one when this instance has no state yet). */
  async onChange(): Promise<void> {
    if (!this.connection || !this.options.enabled) return;
    if (!this.applied) {
      await this.refresh();
      return;
    }
    const snapshot = await this.options.read();
    const next = this.toEntities(snapshot);
    const added = [...next]
      .filter(([ref, v]) => this.applied!.get(ref)?.json !== v.json)
      .map(([, v]) => v.deferred);
    const removed = snapshot.complete
      ? [...this.applied]
          .filter(([ref]) => !next.has(ref))
          .map(([, v]) => v.deferred)
      : [];
    if (!added.length && !removed.length) return;
    await this.connection.applyMutation({ type: 'delta', added, removed });
    this.applied = snapshot.complete
      ? next
      : new Map([...this.applied, ...next]);
  }

  private requireConnection(): EntityProviderConnection {
    if (!this.connection) {
      throw new Error(
        'ai-gateway discovery: the provider is not connected yet',
      );
    }
    return this.connection;
  }

  /** Entities of the snapshot; a descriptor that cannot be turned into an entity is logged and skipped. */
  private toEntities(snapshot: DiscoverySnapshot) {
    const out = new Map<string, { json: string; deferred: DeferredEntity }>();
    if (
      !snapshot ||
      !Array.isArray(snapshot.apis) ||
      !Array.isArray(snapshot.resources)
    ) {
      throw new Error(
        'ai-gateway discovery: malformed snapshot (apis / resources missing)',
      );
    }
    const add = <T extends { source: DiscoverySource }>(
      item: T,
      build: (x: T) => Entity,
    ) => {
      try {
        const entity = build(item);
        const deferred = { entity, locationKey: locationOf(item.source) };
        out.set(stringifyEntityRef(entity), {
          json: JSON.stringify(deferred),
          deferred,
        });
      } catch (e) {
        this.options.logger.warn(
          `ai-gateway discovery: skipping a malformed descriptor: ${e}`,
        );
      }
    };
    if (snapshot.enabled === false) return out;
    snapshot.apis.forEach(a => add(a, apiEntity));
    snapshot.resources.forEach(r => add(r, resourceEntity));
    return out;
  }
}
