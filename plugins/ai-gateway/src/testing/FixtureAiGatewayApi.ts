import {
  Capabilities,
  ClusterState,
  EntitySelection,
  KubeObject,
  MetricsWindow,
  TopologyResponse,
  UsageResponse,
  ProblemsResponse,
  ResourceItem,
  ResourceTab,
  TabResponse,
  kindsForTab,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type {
  AiGatewayApi,
  EntityTabsResponse,
  PlatformOverviewResponse,
  ResourceRow,
} from '../api/AiGatewayApi';
import { AiGatewayApiError } from '../api/errors';
import { toResourceItem } from './resourceItems';
import { FixtureWrites, FixtureWritesOptions } from './FixtureWrites';
import { fixtureOverlaps, fixtureProblems } from './fixtureProblems';

export interface FixtureError {
  statusCode: number;
  name: string;
  message: string;
}

export interface FixtureEntity {
  /** what the backend derived from the entity's annotations (echoed in `TabResponse.selection`) */
  selection?: Omit<EntitySelection, 'entityRef'>;
  /** objects the entity's annotations select */
  objects?: KubeObject[];
  /** shared objects the entity's routes attach to (relation `attached`) */
  attached?: KubeObject[];
  clusters?: ClusterState[];
  /** the backend rejects every call for this entity */
  error?: FixtureError;
}

const TABS: ResourceTab[] = ['gateways', 'backends', 'routes', 'policies'];

/** The error the real client throws for a backend error body. */
export async function responseErrorOf(
  e: FixtureError,
): Promise<AiGatewayApiError> {
  return AiGatewayApiError.fromBody(e.statusCode, {
    error: { name: e.name, message: e.message },
    request: { method: 'GET', url: '/api/ai-gateway' },
    response: { statusCode: e.statusCode },
  });
}

/**
 * An in-memory implementation of {@link AiGatewayApi} over fixture objects: it filters by tab kinds and
 * builds items with the shared registry, the way the backend does. For tests and the dev page.
 */
export class FixtureAiGatewayApi implements AiGatewayApi {
  /** every call, as `getTabs <ref>` / `getResource <ref> <kind> <name>` / `getPlatformOverview` */
  readonly calls: string[] = [];

  constructor(
    private readonly data: {
      entities?: Record<string, FixtureEntity>;
      platform?: {
        objects: KubeObject[];
        clusters?: ClusterState[];
        error?: FixtureError;
      };
      /** semantics of the write methods (editors) */
      writes?: FixtureWritesOptions;
      /** what getTopology / getUsage answer (per entity ref, `platform` for the platform) */
      topology?: Record<string, TopologyResponse>;
      usage?: Record<string, UsageResponse>;
    },
  ) {
    const objectsOf = (ref: string) => {
      const entity =
        (this.data.entities ??= {})[ref] ?? (this.data.entities[ref] = {});
      return (entity.objects ??= []);
    };
    this.entityWrites = new FixtureWrites(objectsOf, {
      namespace: 'default',
      ...data.writes,
    });
    const platformObjects = () =>
      (this.data.platform ??= { objects: [] }).objects;
    this.platformWrites = new FixtureWrites(() => platformObjects(), {
      ...data.writes,
      namespace: undefined,
    });
  }

  /** the in-memory write side of entity objects (what tests inspect) */
  readonly entityWrites: FixtureWrites;
  /** the in-memory write side of platform objects */
  readonly platformWrites: FixtureWrites;

  /** what the permission framework should answer in tests (from `writes.capabilities`; not an API call) */
  get capabilities(): Partial<Capabilities> {
    return this.data.writes?.capabilities ?? {};
  }
  createResource: AiGatewayApi['createResource'] = (...a) =>
    this.entityWrites.createResource(...a);
  updateResource: AiGatewayApi['updateResource'] = (...a) =>
    this.entityWrites.updateResource(...a);
  deleteResource: AiGatewayApi['deleteResource'] = (...a) =>
    this.entityWrites.deleteResource(...a);
  validateResource: AiGatewayApi['validateResource'] = (...a) =>
    this.entityWrites.validateResource(...a);
  getReferrers: AiGatewayApi['getReferrers'] = (...a) =>
    this.entityWrites.getReferrers(...a);
  listSecrets: AiGatewayApi['listSecrets'] = (...a) =>
    this.entityWrites.listSecrets(...a);
  putSecret: AiGatewayApi['putSecret'] = (...a) =>
    this.entityWrites.putSecret(...a);
  patchSecret: AiGatewayApi['patchSecret'] = (...a) =>
    this.entityWrites.patchSecret(...a);
  createPlatformResource: AiGatewayApi['createPlatformResource'] =
    async object => this.platformWrites.createResource('platform', { object });
  updatePlatformResource: AiGatewayApi['updatePlatformResource'] = object =>
    this.platformWrites.updateResource('platform', { object });
  deletePlatformResource: AiGatewayApi['deletePlatformResource'] = (
    kind,
    _namespace,
    name,
    rv,
  ) => this.platformWrites.deleteResource('platform', kind, name, rv);

  async getTab(entityRef: string, tab: ResourceTab): Promise<TabResponse> {
    this.calls.push(`getTab ${entityRef} ${tab}`);
    return this.tabOf(entityRef, tab);
  }

  /** Like `GET {ref}/tabs`: the four tabs at once, as rows without objects. */
  async getTabs(entityRef: string): Promise<EntityTabsResponse> {
    this.calls.push(`getTabs ${entityRef}`);
    const tabs = {} as Record<ResourceTab, ResourceRow[]>;
    let last: TabResponse | undefined;
    for (const tab of TABS) {
      last = await this.tabOf(entityRef, tab);
      tabs[tab] = last.items.map(({ object: _object, ...row }) => row);
    }
    return { selection: last!.selection, tabs, clusters: last!.clusters };
  }

  /** Like `GET {ref}/resources/{kind}/{name}`: one object of the entity's tabs (or Secrets), whole; 404 otherwise. */
  async getResource(
    entityRef: string,
    kind: string,
    name: string,
  ): Promise<{ item: ResourceItem }> {
    this.calls.push(`getResource ${entityRef} ${kind} ${name}`);
    for (const tab of TABS) {
      const item = (await this.tabOf(entityRef, tab)).items.find(
        i => i.kind === kind && i.name === name,
      );
      if (item) return { item };
    }
    if (kind === 'Secret') {
      const secret = (await this.listSecrets(entityRef)).items.find(
        i => i.name === name,
      );
      if (secret) return { item: secret };
    }
    throw await responseErrorOf({
      statusCode: 404,
      name: 'NotFoundError',
      message: `No ${kind} ${name} in the tabs of ${entityRef}`,
    });
  }

  private async tabOf(
    entityRef: string,
    tab: ResourceTab,
  ): Promise<TabResponse> {
    const entity = this.data.entities?.[entityRef];
    if (!entity) {
      throw await responseErrorOf({
        statusCode: 404,
        name: 'NotFoundError',
        message: `No entity ${entityRef}`,
      });
    }
    if (entity.error) throw await responseErrorOf(entity.error);
    const kinds = new Set(kindsForTab(tab).map(d => d.kind));
    const items = [
      ...(entity.objects ?? []).map(o =>
        toResourceItem(o, { relation: 'owned' }),
      ),
      ...(entity.attached ?? []).map(o =>
        toResourceItem(o, { relation: 'attached' }),
      ),
    ].filter(i => kinds.has(i.kind));
    return {
      tab,
      selection: { entityRef, ...entity.selection },
      items,
      clusters: entity.clusters ?? [{ name: 'local', ok: true }],
    };
  }

  /** Like the backend: `findProblems` over the entity's objects, looking up every fixture object (one cluster). */
  async getProblems(entityRef: string): Promise<ProblemsResponse> {
    this.calls.push(`getProblems ${entityRef}`);
    const entity = this.data.entities?.[entityRef];
    if (!entity) {
      throw await responseErrorOf({
        statusCode: 404,
        name: 'NotFoundError',
        message: `No entity ${entityRef}`,
      });
    }
    if (entity.error) throw await responseErrorOf(entity.error);
    const everything = [
      ...Object.values(this.data.entities ?? {}).flatMap(e => [
        ...(e.objects ?? []),
        ...(e.attached ?? []),
      ]),
      ...(this.data.platform?.objects ?? []),
    ];
    return { problems: fixtureProblems(entity.objects ?? [], everything) };
  }

  async getTopology(
    window: MetricsWindow,
    entityRef?: string,
  ): Promise<TopologyResponse> {
    this.calls.push(`getTopology ${entityRef ?? 'platform'} ${window}`);
    const t = this.data.topology?.[entityRef ?? 'platform'];
    if (!t)
      throw await responseErrorOf({
        statusCode: 404,
        name: 'NotFoundError',
        message: `No topology for ${entityRef ?? 'platform'}`,
      });
    return { ...t, window };
  }

  async getUsage(
    window: MetricsWindow,
    entityRef?: string,
  ): Promise<UsageResponse> {
    this.calls.push(`getUsage ${entityRef ?? 'platform'} ${window}`);
    const u = this.data.usage?.[entityRef ?? 'platform'];
    if (!u)
      throw await responseErrorOf({
        statusCode: 404,
        name: 'NotFoundError',
        message: `No usage for ${entityRef ?? 'platform'}`,
      });
    return { ...u, window };
  }

  async getPlatformOverview(): Promise<PlatformOverviewResponse> {
    this.calls.push('getPlatformOverview');
    const platform = this.data.platform ?? { objects: [] };
    if (platform.error) throw await responseErrorOf(platform.error);
    const items = platform.objects.map(o => toResourceItem(o));
    return {
      gatewayClasses: items.filter(i => i.kind === 'GatewayClass'),
      gateways: items.filter(i => i.kind === 'Gateway'),
      listenerSets: items.filter(i => i.kind === 'ListenerSet'),
      parameters: items.filter(i => i.kind === 'AgentgatewayParameters'),
      clusters: platform.clusters ?? [{ name: 'local', ok: true }],
      overlaps: fixtureOverlaps([
        ...platform.objects,
        ...Object.values(this.data.entities ?? {}).flatMap(
          e => e.objects ?? [],
        ),
      ]),
    };
  }
}
