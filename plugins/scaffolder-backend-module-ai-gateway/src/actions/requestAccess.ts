import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ACCESS_PATHS,
  type AccessGrant,
  type AccessRequest,
  type ApiAccessView,
  type CreateAccessRequestBody,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { AiGatewayCaller } from '../client';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `ai-gateway:request-access`: asks the owners of an AI API for access for a consumer entity (e.g. the component a
 * template just created), as the user running the template. The key is never part of the output: the requester
 * claims it once in Backstage (the consumer's AI access tab).
 */
export function createRequestAccessAction(options: {
  caller: AiGatewayCaller;
}) {
  return createTemplateAction({
    id: 'ai-gateway:request-access',
    description:
      'Requests access to an AI gateway API (LLM models or MCP tools) for a consumer entity the user owns. ' +
      'Outputs the request id and state (pending, or approved with a grant id when the API auto-approves); ' +
      'the key is claimed once in Backstage, never passed through the template.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Two tools of an MCP API for a new agent',
        example: [
          'steps:',
          '  - id: access',
          '    action: ai-gateway:request-access',
          '    input:',
          '      apiRef: api:default/team-search.search-tools-mcp',
          '      consumerRef: component:default/${{ parameters.name }}',
          '      tools: [search_docs, fetch_url]',
          '      reason: ${{ parameters.reason }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        apiRef: z => z.string().describe('Entity ref of the API'),
        consumerRef: z =>
          z
            .string()
            .describe(
              'Entity ref of the consumer (component, system or group) that will hold the key',
            ),
        models: z =>
          z
            .array(z.string())
            .optional()
            .describe('llm APIs: the models needed'),
        tools: z =>
          z
            .array(z.string())
            .optional()
            .describe('mcp-server APIs: the tools needed'),
        requestsPerMinute: z => z.number().int().positive().optional(),
        tokensPerMinute: z => z.number().int().positive().optional(),
        expiresInDays: z =>
          z
            .number()
            .int()
            .positive()
            .optional()
            .describe('Default and maximum from the backend config'),
        reason: z =>
          z
            .string()
            .min(1)
            .describe('Why the consumer needs access (the API owners read it)'),
      },
      output: {
        requestId: z => z.string().describe('"dry-run" in a dry run'),
        state: z =>
          z
            .string()
            .describe('pending, approved, ... ("dry-run" in a dry run)'),
        grantId: z =>
          z
            .string()
            .optional()
            .describe('Set when the request was approved at once'),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const { input } = ctx;
      if (ctx.isDryRun) {
        // no request in a dry run; check that the API exists and the user may request access to it
        const view = await options.caller.call<ApiAccessView>(
          credentials,
          'GET',
          ACCESS_PATHS.api(input.apiRef),
        );
        ctx.logger.info(
          `Dry run: would request access to ${view.apiRef} for ${input.consumerRef}`,
        );
        ctx.output('requestId', 'dry-run');
        ctx.output('state', 'dry-run');
        return;
      }
      const limits = {
        ...(input.requestsPerMinute
          ? { requestsPerMinute: input.requestsPerMinute }
          : {}),
        ...(input.tokensPerMinute
          ? { tokensPerMinute: input.tokensPerMinute }
          : {}),
      };
      const body: CreateAccessRequestBody = {
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
      };
      const { request, grant } = await options.caller.call<{
        request: AccessRequest;
        grant?: AccessGrant;
      }>(credentials, 'POST', ACCESS_PATHS.requests, body);
      ctx.logger.info(
        `Access request ${request.id} for ${request.consumerRef} to ${request.apiRef}: ${request.state}`,
      );
      ctx.output('requestId', request.id);
      ctx.output('state', request.state);
      if (grant) ctx.output('grantId', grant.id);
    },
  });
}
