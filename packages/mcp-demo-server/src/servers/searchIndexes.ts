import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DOCS, TICKETS } from '../data';
import { rank } from '../search';
import { DemoServerDefinition, text } from './types';

/**
 * team-search's documentation index (Service `team-search/search-index-docs`, selected by the label
 * `mcp-index: "true"` of AgentgatewayBackends `search-index-mcp` and `search-tools-mcp`; data-plane target name
 * `search-index-docs-mcp`, i.e. `<service>-<port name>`).
 */
export function searchIndexDocs(): DemoServerDefinition {
  return {
    id: 'search-index-docs',
    standsInFor: 'Service team-search/search-index-docs (port mcp)',
    create() {
      const server = new McpServer({
        name: 'search-index-docs',
        version: '0.9.1',
      });
      server.registerTool(
        'search_docs',
        {
          title: 'Search documentation',
          description:
            'Ranked full-text search over the product documentation index.',
          inputSchema: {
            query: z.string().min(1),
            limit: z.number().int().min(1).max(20).optional(),
          },
          annotations: { readOnlyHint: true },
        },
        async ({ query, limit }) =>
          text(
            rank(
              DOCS,
              query,
              d => ({ title: d.title, text: d.text }),
              limit ?? 5,
            ).map(r => ({
              path: r.item.path,
              title: r.item.title,
              score: r.score,
            })),
          ),
      );
      server.registerTool(
        'get_doc',
        {
          title: 'Get document',
          description: 'The full text of one indexed document by path.',
          inputSchema: { path: z.string().startsWith('/') },
          annotations: { readOnlyHint: true },
        },
        async ({ path }) => {
          const doc = DOCS.find(d => d.path === path);
          return doc ? text(doc) : text(`No document at ${path}`, true);
        },
      );
      for (const doc of DOCS) {
        server.registerResource(
          `doc${doc.path.replace(/\//g, '-')}`,
          `docs://${doc.path.slice(1)}`,
          { title: doc.title, mimeType: 'text/plain' },
          async uri => ({
            contents: [
              { uri: uri.href, mimeType: 'text/plain', text: doc.text },
            ],
          }),
        );
      }
      return server;
    },
  };
}

/** team-search's ticket index (Service `team-search/search-index-tickets`, target `search-index-tickets-mcp`). */
export function searchIndexTickets(): DemoServerDefinition {
  return {
    id: 'search-index-tickets',
    standsInFor: 'Service team-search/search-index-tickets (port mcp)',
    create() {
      const server = new McpServer({
        name: 'search-index-tickets',
        version: '0.9.1',
      });
      server.registerTool(
        'search_tickets',
        {
          title: 'Search tickets',
          description:
            'Ranked full-text search over engineering tickets, optionally by status.',
          inputSchema: {
            query: z.string().min(1),
            status: z.enum(['open', 'pending', 'closed']).optional(),
            limit: z.number().int().min(1).max(20).optional(),
          },
          annotations: { readOnlyHint: true },
        },
        async ({ query, status, limit }) =>
          text(
            rank(
              TICKETS.filter(t => !status || t.status === status),
              query,
              t => ({ title: t.title, text: t.text }),
              limit ?? 5,
            ).map(r => ({
              id: r.item.id,
              title: r.item.title,
              status: r.item.status,
              score: r.score,
            })),
          ),
      );
      server.registerTool(
        'get_ticket',
        {
          title: 'Get ticket',
          description: 'One ticket by id (e.g. SRCH-1201).',
          inputSchema: { id: z.string().regex(/^SRCH-\d+$/) },
          annotations: { readOnlyHint: true },
        },
        async ({ id }) => {
          const ticket = TICKETS.find(t => t.id === id);
          return ticket ? text(ticket) : text(`No ticket ${id}`, true);
        },
      );
      server.registerPrompt(
        'triage_ticket',
        {
          title: 'Triage a ticket',
          description: 'Suggest a priority and an owner for a ticket.',
          argsSchema: { id: z.string() },
        },
        ({ id }) => ({
          messages: [
            {
              role: 'user',
              content: {
                type: 'text',
                text: `Suggest a priority (P1-P4) and an owning team for:\n${JSON.stringify(
                  TICKETS.find(t => t.id === id) ?? { id },
                )}`,
              },
            },
          ],
        }),
      );
      return server;
    },
  };
}
