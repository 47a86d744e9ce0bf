import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DemoServerDefinition, text } from './types';

const AREAS = [
  'billing',
  'accounts',
  'inventory',
  'shipping',
  'orders',
  'reports',
  'support',
  'identity',
  'payments',
  'catalog',
];
const VERBS = ['get', 'list', 'create', 'update', 'archive'];

/** The name of tool `i` of a catalog (`billing_get_0000`, `accounts_list_0001`, ...): unique, sortable. */
export function catalogToolName(i: number): string {
  const area = AREAS[i % AREAS.length];
  const verb = VERBS[Math.floor(i / AREAS.length) % VERBS.length];
  return `${area}_${verb}_${String(i).padStart(4, '0')}`;
}

/**
 * A large MCP server for benchmarks and paging tests (`/<id>/mcp`): `count` tools that look like a real internal API
 * surface (area × verb, four to six typed parameters with descriptions, enums, defaults), plus one prompt. Each tool
 * answers with its name and arguments. Not part of the demo's servers; `startMcpDemoServer({ toolCatalogs })` adds it.
 */
export function toolCatalog(options: {
  id: string;
  count: number;
}): DemoServerDefinition {
  const { id, count } = options;
  return {
    id,
    standsInFor: `a generated catalog of ${count} tools (benchmarks)`,
    create() {
      const server = new McpServer({
        name: `tool-catalog-${id}`,
        version: '1.0.0',
      });
      for (let i = 0; i < count; i++) {
        const name = catalogToolName(i);
        const [area, verb] = name.split('_');
        server.registerTool(
          name,
          {
            title: `${verb} ${area} record #${i}`,
            description: `${verb[0].toUpperCase()}${verb.slice(
              1,
            )}s ${area} records in the ${area} service (tool ${i} of ${count}); answers JSON.`,
            inputSchema: {
              id: z.string().min(1).describe(`the ${area} record id`),
              tenant: z.string().describe('tenant the record belongs to'),
              limit: z
                .number()
                .int()
                .min(1)
                .max(500)
                .optional()
                .describe('at most this many results (default 50)'),
              status: z
                .enum(['active', 'archived', 'draft'])
                .optional()
                .describe('only records in this state'),
              ...(i % 2 === 0
                ? {
                    fields: z
                      .array(z.string())
                      .optional()
                      .describe('fields to answer (default all)'),
                  }
                : {}),
              ...(i % 3 === 0
                ? {
                    dry_run: z
                      .boolean()
                      .optional()
                      .describe('validate without writing'),
                  }
                : {}),
            },
            annotations: { readOnlyHint: verb === 'get' || verb === 'list' },
          },
          async args => text({ tool: name, arguments: args }),
        );
      }
      server.registerPrompt(
        'pick_tool',
        {
          title: 'Pick a tool',
          description: `Which of the ${count} tools fits a task`,
          argsSchema: { task: z.string().describe('what you want to do') },
        },
        ({ task }) => ({
          messages: [
            {
              role: 'user',
              content: {
                type: 'text',
                text: `Pick the tool of ${id} that fits: ${task}`,
              },
            },
          ],
        }),
      );
      return server;
    },
  };
}
