import { createApiRef } from '@backstage/core-plugin-api';
import type {
  MetricsWindow,
  TopologyResponse,
  UsageResponse,
  Capabilities,
  CreateResourceRequest,
  CreateResourceResponse,
  KubeObject,
  PlatformCapabilities,
  PlatformOverviewResponse,
  ProblemsResponse,
  ResourceItem,
  SecretInput,
  ValidateResponse,
  ResourceTab,
  TabResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

export type { PlatformOverviewResponse };

/**
 * What the AI Gateway frontend needs from its backend. Methods reject with a `ResponseError`
 * (`@backstage/errors`) whose `body.error.name` is one of `AI_GATEWAY_ERRORS`.
 *
 * Write methods (create / update / delete) are added beside these by the editors.
 */
export interface AiGatewayApi {
  /** The objects one entity tab lists, with per-cluster states. */
  getTab(entityRef: string, tab: ResourceTab): Promise<TabResponse>;
  /** GatewayClasses, Gateways and AgentgatewayParameters of every cluster. */
  getPlatformOverview(): Promise<PlatformOverviewResponse>;
  /**
   * Live topology for a window: the entity's objects plus the shared gateways they attach to, or the whole
   * platform when `entityRef` is omitted (needs the platform read permission).
   */
  getTopology(
    window: MetricsWindow,
    entityRef?: string,
  ): Promise<TopologyResponse>;
  /** Usage series (requests, errors, p95 latency, tokens, cost) for a window; platform-wide without `entityRef`. */
  getUsage(window: MetricsWindow, entityRef?: string): Promise<UsageResponse>;
  /**
   * Completeness problems of the entity's objects in every cluster: references to objects that do not exist
   * (errors) and backends no route uses (warnings). Advisory.
   */
  getProblems(entityRef: string): Promise<ProblemsResponse>;

  // --- writes (editors). The browser never sends a namespace for entity objects: the backend stamps it. ---

  /** What the caller may do for this entity (hide / disable buttons; the backend enforces regardless). */
  getCapabilities(entityRef: string): Promise<Capabilities>;
  /** Creates an object (and the Secrets it needs, both or neither) → 201. 422 carries `causes`. */
  createResource(
    entityRef: string,
    request: CreateResourceRequest,
  ): Promise<CreateResourceResponse>;
  /** Replaces an object; `object.metadata.resourceVersion` is the precondition. 409 carries `current`. */
  updateResource(
    entityRef: string,
    object: KubeObject,
  ): Promise<{ item: ResourceItem }>;
  /** Deletes an object, optionally only if it is still at `resourceVersion`. */
  deleteResource(
    entityRef: string,
    kind: string,
    name: string,
    resourceVersion?: string,
  ): Promise<void>;
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
  createPlatformResource(object: KubeObject): Promise<{ item: ResourceItem }>;
  updatePlatformResource(object: KubeObject): Promise<{ item: ResourceItem }>;
  deletePlatformResource(
    kind: string,
    namespace: string,
    name: string,
    resourceVersion?: string,
  ): Promise<void>;
  /** `managePlatform` of the caller (entity-independent). */
  getPlatformCapabilities(): Promise<PlatformCapabilities>;
}

export const aiGatewayApiRef = createApiRef<AiGatewayApi>({
  id: 'plugin.ai-gateway.service',
});
