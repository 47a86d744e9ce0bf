import { InputError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type {
  CreateResourceResponse,
  ValidateResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { AiGatewayCaller } from '../client';

const BACKEND_API_VERSION = 'agentgateway.dev/v1alpha1';

/** `/entity/{kind}/{namespace}/{name}` of the AI Gateway plugin for an entity ref (each part URL-encoded). */
export function entityPath(entityRef: string): string {
  let ref;
  try {
    ref = parseEntityRef(entityRef);
  } catch (e: unknown) {
    throw new InputError(`entityRef: ${(e as Error).message}`);
  }
  return ['entity', ref.kind, ref.namespace, ref.name]
    .map(p => `/${encodeURIComponent(p.toLocaleLowerCase('en-US'))}`)
    .join('');
}

/**
 * `ai-gateway:create-backend`: creates an AgentgatewayBackend for a catalog entity through the AI Gateway plugin's
 * write path (`POST /entity/{kind}/{namespace}/{name}/resources`: ownership check, schema + CEL validation,
 * dry-run, audit), as the user running the template. The backend places it (cluster, namespace, labels) from the
 * entity; the template names only the entity, the object's name and its spec. A dry run validates only.
 */
export function createCreateBackendAction(options: {
  caller: AiGatewayCaller;
}) {
  return createTemplateAction({
    id: 'ai-gateway:create-backend',
    description:
      'Creates an AgentgatewayBackend (AI provider, MCP targets or static host) for a catalog entity the user ' +
      'may manage, through the AI Gateway plugin (validated, ownership-checked, audited). The cluster and ' +
      'namespace come from the entity. In a dry run the object is validated and nothing is written.',
    supportsDryRun: true,
    examples: [
      {
        description: 'An OpenAI backend for a new component',
        example: [
          'steps:',
          '  - id: backend',
          '    action: ai-gateway:create-backend',
          '    input:',
          '      entityRef: component:default/${{ parameters.name }}',
          '      name: ${{ parameters.name }}-openai',
          '      spec:',
          '        ai:',
          '          provider:',
          '            openai:',
          '              model: gpt-4.1-mini',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe(
              'The catalog entity that will own the backend (kind:namespace/name)',
            ),
        name: z =>
          z
            .string()
            .regex(
              /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
              'a DNS label: lowercase letters, digits and -',
            )
            .max(63)
            .describe('metadata.name of the AgentgatewayBackend'),
        spec: z =>
          z
            .record(z.unknown())
            .describe(
              'spec of the AgentgatewayBackend (ai, mcp, static, policies)',
            ),
      },
      output: {
        cluster: z => z.string().optional(),
        namespace: z => z.string().optional(),
        name: z => z.string(),
        valid: z =>
          z
            .boolean()
            .describe('false only in a dry run whose object is invalid'),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const path = entityPath(ctx.input.entityRef);
      const object = {
        apiVersion: BACKEND_API_VERSION,
        kind: 'AgentgatewayBackend',
        metadata: { name: ctx.input.name },
        spec: ctx.input.spec,
      };
      if (ctx.isDryRun) {
        const result = await options.caller.call<ValidateResponse>(
          credentials,
          'POST',
          `${path}/validate`,
          { object },
        );
        for (const cause of result.causes) {
          ctx.logger.warn(`${cause.field}: ${cause.message}`);
        }
        ctx.output('name', ctx.input.name);
        ctx.output('valid', result.valid);
        return;
      }
      const { item } = await options.caller.call<CreateResourceResponse>(
        credentials,
        'POST',
        `${path}/resources`,
        { object },
      );
      ctx.logger.info(
        `Created AgentgatewayBackend ${item.namespace}/${item.name} in cluster ${item.cluster}`,
      );
      ctx.output('cluster', item.cluster);
      if (item.namespace) ctx.output('namespace', item.namespace);
      ctx.output('name', item.name);
      ctx.output('valid', true);
    },
  });
}
