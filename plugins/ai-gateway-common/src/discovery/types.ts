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
  policies: AiApiPolicySummary[];
  /** set when the tool list was cut to keep the entity small; the full list is served by the backend */
  truncated?: boolean;
}

/** `spec.definition` of an `llm` API entity: an OpenAPI 3 document plus this extension under `x-ai-gateway`. */
export interface LlmApiExtension {
  baseUrl: string;
  models: string[];
  /** the provider(s) behind the route (openai, anthropic, ...), never their keys */
  providers: string[];
  policies: AiApiPolicySummary[];
}

/** `spec.definition` of an `a2a` API entity (JSON): the agent card as far as the gateway knows it. */
export interface A2aApiDefinition {
  kind: 'a2a';
  url: string;
  agentCard: Record<string, unknown>;
  policies: AiApiPolicySummary[];
}
