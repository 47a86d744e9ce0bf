import type { Entity } from '@backstage/catalog-model';
import {
  AI_GATEWAY_API_ANNOTATIONS as A,
  type AiApiPolicySummary,
  type ApiAccessView,
  type LlmApiDefinition,
  type McpServerDefinition,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { type Zod, offersSchema } from './schemas';

export const describeOutputSchema = (z: Zod) =>
  z.object({
    apiRef: z.string(),
    type: z.string(),
    title: z.string().optional(),
    description: z.string().optional(),
    owner: z.string().optional(),
    baseUrl: z
      .string()
      .optional()
      .describe('the client-facing URL of the API on the gateway'),
    auth: z
      .object({
        kind: z.string().describe('api-key, jwt, basic, ext-auth or none'),
        header: z.string().describe('the request header the key goes in'),
        scheme: z
          .string()
          .describe("value prefix, e.g. 'Bearer ' ('' = the raw key)"),
      })
      .optional(),
    offers: offersSchema(z),
    tools: z
      .array(z.object({ name: z.string(), description: z.string().optional() }))
      .describe('MCP tools with their descriptions (mcp-server APIs)'),
    endpoints: z
      .array(
        z.object({ method: z.string(), url: z.string(), format: z.string() }),
      )
      .describe('HTTP endpoints (llm APIs)'),
    policies: z
      .array(z.object({ kind: z.string(), text: z.string() }))
      .describe('policies on the route in plain words (auth, limits, guards)'),
    autoApprove: z
      .boolean()
      .describe('true: access requests are approved without an owner'),
    can: z.object({
      request: z.boolean(),
      approve: z.boolean(),
      revoke: z.boolean(),
    }),
  });

type Definition = Partial<
  McpServerDefinition & LlmApiDefinition & { policies: AiApiPolicySummary[] }
>;

function definitionOf(entity: Entity): Definition {
  const raw = entity.spec?.definition;
  if (typeof raw !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' ? (parsed as Definition) : {};
  } catch (e: unknown) {
    return {};
  }
}

/** What an agent needs to decide and to connect: the access view plus the catalog entity's connection facts. */
export function describeApi(entity: Entity | undefined, view: ApiAccessView) {
  const annotations = entity?.metadata.annotations ?? {};
  const definition = entity ? definitionOf(entity) : {};
  const llm = definition['x-ai-gateway'];
  const policies = llm?.policies ?? definition.policies ?? [];
  const authKind = annotations[A.auth];
  const owner = entity?.spec?.owner;
  return {
    apiRef: view.apiRef,
    type: view.apiType,
    ...(entity?.metadata.title ? { title: entity.metadata.title } : {}),
    ...(entity?.metadata.description
      ? { description: entity.metadata.description }
      : {}),
    ...(typeof owner === 'string' ? { owner } : {}),
    ...(annotations[A.baseUrl] ? { baseUrl: annotations[A.baseUrl] } : {}),
    ...(authKind
      ? {
          auth: {
            kind: authKind,
            header: annotations[A.authHeader] ?? '',
            scheme: annotations[A.authScheme] ?? '',
          },
        }
      : {}),
    offers: view.offers,
    tools: (definition.discovery?.tools ?? []).map(t => ({
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
    })),
    endpoints: (llm?.endpoints ?? []).map(e => ({
      method: e.method,
      url: e.url,
      format: e.format,
    })),
    policies: policies.map(p => ({ kind: p.kind, text: p.text })),
    autoApprove: view.autoApprove,
    can: view.can,
  };
}
