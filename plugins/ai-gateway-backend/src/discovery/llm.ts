import { isRecord, listOf } from './json';
import {
  AiApiAuth,
  AiApiPolicySummary,
  KubeObject,
  KubeObjectOf,
  LlmApiDefinition,
  LlmEndpoint,
  LlmEndpointFormat,
  LlmSecurityScheme,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** `policies.ai.routes` values of an AI backend → the format agentgateway parses the request as. */
const ROUTE_TYPES: Record<string, LlmEndpointFormat> = {
  Completions: 'chat-completions',
  Messages: 'messages',
  Responses: 'responses',
  Embeddings: 'embeddings',
  Models: 'models',
  Passthrough: 'passthrough',
};

/** The format a path ends in (`/v1/chat/completions` → chat-completions), else undefined. */
export function formatOfPath(path: string): LlmEndpointFormat | undefined {
  if (/\/chat\/completions\/?$/.test(path)) return 'chat-completions';
  if (/\/messages\/?$/.test(path)) return 'messages';
  if (/\/responses\/?$/.test(path)) return 'responses';
  if (/\/embeddings\/?$/.test(path)) return 'embeddings';
  if (/\/models\/?$/.test(path)) return 'models';
  return undefined;
}

type Route = KubeObjectOf<'HTTPRoute'>;
type Rule = NonNullable<NonNullable<Route['spec']>['rules']>[number];
type Match = NonNullable<Rule['matches']>[number];
/** The fields of an AI backend this file reads: `policies.ai.routes` (path suffix → route type). */
export interface AiRoutesSpec {
  policies?: { ai?: { routes?: Record<string, string> } };
}

/** The rules of a route (an empty list when the object has none or a malformed list). */
export function routeRules(route: Route): Rule[] {
  return listOf(route.spec?.rules).filter(isRecord);
}

const join = (prefix: string, path: string) =>
  `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;

function endpoint(
  baseUrl: string,
  path: string,
  format: LlmEndpointFormat,
): LlmEndpoint {
  return {
    method: format === 'models' ? 'GET' : 'POST',
    path,
    url: `${baseUrl}${path}`,
    format,
  };
}

/**
 * The endpoints of the rules of an HTTPRoute that send to the given AI backends, as a client calls them:
 * a rule that rewrites its prefix to a provider path (`/v1/chat/completions`) is called at its own path; a
 * plain prefix serves the OpenAI-compatible API below it (the backend's `policies.ai.routes` when set, else
 * every path is a chat completion — agentgateway's default), so the prefix is the SDKs' base URL.
 */
export function routeEndpoints(
  route: Route,
  aiBackends: Map<string, KubeObject<AiRoutesSpec>>,
  baseUrl: string,
): { endpoints: LlmEndpoint[]; sdkBaseUrl?: string } {
  const endpoints: LlmEndpoint[] = [];
  let sdkBaseUrl: string | undefined;
  for (const rule of routeRules(route)) {
    const backend = listOf(rule.backendRefs)
      .map(r => aiBackends.get(String(r?.name)))
      .find(Boolean);
    if (!backend) continue;
    const rewrite = listOf(rule.filters).find(f => f?.type === 'URLRewrite')
      ?.urlRewrite?.path;
    const target: unknown =
      rewrite?.replacePrefixMatch ?? rewrite?.replaceFullPath;
    const matches: Match[] = listOf(rule.matches).length
      ? listOf(rule.matches)
      : [{ path: { type: 'PathPrefix', value: '/' } }];
    const routes = backend.spec?.policies?.ai?.routes;
    const aiRoutes: Record<string, string> = isRecord(routes) ? routes : {};
    for (const m of matches) {
      const type = m?.path?.type ?? 'PathPrefix';
      const path: unknown = m?.path?.value ?? '/';
      if (type === 'RegularExpression' || typeof path !== 'string') continue;
      if (typeof target === 'string') {
        endpoints.push(
          endpoint(
            baseUrl,
            path,
            formatOfPath(target) ??
              ROUTE_TYPES[aiRoutes[target]] ??
              'passthrough',
          ),
        );
        continue;
      }
      if (type === 'Exact') {
        endpoints.push(
          endpoint(baseUrl, path, formatOfPath(path) ?? 'chat-completions'),
        );
        continue;
      }
      const prefix = path.replace(/\/+$/, '');
      const keyed = Object.entries(aiRoutes).filter(([k]) => k !== '*');
      if (keyed.length) {
        for (const [suffix, kind] of keyed) {
          endpoints.push(
            endpoint(
              baseUrl,
              join(prefix, suffix),
              ROUTE_TYPES[kind] ?? 'passthrough',
            ),
          );
        }
        const v1 = keyed.every(([k]) => k.startsWith('/v1/'));
        sdkBaseUrl ??= `${baseUrl}${prefix}${v1 ? '/v1' : ''}`;
      } else {
        endpoints.push(
          endpoint(
            baseUrl,
            join(prefix, 'chat/completions'),
            'chat-completions',
          ),
        );
        sdkBaseUrl ??= `${baseUrl}${prefix}`;
      }
    }
  }
  return { endpoints, ...(sdkBaseUrl ? { sdkBaseUrl } : {}) };
}

const MESSAGES = {
  type: 'array',
  items: {
    type: 'object',
    required: ['role', 'content'],
    properties: {
      role: { type: 'string', enum: ['system', 'user', 'assistant', 'tool'] },
      content: {},
    },
  },
};

function requestSchema(format: LlmEndpointFormat, models: string[]) {
  const model = {
    type: 'string',
    ...(models.length ? { enum: models } : {}),
    description: models.length
      ? 'One of the models this endpoint serves'
      : 'The model to use',
  };
  switch (format) {
    case 'chat-completions':
      return {
        type: 'object',
        required: ['messages'],
        properties: { model, messages: MESSAGES, stream: { type: 'boolean' } },
      };
    case 'messages':
      return {
        type: 'object',
        required: ['messages', 'max_tokens'],
        properties: {
          model,
          messages: MESSAGES,
          max_tokens: { type: 'integer' },
          stream: { type: 'boolean' },
        },
      };
    case 'responses':
      return {
        type: 'object',
        required: ['input'],
        properties: { model, input: {}, stream: { type: 'boolean' } },
      };
    case 'embeddings':
      return {
        type: 'object',
        required: ['input'],
        properties: { model, input: {} },
      };
    default:
      return { type: 'object', properties: { model } };
  }
}

const SUMMARY: Record<LlmEndpointFormat, string> = {
  'chat-completions': 'Chat completion (OpenAI-compatible)',
  messages: 'Messages (Anthropic-compatible)',
  responses: 'Responses (OpenAI-compatible)',
  embeddings: 'Embeddings (OpenAI-compatible)',
  models: 'List the models',
  passthrough: 'Passed through to the provider',
};

function securityScheme(auth: AiApiAuth): LlmSecurityScheme | undefined {
  if (auth.kind === 'none') return undefined;
  if (auth.kind === 'basic') return { type: 'http', scheme: 'basic' };
  if (
    auth.header.toLowerCase() === 'authorization' &&
    /^bearer\s*$/i.test(auth.scheme)
  ) {
    return {
      type: 'http',
      scheme: 'bearer',
      ...(auth.kind === 'jwt' ? { bearerFormat: 'JWT' } : {}),
    };
  }
  return { type: 'apiKey', in: 'header', name: auth.header };
}

/** The OpenAPI 3.0 document of an `llm` API as the gateway exposes it, with the `x-ai-gateway` extension. */
export function llmOpenApi(input: {
  title: string;
  description: string;
  baseUrl: string;
  sdkBaseUrl?: string;
  endpoints: LlmEndpoint[];
  models: string[];
  providers: string[];
  auth: AiApiAuth;
  policies: AiApiPolicySummary[];
}): LlmApiDefinition {
  const paths: LlmApiDefinition['paths'] = {};
  for (const e of input.endpoints) {
    const op =
      e.method === 'GET'
        ? {
            summary: SUMMARY[e.format],
            responses: { '200': { description: 'The models' } },
          }
        : {
            summary: SUMMARY[e.format],
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: requestSchema(e.format, input.models),
                },
              },
            },
            responses: {
              '200': {
                description: 'The model response (JSON, or SSE when streaming)',
              },
              '401': { description: 'Missing or invalid credential' },
              '429': { description: 'Rate or token limit exceeded' },
            },
          };
    paths[e.path] = { ...paths[e.path], [e.method.toLowerCase()]: op };
  }
  const scheme = securityScheme(input.auth);
  const optional = input.auth.mode && input.auth.mode !== 'Strict';
  return {
    openapi: '3.0.3',
    info: {
      title: input.title,
      version: '1.0.0',
      description: input.description,
    },
    servers: [{ url: input.baseUrl }],
    paths,
    ...(scheme
      ? {
          components: { securitySchemes: { gateway: scheme } },
          security: optional ? [{ gateway: [] }, {}] : [{ gateway: [] }],
        }
      : {}),
    'x-ai-gateway': {
      baseUrl: input.baseUrl,
      ...(input.sdkBaseUrl ? { sdkBaseUrl: input.sdkBaseUrl } : {}),
      endpoints: input.endpoints,
      models: input.models,
      providers: input.providers,
      auth: input.auth,
      policies: input.policies,
    },
  };
}
