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

/** `spec.type` of an API entity emitted for a gateway endpoint. */
export type AiApiType = 'llm' | 'mcp-server' | 'a2a';

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

/** One MCP tool as `tools/list` answered it (names as the gateway exposes them, e.g. prefixed when federated). */
export interface McpTool {
  name: string;
  title?: string;
  description?: string;
  /** JSON Schema of the arguments */
  inputSchema?: Record<string, unknown>;
}

export interface McpPrompt {
  name: string;
  title?: string;
  description?: string;
  arguments?: Array<{ name: string; description?: string; required?: boolean }>;
}

export interface McpResource {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
}

/** What the last discovery of one MCP server found (stored by the backend; the last known lists survive failures). */
export interface McpDiscoveryResult {
  status: 'ok' | 'failed' | 'pending';
  serverInfo?: { name: string; version?: string };
  tools: McpTool[];
  prompts: McpPrompt[];
  resources: McpResource[];
  /** ISO time of the last successful discovery */
  discoveredAt?: string;
  /** ISO time and reason of the last failure, when the last attempt failed */
  error?: { at: string; message: string };
}

/** How a client authenticates to the endpoint (from the policies attached to the route or its Gateway). */
export interface AiApiAuth {
  /** `none` when no authentication policy applies */
  kind: 'api-key' | 'jwt' | 'basic' | 'ext-auth' | 'none';
  /** the header the credential goes in, e.g. `Authorization` ('' for `none`) */
  header: string;
  /** the value prefix, e.g. `Bearer ` ('' when the raw credential is sent) */
  scheme: string;
  /** `Strict` (required) or `Optional` / `Permissive`, as the policy says */
  mode?: string;
}

/** A policy attached to the endpoint, in plain words for the API page (auth, limits, guards, ...). */
export interface AiApiPolicySummary {
  /** e.g. `auth`, `rate-limit`, `token-limit`, `prompt-guard`, `authorization`, `cors`, `timeout` */
  kind: string;
  /** one sentence, e.g. "API key in the Authorization header (Bearer)", "100 requests per minute" */
  text: string;
  /** `<namespace>/<name>` of the AgentgatewayPolicy */
  policy?: string;
}

/** `spec.definition` of an `mcp-server` API entity (JSON). */
export interface McpServerDefinition {
  kind: 'mcp-server';
  /** the gateway URL clients connect to (streamable HTTP) */
  url: string;
  transport: 'streamable-http' | 'sse';
  discovery: McpDiscoveryResult;
  auth: AiApiAuth;
  policies: AiApiPolicySummary[];
  /** the MCP targets behind the gateway (federated when more than one; tools are then prefixed by target) */
  targets: Array<{ name: string; destination: string; protocol?: string }>;
  /** set when the tool list was cut to keep the entity small; the full list is served by the backend */
  truncated?: boolean;
}

/** The API format a gateway endpoint speaks (what agentgateway parses the request as). */
export type LlmEndpointFormat =
  | 'chat-completions'
  | 'messages'
  | 'responses'
  | 'embeddings'
  | 'models'
  | 'passthrough';

/** One HTTP endpoint of an `llm` API, as a client calls it. */
export interface LlmEndpoint {
  method: 'GET' | 'POST';
  /** path on the gateway, e.g. `/support/openai` */
  path: string;
  /** full URL (base URL + path) */
  url: string;
  format: LlmEndpointFormat;
}

/** `spec.definition` of an `llm` API entity: an OpenAPI 3 document plus this extension under `x-ai-gateway`. */
export interface LlmApiExtension {
  /** the gateway's client-facing base URL (scheme://host[:port]) */
  baseUrl: string;
  /** what to pass as `base_url` / `baseURL` to the OpenAI SDKs, when the route serves the OpenAI-compatible API under a prefix */
  sdkBaseUrl?: string;
  endpoints: LlmEndpoint[];
  /** the model names a client may send (`model` field); empty when the backend does not pin one */
  models: string[];
  /** the provider(s) behind the route (openai, anthropic, ...), never their keys */
  providers: string[];
  auth: AiApiAuth;
  policies: AiApiPolicySummary[];
}

/** `spec.definition` of an `llm` API entity (JSON): an OpenAPI 3.0 document. */
export interface LlmApiDefinition {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers: Array<{ url: string }>;
  paths: Record<string, unknown>;
  components?: Record<string, unknown>;
  security?: Array<Record<string, string[]>>;
  'x-ai-gateway': LlmApiExtension;
}

/** `spec.definition` of an `a2a` API entity (JSON): the agent card as far as the gateway knows it. */
export interface A2aApiDefinition {
  kind: 'a2a';
  url: string;
  /** where the agent serves its own card through the gateway (`<url>/.well-known/agent-card.json`) */
  agentCardUrl: string;
  /** A2A agent card fields the gateway knows (name, description, url, version, capabilities, skills) */
  agentCard: Record<string, unknown>;
  auth: AiApiAuth;
  policies: AiApiPolicySummary[];
}

/** Kubernetes object an entity comes from. */
export interface DiscoverySource {
  cluster: string;
  kind: string;
  namespace: string;
  name: string;
}

/** The entity that owns the source object (the existing ownership rule: its annotations select the object). */
export interface DiscoveryOwnership {
  /** `spec.owner` of the emitted entity (the owning entity's owner, else `aiGateway.catalog.defaultOwner`) */
  owner: string;
  system?: string;
  /** true when no single catalog entity selects the object */
  unowned: boolean;
  /** entity ref of the selecting entity (e.g. the component); it `providesApi` the API */
  entityRef?: string;
  /** the selecting entity's kubernetes annotations, copied so the AI Gateway tabs work on the emitted entity */
  kubernetesAnnotations?: Record<string, string>;
}

/** One API entity to emit (from `GET /api/ai-gateway/discovery/snapshot`). */
export interface DiscoveredApi {
  /** entity name (unique among APIs; stable for the same source object) */
  name: string;
  title: string;
  description: string;
  type: AiApiType;
  lifecycle: string;
  source: DiscoverySource;
  ownership: DiscoveryOwnership;
  baseUrl: string;
  /** the URL a client connects to (MCP / A2A endpoint; for llm the first endpoint) */
  url: string;
  auth: AiApiAuth;
  /** model names (llm), tool names (mcp-server), skill names (a2a): indexed by search */
  searchTerms: string[];
  tags: string[];
  /** names of the Resource entities (backends, then gateways) the API depends on */
  dependsOn: string[];
  /** Gateways (`namespace/name`) serving it */
  gateways: string[];
  definition: LlmApiDefinition | McpServerDefinition | A2aApiDefinition;
}

/** One Resource entity to emit: a Gateway (`ai-gateway`) or an AI / MCP / A2A backend (`ai-gateway-backend`). */
export interface DiscoveredResource {
  name: string;
  title: string;
  description: string;
  type: 'ai-gateway' | 'ai-gateway-backend';
  source: DiscoverySource;
  ownership: DiscoveryOwnership;
  /** names of the Resource entities it depends on (a backend → the Gateways its routes attach to) */
  dependsOn: string[];
  tags: string[];
  /** Gateways: the client-facing base URL */
  baseUrl?: string;
}

/** What the backend serves at {@link DISCOVERY_SNAPSHOT_PATH}. */
export interface DiscoverySnapshot {
  /** false when `aiGateway.catalog.enabled` is false (then `apis` and `resources` are empty) */
  enabled: boolean;
  /** content hash: equal versions mean equal content */
  version: string;
  generatedAt: string;
  /**
   * false while a cluster has not completed its first LIST of a kind discovery reads: the snapshot then lacks
   * that cluster's objects, so consumers must not delete what they emitted before
   */
  complete: boolean;
  clusters: Array<{ name: string; ok: boolean; message?: string }>;
  apis: DiscoveredApi[];
  resources: DiscoveredResource[];
  /** objects that could not be turned into entities, and why (malformed routes, missing gateways...) */
  problems: string[];
}

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
