import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  KubeObject,
  PlatformOverviewResponse,
  ResourceItem,
  ResourceTab,
  SecretsResponse,
  TabResponse,
  aiGatewayPlatformReadPermission,
  aiGatewayReadPermission,
  getKind,
  kindsForTab,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../cache/ResourceCaches';
import { EntityResolver } from '../entities/EntityResolver';
import { ResolvedSelection, resolveSelection } from '../entities/selection';
import { AccessControl } from '../permissions/AccessControl';
import { toResourceItem } from './items';

const GATEWAY_API = 'gateway.networking.k8s.io';

export interface ReadServiceOptions {
  reader: ResourceReader;
  entities: EntityResolver;
  access: AccessControl;
  /** How long a request waits for caches that are still doing their first LIST (default 5000 ms). */
  syncWaitMs?: number;
}

/** Kinds whose `parentRefs` attach an entity to shared Gateways. */
const ATTACHING_KINDS = ['HTTPRoute', 'AgentgatewayModel'];

/** Entity tabs and the platform overview, served from the caches. */
export class ReadService {
  private readonly syncWaitMs: number;

  constructor(private readonly options: ReadServiceOptions) {
    this.syncWaitMs = options.syncWaitMs ?? 5000;
  }

  /**
   * Loads the entity (404 if unknown), checks `ai-gateway.resource.read` on it (403) and derives its
   * selection from annotations (400 if none). Reused by every entity-scoped route.
   */
  async resolveEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ResolvedSelection> {
    const entity = await this.options.entities.get(entityRef, credentials);
    await this.options.access.authorizeEntity(
      credentials,
      aiGatewayReadPermission,
      entityRef,
    );
    return resolveSelection(entity);
  }

  async getTab(
    entityRef: string,
    tab: ResourceTab,
    credentials: BackstageCredentials,
  ): Promise<TabResponse> {
    const resolved = await this.resolveEntity(entityRef, credentials);
    const { reader } = this.options;
    const tabKinds = kindsForTab(tab).map(k => k.kind);
    const kinds =
      tab === 'gateways'
        ? [...new Set([...tabKinds, ...ATTACHING_KINDS])]
        : tabKinds;
    await reader.waitUntilSettled(kinds, this.syncWaitMs);

    const items: ResourceItem[] = [];
    for (const cluster of reader.clusterNames()) {
      for (const kindName of tabKinds) {
        const kind = getKind(kindName);
        for (const obj of reader.query(cluster, kindName, resolved.query)) {
          items.push(toResourceItem(cluster, kind, obj, 'owned'));
        }
      }
      if (tab === 'gateways')
        items.push(...this.attachedGateways(cluster, resolved, items));
    }
    return {
      tab,
      selection: resolved.selection,
      items,
      clusters: reader.clusterNames().map(c => reader.clusterState(c, kinds)),
    };
  }

  /** Gateways the entity's routes (and models) attach to through `parentRefs`, not selected by the entity itself. */
  private attachedGateways(
    cluster: string,
    resolved: ResolvedSelection,
    owned: ResourceItem[],
  ): ResourceItem[] {
    const { reader } = this.options;
    const gateway = getKind('Gateway');
    const seen = new Set(
      owned
        .filter(i => i.cluster === cluster)
        .map(i => `${i.namespace}/${i.name}`),
    );
    const out: ResourceItem[] = [];
    for (const kindName of ATTACHING_KINDS) {
      const kind = getKind(kindName);
      for (const obj of reader.query(cluster, kindName, resolved.query)) {
        for (const ref of kind.references(obj)) {
          if (
            ref.role !== 'parent' ||
            ref.kind !== 'Gateway' ||
            ref.group !== GATEWAY_API
          )
            continue;
          const key = `${ref.namespace}/${ref.name}`;
          if (seen.has(key)) continue;
          const gw: KubeObject | undefined = reader.get(
            cluster,
            'Gateway',
            ref.namespace,
            ref.name,
          );
          if (!gw) continue;
          seen.add(key);
          out.push(toResourceItem(cluster, gateway, gw, 'attached'));
        }
      }
    }
    return out;
  }

  /**
   * The Secrets the entity selects, from the caches (which keep key names, type and labels, never values).
   * Same permission as the tabs (`ai-gateway.resource.read` on the entity).
   */
  async getSecrets(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<SecretsResponse> {
    const resolved = await this.resolveEntity(entityRef, credentials);
    const { reader } = this.options;
    await reader.waitUntilSettled(['Secret'], this.syncWaitMs);
    const kind = getKind('Secret');
    return {
      items: reader
        .clusterNames()
        .flatMap(cluster =>
          reader
            .query(cluster, 'Secret', resolved.query)
            .map(obj => toResourceItem(cluster, kind, obj, 'owned')),
        ),
    };
  }

  async getPlatformOverview(
    credentials: BackstageCredentials,
  ): Promise<PlatformOverviewResponse> {
    await this.options.access.authorize(
      credentials,
      aiGatewayPlatformReadPermission,
    );
    const { reader } = this.options;
    const kinds = ['GatewayClass', 'Gateway', 'AgentgatewayParameters'];
    await reader.waitUntilSettled(kinds, this.syncWaitMs);
    const list = (kindName: string) => {
      const kind = getKind(kindName);
      return reader
        .clusterNames()
        .flatMap(cluster =>
          reader
            .query(cluster, kindName)
            .map(o => toResourceItem(cluster, kind, o, 'owned')),
        );
    };
    return {
      gatewayClasses: list('GatewayClass'),
      gateways: list('Gateway'),
      parameters: list('AgentgatewayParameters'),
      clusters: reader.clusterNames().map(c => reader.clusterState(c, kinds)),
    };
  }
}
