import { createApiRef } from '@backstage/core-plugin-api';
import type {
  MetricsWindow,
  TopologyResponse,
  UsageResponse,
  CreateResourceRequest,
  CreateResourceResponse,
  KubeObject,
  PlatformOverviewResponse,
  ProblemsResponse,
  ResourceItem,
  SecretInput,
  ValidateResponse,
  ResourceTab,
  TabResponse,
  EntitySelection,
  ClusterState,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

export type { PlatformOverviewResponse };

/**
 * A table row: an item without its object (`GET {ref}/tabs` sends rows; the full object of a row comes from
 * `getResource` when it is opened). Answers that do carry objects (the platform overview) pass as rows too.
 */
export type ResourceRow = Omit<ResourceItem, 'object'> & {
  object?: KubeObject;
};

/** `GET {ref}/tabs`: the four tabs of one entity as rows, in one answer. */
export interface EntityTabsResponse {
  selection: EntitySelection;
  tabs: Record<ResourceTab, ResourceRow[]>;
  clusters: ClusterState[];
}

/** A write answer with the API server's warnings (e.g. `unknown field "spec.burts"`), when there were any. */
export type WithWarnings<T> = T & { warnings?: string[] };

/** Options of a read: `signal` aborts the request (react-query passes one; an unmounted view cancels its reads). */
export interface ReadOptions {
  signal?: AbortSignal;
}

/**
 * What the AI Gateway frontend needs from its backend. Methods reject with an `AiGatewayApiError` whose
 * `name` is the backend's error name (e.g. one of `AI_GATEWAY_ERRORS`), with `status`, `causes`, `current`,
 * `claimants` and `warnings` from the error body.
 *
 * Write methods (create / update / delete) are added beside these by the editors.
 */
export interface AiGatewayApi {
  /** The objects one entity tab lists, whole, with per-cluster states (the tabs use `getTabs`). */
  getTab(entityRef: string, tab: ResourceTab): Promise<TabResponse>;
  /** All four tabs of one entity as lean rows (no objects), one request per entity. */
  getTabs(
    entityRef: string,
    options?: ReadOptions,
  ): Promise<EntityTabsResponse>;
  /** One object of the entity's tabs, whole (opened in the drawer or an editor). */
  getResource(
    entityRef: string,
    kind: string,
    name: string,
    options?: ReadOptions,
  ): Promise<{ item: ResourceItem }>;
  /** GatewayClasses, Gateways and AgentgatewayParameters of every cluster. */
  getPlatformOverview(): Promise<PlatformOverviewResponse>;
  /**
   * Live topology for a window: the entity's objects plus the shared gateways they attach to, or the whole
   * platform when `entityRef` is omitted (needs the platform read permission).
   */
  getTopology(
    window: MetricsWindow,
    entityRef?: string,
    options?: ReadOptions,
  ): Promise<TopologyResponse>;
  /** Usage series (requests, errors, p95 latency, tokens, cost) for a window; platform-wide without `entityRef`. */
  getUsage(window: MetricsWindow, entityRef?: string): Promise<UsageResponse>;
  /**
   * Completeness problems of the entity's objects in every cluster: references to objects that do not exist
   * (errors) and backends no route uses (warnings). Advisory.
   */
  getProblems(
    entityRef: string,
    options?: ReadOptions,
  ): Promise<ProblemsResponse>;

  // --- writes (editors). The browser never sends a namespace for entity objects: the backend stamps it. ---
  // Whether the caller may write is asked through `usePermission` with the plugin's permissions.

  /** Creates an object (and the Secrets it needs, both or neither) → 201. 422 carries `causes`. */
  createResource(
    entityRef: string,
    request: CreateResourceRequest,
  ): Promise<WithWarnings<CreateResourceResponse>>;
  /**
   * Replaces an object and writes the Secrets it needs in the same request (an existing Secret gets only the
   * keys sent; a missing one is created), all or nothing. `object.metadata.resourceVersion` is the
   * precondition; 409 carries `current`.
   */
  updateResource(
    entityRef: string,
    request: { object: KubeObject; secrets?: SecretInput[] },
  ): Promise<WithWarnings<{ item: ResourceItem }>>;
  /**
   * Deletes an object, optionally only if it is still at `resourceVersion`. `pending` when the backend accepted
   * the delete but the object stays until its finalizers are done (202).
   */
  deleteResource(
    entityRef: string,
    kind: string,
    name: string,
    resourceVersion?: string,
  ): Promise<{ pending: boolean }>;
  /** Schema + CEL + ownership + dry-run validation, for live feedback in the YAML editor. */
  validateResource(
    entityRef: string,
    object: KubeObject,
  ): Promise<ValidateResponse>;
  /** Objects in the entity's view that reference this one (shown before a delete). */
  getReferrers(
    entityRef: string,
    kind: string,
    name: string,
  ): Promise<{ items: ResourceItem[] }>;
  /** Secrets of the entity, key names only (never values). */
  listSecrets(entityRef: string): Promise<{ items: ResourceItem[] }>;
  /** Creates a Secret or rewrites it (every key it should keep must be sent; write-only). */
  putSecret(
    entityRef: string,
    secret: SecretInput,
  ): Promise<{ item: ResourceItem }>;
  /**
   * Rotates only the keys sent of an existing Secret of the entity (merge patch): keys not sent keep their
   * values. 404 when the entity has no such Secret.
   */
  patchSecret(
    entityRef: string,
    name: string,
    stringData: Record<string, string>,
  ): Promise<{ item: ResourceItem }>;

  /** Platform objects (Gateway, AgentgatewayParameters), gated by the platform-manage permission. */
  createPlatformResource(
    object: KubeObject,
  ): Promise<WithWarnings<{ item: ResourceItem }>>;
  updatePlatformResource(
    object: KubeObject,
  ): Promise<WithWarnings<{ item: ResourceItem }>>;
  deletePlatformResource(
    kind: string,
    namespace: string,
    name: string,
    resourceVersion?: string,
  ): Promise<{ pending: boolean }>;
}

export const aiGatewayApiRef = createApiRef<AiGatewayApi>({
  id: 'plugin.ai-gateway.service',
});
