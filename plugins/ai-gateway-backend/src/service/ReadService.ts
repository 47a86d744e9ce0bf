import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  KubeObject,
  PlatformOverviewResponse,
  RESOURCE_KINDS,
  ResourceItem,
  ResourceTab,
  SecretsResponse,
  TabResponse,
  aiGatewayPlatformReadPermission,
  aiGatewayReadPermission,
  getKind,
  kindsForTab,
  findRouteOverlaps,
  overlapProblem,
  Problem,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../cache/ResourceCaches';
import { cachedListenerSet } from '../partitions/cachedListenerSet';
import { EntityResolver } from '../entities/EntityResolver';
import { ResolvedSelection, resolveSelection } from '../entities/selection';
import { AccessControl } from '../permissions/AccessControl';
import { TtlCache } from '../cache/TtlCache';
import { ResourceRow, toResourceItem, toResourceRow } from './items';

const GATEWAY_API = 'gateway.networking.k8s.io';

export interface ReadServiceOptions {
  reader: ResourceReader;
  entities: EntityResolver;
  access: AccessControl;
  /** How long a request waits for caches that are still doing their first LIST (default 5000 ms). */
  syncWaitMs?: number;
  /**
   * How long an entity lookup and its read decision are reused per (principal, entity), in ms (default 5000; 0 = off;
   * `aiGateway.readCache.entityTtlSeconds`). Within it, a catalog change or a policy change is not seen yet.
   */
  entityTtlMs?: number;
  /** The platform page's routes outside their partition (the mutations' inspect service). */
  outsidePartitions?: () => Promise<Problem[]>;
}

const TABS: ResourceTab[] = ['gateways', 'backends', 'routes', 'policies'];

/** Who asks, as a cache key: the user's entity ref, the service's subject, or none. */
function principalKey(credentials: BackstageCredentials): string {
  const p: unknown = credentials.principal;
  if (p && typeof p === 'object') {
    if ('userEntityRef' in p) return `user:${String(p.userEntityRef)}`;
    if ('subject' in p) return `service:${String(p.subject)}`;
  }
  return 'none';
}

/** Kinds whose `parentRefs` attach an entity to shared Gateways. */
const ATTACHING_KINDS = ['HTTPRoute', 'AgentgatewayModel'];

/** The kinds a tab reads (the gateways tab also reads the kinds that attach to shared gateways). */
function tabKinds(tab: ResourceTab): string[] {
  const own = kindsForTab(tab).map(k => k.kind);
  return tab === 'gateways' ? [...new Set([...own, ...ATTACHING_KINDS])] : own;
}

/** Entity tabs and the platform overview, served from the caches. */
export class ReadService {
  private readonly syncWaitMs: number;
  private readonly resolved: TtlCache<Promise<ResolvedSelection>>;

  constructor(private readonly options: ReadServiceOptions) {
    this.syncWaitMs = options.syncWaitMs ?? 5000;
    this.resolved = new TtlCache(options.entityTtlMs ?? 5000);
  }

  /**
   * Loads the entity (404 if unknown), checks `ai-gateway.resource.read` on it (403) and derives its
   * selection from annotations (400 if none). Reused by every entity-scoped route.
   */
  async resolveEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ResolvedSelection> {
    // one catalog lookup and one permission decision per (principal, entity) per TTL; only an ALLOW is
    // remembered (a denial, an unknown entity or a failure is asked again, so a grant takes effect at once)
    return this.resolved.get(
      `${principalKey(credentials)}\u0000${entityRef}`,
      async () => {
        const entity = await this.options.entities.get(entityRef, credentials);
        await this.options.access.authorizeEntity(
          credentials,
          aiGatewayReadPermission,
          entityRef,
        );
        return resolveSelection(entity);
      },
    );
  }

  async getTab(
    entityRef: string,
    tab: ResourceTab,
    credentials: BackstageCredentials,
  ): Promise<TabResponse> {
    const resolved = await this.resolveEntity(entityRef, credentials);
    const kinds = tabKinds(tab);
    await this.options.reader.waitUntilSettled(kinds, this.syncWaitMs);
    return {
      tab,
      selection: resolved.selection,
      items: this.tabItems(resolved, tab),
      clusters: this.clusterStates(kinds),
    };
  }

  /** All four tabs in one answer (one lookup, one permission decision), rows without objects. */
  async getTabs(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<{
    selection: ResolvedSelection['selection'];
    tabs: Record<ResourceTab, ResourceRow[]>;
    clusters: ReturnType<ReadService['clusterStates']>;
  }> {
    const resolved = await this.resolveEntity(entityRef, credentials);
    const kinds = [...new Set(TABS.flatMap(tabKinds))];
    await this.options.reader.waitUntilSettled(kinds, this.syncWaitMs);
    const tabs = Object.fromEntries(
      TABS.map(tab => [tab, this.tabItems(resolved, tab).map(toResourceRow)]),
    ) as Record<ResourceTab, ResourceRow[]>;
    return {
      selection: resolved.selection,
      tabs,
      clusters: this.clusterStates(kinds),
    };
  }

  /** One object of the entity's tabs, whole; 404 when the entity neither selects it nor attaches to it. */
  async getResource(
    entityRef: string,
    resourceKind: string,
    resourceName: string,
    credentials: BackstageCredentials,
  ): Promise<{ item: ResourceItem }> {
    const resolved = await this.resolveEntity(entityRef, credentials);
    const tab = TABS.find(t =>
      kindsForTab(t).some(k => k.kind === resourceKind),
    );
    const tabs = tab ? [tab] : [];
    if (resourceKind === 'Secret') {
      const secret = (await this.getSecrets(entityRef, credentials)).items.find(
        i => i.name === resourceName,
      );
      if (secret) return { item: secret };
    }
    for (const t of tabs) {
      await this.options.reader.waitUntilSettled(tabKinds(t), this.syncWaitMs);
      const item = this.tabItems(resolved, t).find(
        i => i.kind === resourceKind && i.name === resourceName,
      );
      if (item) return { item };
    }
    throw new NotFoundError(
      `${resourceKind} ${resourceName} is not among the objects of ${entityRef}`,
    );
  }

  private clusterStates(kinds: string[]) {
    const { reader } = this.options;
    return reader.clusterNames().map(c => reader.clusterState(c, kinds));
  }

  private tabItems(
    resolved: ResolvedSelection,
    tab: ResourceTab,
  ): ResourceItem[] {
    const { reader } = this.options;
    const kindNames = kindsForTab(tab).map(k => k.kind);
    const items: ResourceItem[] = [];
    for (const cluster of reader.clusterNames()) {
      for (const kindName of kindNames) {
        const kind = getKind(kindName);
        for (const obj of reader.query(cluster, kindName, resolved.query)) {
          items.push(toResourceItem(cluster, kind, obj, 'owned'));
        }
      }
      if (tab === 'gateways')
        items.push(...this.attachedGateways(cluster, resolved, items));
    }
    return items;
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
    // the registry's platform kinds (GatewayClass, Gateway, ListenerSet, AgentgatewayParameters); an optional kind
    // the cluster does not serve (ListenerSet before Gateway API v1.5) lists empty
    const kinds = RESOURCE_KINDS.filter(k => k.scope === 'platform').map(
      k => k.kind,
    );
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
      listenerSets: list('ListenerSet'),
      parameters: list('AgentgatewayParameters'),
      clusters: reader.clusterNames().map(c => reader.clusterState(c, kinds)),
      overlaps: reader
        .clusterNames()
        .flatMap(c =>
          findRouteOverlaps(
            c,
            reader.query(c, 'HTTPRoute'),
            undefined,
            cachedListenerSet(reader, c),
          ).flatMap(o =>
            (['a', 'b'] as const).map(side => overlapProblem(o, side)),
          ),
        ),
      outsidePartitions: (await this.options.outsidePartitions?.()) ?? [],
    };
  }
}
