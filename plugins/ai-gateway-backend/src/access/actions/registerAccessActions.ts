/*
 * Actions registry actions of self-service access (issue 9), for agents: Backstage's MCP actions backend
 * (`@backstage/plugin-mcp-actions-backend`) exposes them as MCP tools (`ai-gateway.list-ai-apis`, ...).
 *
 * Wired in src/plugin.ts (when access is enabled): `registerAccessActions(actionsRegistry, accessService,
 * { catalog, userInfo })`. Which plugins' actions the MCP server exposes is `backend.actions.pluginSources`.
 *
 * Every action runs with the credentials of the caller (the MCP client's user, forwarded by the actions
 * service) and hands them to the AccessService / catalog, which check permissions themselves: an action never
 * acts as the plugin. No action returns a key: an approved grant's key is claimed once by the requester in
 * Backstage (AI access tab), so it never lands in an agent's transcript.
 */
import type {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { AccessService } from '../service/types';
import { describeApi, describeOutputSchema } from './describe';
import { consumersOwnedBy } from './myConsumers';
import {
  API_TYPES,
  grantSchema,
  offersSchema,
  requestSchema,
  toGrantOutput,
  toRequestOutput,
} from './schemas';

export interface AccessActionsDeps {
  catalog: CatalogService;
  userInfo: UserInfoService;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Registers `list-ai-apis`, `describe-ai-api`, `request-ai-access` and `list-my-ai-grants`. */
export function registerAccessActions(
  actionsRegistry: ActionsRegistryService,
  access: AccessService,
  deps: AccessActionsDeps,
): void {
  actionsRegistry.register({
    name: 'list-ai-apis',
    title: 'List AI APIs',
    description:
      'Lists the LLM, MCP and A2A APIs served by the AI gateway that the caller can see in the Backstage catalog, ' +
      'with the models (llm) or tools (mcp-server) each offers. Filter by type and/or a text matched against ' +
      'name, title, description, models and tools. Use describe-ai-api for connection details, then ' +
      'request-ai-access to get a key.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          type: z
            .enum(API_TYPES)
            .optional()
            .describe('only APIs of this type: llm, mcp-server or a2a'),
          text: z
            .string()
            .max(200)
            .optional()
            .describe('case-insensitive text, e.g. a model or tool name'),
        }),
      output: z =>
        z.object({
          apis: z.array(
            z.object({
              apiRef: z
                .string()
                .describe('entity ref, the apiRef of the other actions'),
              type: z.string(),
              title: z.string().optional(),
              description: z.string().optional(),
              offers: offersSchema(z),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const apis = await access.listApis(credentials, {
        ...(input.type ? { type: input.type } : {}),
        ...(input.text ? { text: input.text } : {}),
      });
      return {
        output: {
          apis: apis.map(a => ({
            apiRef: a.apiRef,
            type: a.type,
            ...(a.title ? { title: a.title } : {}),
            ...(a.description ? { description: a.description } : {}),
            offers: a.offers,
          })),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'describe-ai-api',
    title: 'Describe an AI API',
    description:
      'Describes one AI API (apiRef from list-ai-apis): its models or tools (with descriptions), its own ' +
      'request/token limits, how clients authenticate (header and scheme of the key), the gateway base URL and ' +
      'endpoints, its policies in plain words, whether access is auto-approved, and what the caller may do ' +
      '(request / approve / revoke).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          apiRef: z
            .string()
            .describe(
              'entity ref of the API, e.g. api:default/team-support-openai',
            ),
        }),
      output: describeOutputSchema,
    },
    action: async ({ input, credentials }) => {
      const view = await access.apiView(input.apiRef, credentials);
      const entity = await deps.catalog.getEntityByRef(view.apiRef, {
        credentials,
      });
      return { output: describeApi(entity, view) };
    },
  });

  actionsRegistry.register({
    name: 'request-ai-access',
    title: 'Request access to an AI API',
    description:
      'Asks the owners of an AI API for a key for a consumer entity the caller owns (a component, system or ' +
      'group, e.g. an agent). Name only models (llm APIs) or tools (mcp-server APIs) the API offers (see ' +
      "describe-ai-api); optional per-minute limits within the API's own; an expiry; and a reason the owners " +
      'will read. Returns the request (state pending, or approved with a grant when the API auto-approves). ' +
      "The key is never returned here: the requester claims it once in Backstage (the consumer's AI access " +
      'tab). One pending request per consumer and API (409 otherwise).',
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          apiRef: z.string().describe('entity ref of the API'),
          consumerRef: z
            .string()
            .describe(
              'entity ref of the consumer that will hold the key, e.g. component:default/my-agent',
            ),
          models: z
            .array(z.string())
            .optional()
            .describe('llm APIs: the models needed'),
          tools: z
            .array(z.string())
            .optional()
            .describe('mcp-server APIs: the tools needed'),
          requestsPerMinute: z.number().int().positive().optional(),
          tokensPerMinute: z.number().int().positive().optional(),
          expiresInDays: z
            .number()
            .int()
            .positive()
            .optional()
            .describe(
              'days until the grant expires (default and maximum from config)',
            ),
          reason: z
            .string()
            .min(1)
            .max(2000)
            .describe('why the consumer needs it, for the API owners'),
        }),
      output: z =>
        z.object({
          request: requestSchema(z),
          grant: grantSchema(z).optional(),
          next: z.string().describe('what happens next, in plain words'),
        }),
    },
    action: async ({ input, credentials }) => {
      const limits = {
        ...(input.requestsPerMinute
          ? { requestsPerMinute: input.requestsPerMinute }
          : {}),
        ...(input.tokensPerMinute
          ? { tokensPerMinute: input.tokensPerMinute }
          : {}),
      };
      const { request, grant } = await access.createRequest(
        {
          apiRef: input.apiRef,
          consumerRef: input.consumerRef,
          ...(input.models ? { models: input.models } : {}),
          ...(input.tools ? { tools: input.tools } : {}),
          ...(Object.keys(limits).length ? { limits } : {}),
          ...(input.expiresInDays
            ? {
                expiresAt: new Date(
                  Date.now() + input.expiresInDays * DAY_MS,
                ).toISOString(),
              }
            : {}),
          reason: input.reason,
        },
        credentials,
      );
      const next = grant
        ? `Approved automatically. Claim the key once in Backstage on ${request.consumerRef} (AI access tab); it is shown only then.`
        : `Pending: the owners of ${request.apiRef} are notified and decide. You are notified of the decision.`;
      return {
        output: {
          request: toRequestOutput(request),
          ...(grant ? { grant: toGrantOutput(grant) } : {}),
          next,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'list-my-ai-grants',
    title: 'List my AI access grants',
    description:
      'Lists the access grants (what each consumer may call, until when, and whether its key was claimed) and ' +
      'the open requests of one consumer entity, or - without consumerRef - of every component, system and ' +
      'group the calling user owns. Never returns keys.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          consumerRef: z
            .string()
            .optional()
            .describe('only this consumer; default: every consumer you own'),
        }),
      output: z =>
        z.object({
          grants: z.array(grantSchema(z)),
          requests: z
            .array(requestSchema(z))
            .describe('requests still pending a decision'),
        }),
    },
    action: async ({ input, credentials }) => {
      const consumers = input.consumerRef
        ? [input.consumerRef]
        : await consumersOwnedBy(credentials, deps);
      const views = await viewsOf(access, consumers, credentials);
      return {
        output: {
          grants: views.flatMap(v => v.grants.map(toGrantOutput)),
          requests: views.flatMap(v =>
            v.requests.filter(r => r.state === 'pending').map(toRequestOutput),
          ),
        },
      };
    },
  });
}

/** One consumer at a time keeps the load on the store and the catalog small. */
async function viewsOf(
  access: AccessService,
  consumers: string[],
  credentials: BackstageCredentials,
) {
  const views = [];
  for (const consumerRef of consumers) {
    views.push(await access.consumerView(consumerRef, credentials));
  }
  return views;
}
