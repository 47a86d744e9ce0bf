import type { Entity } from '@backstage/catalog-model';
import {
  AI_GATEWAY_API_ANNOTATIONS as A,
  type A2aApiDefinition,
  type AiApiAuth,
  type AiApiType,
  type LlmApiExtension,
  type McpServerDefinition,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { ConnectTarget } from './connectSnippets';

/** The `spec.type`s of the API entities the catalog module emits. */
export const AI_API_TYPES: AiApiType[] = ['llm', 'mcp-server', 'a2a'];

/** An AI gateway API entity, read once: its type, where to connect, how to authenticate and its definition. */
export type AiApi =
  | (AiApiCommon & { type: 'mcp-server'; mcp?: McpServerDefinition })
  | (AiApiCommon & { type: 'llm'; llm?: LlmApiExtension })
  | (AiApiCommon & { type: 'a2a'; a2a?: A2aApiDefinition });

interface AiApiCommon {
  name: string;
  url: string;
  auth: AiApiAuth;
  /** why the definition could not be read (the page still shows what the annotations say) */
  definitionError?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const AUTH_KINDS: AiApiAuth['kind'][] = [
  'api-key',
  'jwt',
  'basic',
  'ext-auth',
  'none',
];

const isAuth = (v: unknown): v is AiApiAuth =>
  isRecord(v) &&
  AUTH_KINDS.some(k => k === v.kind) &&
  typeof v.header === 'string' &&
  typeof v.scheme === 'string';

const isMcpDefinition = (v: unknown): v is McpServerDefinition =>
  isRecord(v) &&
  v.kind === 'mcp-server' &&
  isRecord(v.discovery) &&
  Array.isArray(v.discovery.tools);

const isLlmExtension = (v: unknown): v is LlmApiExtension =>
  isRecord(v) && Array.isArray(v.endpoints) && Array.isArray(v.models);

const isA2aDefinition = (v: unknown): v is A2aApiDefinition =>
  isRecord(v) && v.kind === 'a2a' && isRecord(v.agentCard);

function authFromAnnotations(
  annotations: Record<string, string>,
): AiApiAuth | undefined {
  const kind = AUTH_KINDS.find(k => k === annotations[A.auth]);
  if (!kind) return undefined;
  return {
    kind,
    header: annotations[A.authHeader] ?? '',
    scheme: annotations[A.authScheme] ?? '',
  };
}

function parseDefinition(definition: unknown): {
  value?: Record<string, unknown>;
  error?: string;
} {
  if (isRecord(definition)) return { value: definition };
  if (typeof definition !== 'string') return { error: 'no definition' };
  try {
    const value: unknown = JSON.parse(definition);
    return isRecord(value)
      ? { value }
      : { error: 'the definition is not a JSON object' };
  } catch (e) {
    return { error: `the definition is not JSON (${(e as Error).message})` };
  }
}

/** Whether the entity is an API of one of the AI types. */
export function isAiApiEntity(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'api' &&
    AI_API_TYPES.some(t => t === entity.spec?.type)
  );
}

/**
 * Parsed definitions by entity object: the details card and the Connect card of one page read the same entity, and an
 * MCP definition with 500 tools is ~0.4 MB of JSON — parse it once.
 */
const parsed = new WeakMap<Entity, AiApi | undefined>();

/** Reads an AI gateway API entity (once per entity object); undefined when it is not one. */
export function readAiApi(entity: Entity): AiApi | undefined {
  if (parsed.has(entity)) return parsed.get(entity);
  const api = parseAiApi(entity);
  parsed.set(entity, api);
  return api;
}

function parseAiApi(entity: Entity): AiApi | undefined {
  if (!isAiApiEntity(entity)) return undefined;
  const annotations = entity.metadata.annotations ?? {};
  const { value, error } = parseDefinition(entity.spec?.definition);
  const defAuth = isAuth(value?.auth) ? value?.auth : undefined;
  const auth: AiApiAuth = authFromAnnotations(annotations) ??
    defAuth ?? { kind: 'none', header: '', scheme: '' };
  const link = entity.metadata.links?.find(l => l.title === 'Gateway endpoint');
  const common: AiApiCommon = {
    name: entity.metadata.name,
    url: '',
    auth,
    definitionError: error,
  };
  const type = entity.spec?.type;
  if (type === 'mcp-server') {
    const mcp = isMcpDefinition(value) ? value : undefined;
    return {
      ...common,
      type,
      url: mcp?.url ?? link?.url ?? annotations[A.baseUrl] ?? '',
      mcp,
    };
  }
  if (type === 'llm') {
    const ext = value?.['x-ai-gateway'];
    const llm = isLlmExtension(ext) ? ext : undefined;
    return {
      ...common,
      type,
      url:
        llm?.endpoints?.[0]?.url ?? link?.url ?? annotations[A.baseUrl] ?? '',
      llm,
    };
  }
  const a2a = isA2aDefinition(value) ? value : undefined;
  return {
    ...common,
    type: 'a2a',
    url: a2a?.url ?? link?.url ?? annotations[A.baseUrl] ?? '',
    a2a,
  };
}

/** What the Connect card needs from an API. */
export function connectTarget(api: AiApi): ConnectTarget {
  const base = { name: api.name, type: api.type, url: api.url, auth: api.auth };
  if (api.type === 'mcp-server')
    return { ...base, transport: api.mcp?.transport };
  if (api.type === 'llm')
    return {
      ...base,
      sdkBaseUrl: api.llm?.sdkBaseUrl,
      models: api.llm?.models,
    };
  return { ...base, agentCardUrl: api.a2a?.agentCardUrl };
}
