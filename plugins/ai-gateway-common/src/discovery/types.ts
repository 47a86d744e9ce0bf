import type { AiGatewayApiSchemas as Schemas } from '../models';

/**
 * Catalog-driven discovery: the contract between the backend plugin (which knows the gateway's routes, backends,
 * policies and the discovered MCP tools), the catalog module (which turns them into API and Resource entities) and
 * the frontend (which renders the API entity page and the Connect card).
 *
 * Entities built from it:
 * - `kind: API`, `spec.type` one of {@link AiApiType}, `spec.definition` a JSON document (see {@link McpServerDefinition},
 *   {@link LlmApiExtension} (an OpenAPI 3 document), {@link A2aApiDefinition}), annotations from {@link AI_GATEWAY_API_ANNOTATIONS};
 * - `kind: Resource`, `spec.type` `ai-gateway` (a Gateway) or `ai-gateway-backend` (an AI / MCP / A2A backend).
 */

/** Annotations on the API / Resource entities the catalog module emits, and on routes (opt-out, lifecycle). */
export const AI_GATEWAY_API_ANNOTATIONS = {
  /** cluster name (as configured) of the route */
  cluster: 'ai-gateway.backstage.io/cluster',
  /** `<Kind>:<namespace>/<name>` of the object the API comes from, e.g. `HTTPRoute:team-support/support-openai` */
  source: 'ai-gateway.backstage.io/source',
  /** the client-facing base URL of the endpoint (config `aiGateway.gateways`, else the Gateway's status address) */
  baseUrl: 'ai-gateway.backstage.io/base-url',
  /** how a client authenticates: `api-key`, `jwt`, `basic`, `ext-auth` or `none` (from the attached policies) */
  auth: 'ai-gateway.backstage.io/auth',
  /** the request header the credential goes in, e.g. `Authorization` (with `Bearer `) or `x-api-key` */
  authHeader: 'ai-gateway.backstage.io/auth-header',
  /** the value prefix, e.g. `Bearer ` ('' when the raw key is sent) */
  authScheme: 'ai-gateway.backstage.io/auth-scheme',
  /** `true` when no catalog entity owns the route (then `spec.owner` is `aiGateway.catalog.defaultOwner`) */
  unowned: 'ai-gateway.backstage.io/unowned',
  /** entity ref of the component that owns the route (the processor emits `providesApi` from it) */
  providedBy: 'ai-gateway.backstage.io/provided-by',
  /** MCP discovery: `ok`, `failed` or `pending` */
  discoveryStatus: 'ai-gateway.backstage.io/discovery-status',
  /** MCP discovery: ISO time of the last successful discovery */
  discoveredAt: 'ai-gateway.backstage.io/discovered-at',
  /** MCP discovery: why the last attempt failed (the last known tools are kept) */
  discoveryError: 'ai-gateway.backstage.io/discovery-error',
  /** `<namespace>/<name>` of the Gateway(s) the endpoint is served by, comma-separated */
  gateway: 'ai-gateway.backstage.io/gateway',
  /** comma-separated model names (llm) — also indexed by search */
  models: 'ai-gateway.backstage.io/models',
} as const;

/** Event topic the backend publishes on (debounced) when the discovery snapshot changed. */
export const DISCOVERY_EVENT_TOPIC = 'ai-gateway.discovery';
/** Path of the snapshot under the backend plugin's base URL (`/api/ai-gateway`); service principals only. */
export const DISCOVERY_SNAPSHOT_PATH = '/discovery/snapshot';
/** Prefix of `backstage.io/managed-by-location` on every entity the catalog module emits. */
export const DISCOVERY_LOCATION_PREFIX = 'ai-gateway:';
/** `spec.type` of the Resource entities the catalog module emits. */
export const AI_GATEWAY_RESOURCE_TYPES = {
  gateway: 'ai-gateway',
  backend: 'ai-gateway-backend',
} as const;

/** On an HTTPRoute / AgentgatewayModel: `"false"` keeps it out of the catalog. */
export const ANNOTATION_DISCOVERABLE = 'ai-gateway.backstage.io/discoverable';
/** On an HTTPRoute / AgentgatewayModel: the API entity's `spec.lifecycle` (default `production`). */
export const LABEL_LIFECYCLE = 'ai-gateway.backstage.io/lifecycle';

/*
 * The snapshot and its API / Resource descriptors are the REST contract's (`GET /discovery/snapshot`, generated from
 * the backend's `openapi.yaml` into `../generated/openapi.ts`, descriptions there); these are their names here.
 */
/** `spec.type` of an API entity emitted for a gateway endpoint. */
export type AiApiType = Schemas['AiApiType'];
/** One MCP tool as `tools/list` answered it (names as the gateway exposes them, e.g. prefixed when federated). */
export type McpTool = Schemas['McpTool'];
export type McpPrompt = Schemas['McpPrompt'];
export type McpResource = Schemas['McpResource'];
/** What the last discovery of one MCP server found (stored by the backend; the last known lists survive failures). */
export type McpDiscoveryResult = Schemas['McpDiscoveryResult'];
/** How a client authenticates to the endpoint (from the policies attached to the route or its Gateway). */
export type AiApiAuth = Schemas['AiApiAuth'];
/** A policy attached to the endpoint, in plain words for the API page (auth, limits, guards, ...). */
export type AiApiPolicySummary = Schemas['AiApiPolicySummary'];
/** `spec.definition` of an `mcp-server` API entity (JSON). */
export type McpServerDefinition = Schemas['McpServerDefinition'];
/** The API format a gateway endpoint speaks (what agentgateway parses the request as). */
export type LlmEndpointFormat = Schemas['LlmEndpointFormat'];
/** One HTTP endpoint of an `llm` API, as a client calls it. */
export type LlmEndpoint = Schemas['LlmEndpoint'];
/** `spec.definition` of an `llm` API entity: an OpenAPI 3 document plus this extension under `x-ai-gateway`. */
export type LlmApiExtension = Schemas['LlmApiExtension'];
/** `spec.definition` of an `llm` API entity (JSON): an OpenAPI 3.0 document. */
export type LlmApiDefinition = Schemas['LlmApiDefinition'];
/** The one security scheme (`gateway`) of an `llm` API's OpenAPI document. */
export type LlmSecurityScheme = Schemas['LlmSecurityScheme'];
/** `spec.definition` of an `a2a` API entity (JSON): the agent card as far as the gateway knows it. */
export type A2aApiDefinition = Schemas['A2aApiDefinition'];
/** How the agent card of an `a2a` API was obtained (fetched from the agent; when and why the last fetch failed). */
export type A2aDiscovery = Schemas['A2aDiscovery'];
/** One page of `GET /discovery/apis/{namespace}/{name}/tools` (the stored tools of an `mcp-server` API). */
export type McpToolPage = Schemas['McpToolPage'];
/** Path of the paged tools of an `mcp-server` API entity under the backend plugin's base URL. */
export const discoveryToolsPath = (namespace: string, name: string) =>
  `/discovery/apis/${encodeURIComponent(namespace)}/${encodeURIComponent(
    name,
  )}/tools`;
/** Kubernetes object an entity comes from. */
export type DiscoverySource = Schemas['DiscoverySource'];
/** The entity that owns the source object (the existing ownership rule: its annotations select the object). */
export type DiscoveryOwnership = Schemas['DiscoveryOwnership'];
/** One API entity to emit (from `GET /api/ai-gateway/discovery/snapshot`). */
export type DiscoveredApi = Schemas['DiscoveredApi'];
/** One Resource entity to emit: a Gateway (`ai-gateway`) or an AI / MCP / A2A backend (`ai-gateway-backend`). */
export type DiscoveredResource = Schemas['DiscoveredResource'];
/** What the backend serves at {@link DISCOVERY_SNAPSHOT_PATH}. */
export type DiscoverySnapshot = Schemas['DiscoverySnapshot'];

/** Payload of the {@link DISCOVERY_EVENT_TOPIC} event. */
export interface DiscoveryChangedEvent {
  version: string;
  /** entity names added or changed / removed since the previous snapshot */
  changed: string[];
  removed: string[];
}

/**
 * Whether an entity was emitted by the catalog module (its `backstage.io/managed-by-location` starts with
 * {@link DISCOVERY_LOCATION_PREFIX}). Such API / Resource entities copy the owning entity's kubernetes
 * annotations (so the AI Gateway tabs work on them) and must therefore not count as claimants of objects.
 */
export function isDiscoveryEntity(entity: {
  metadata: { annotations?: Record<string, string> };
}): boolean {
  return (
    entity.metadata.annotations?.[
      'backstage.io/managed-by-location'
    ]?.startsWith(DISCOVERY_LOCATION_PREFIX) ?? false
  );
}
