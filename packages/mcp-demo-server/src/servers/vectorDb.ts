import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DOCS } from '../data';
import { cosine, embed, EMBEDDING_DIMENSIONS } from '../search';
import { DemoServerDefinition, text } from './types';

/**
 * The vector store (target `vector-db` of `team-search/search-tools-mcp`): feature-hashing embeddings and cosine
 * similarity over the indexed docs plus documents upserted while the process runs.
 */
export function vectorDb(): DemoServerDefinition {
  const store = new Map<string, { text: string; vector: number[] }>(
    DOCS.map(d => [
      d.path,
      { text: `${d.title}. ${d.text}`, vector: embed(`${d.title} ${d.text}`) },
    ]),
  );
  return {
    id: 'vector-db',
    standsInFor: 'team-search/search-tools-mcp (target vector-db)',
    create() {
      const server = new McpServer({ name: 'vector-db', version: '2.0.0' });
      server.registerTool(
        'embed_text',
        {
          title: 'Embed text',
          description: `A ${EMBEDDING_DIMENSIONS}-dimensional unit vector for the text (deterministic feature hashing).`,
          inputSchema: { text: z.string().min(1).max(20_000) },
          annotations: { readOnlyHint: true },
        },
        async ({ text: t }) =>
          text({ dimensions: EMBEDDING_DIMENSIONS, vector: embed(t) }),
      );
      server.registerTool(
        'similarity_search',
        {
          title: 'Similarity search',
          description:
            'The stored documents most similar to the query (cosine similarity), best first.',
          inputSchema: {
            query: z.string().min(1),
            top_k: z
              .number()
              .int()
              .min(1)
              .max(50)
              .optional()
              .describe('default 3'),
          },
          annotations: { readOnlyHint: true },
        },
        async ({ query, top_k }) => {
          const q = embed(query);
          return text(
            [...store.entries()]
              .map(([id, d]) => ({
                id,
                similarity: cosine(q, d.vector),
                text: d.text,
              }))
              .sort(
                (a, b) =>
                  b.similarity - a.similarity || a.id.localeCompare(b.id),
              )
              .slice(0, top_k ?? 3),
          );
        },
      );
      server.registerTool(
        'upsert_document',
        {
          title: 'Upsert document',
          description:
            'Stores (or replaces) a document and its embedding under an id.',
          inputSchema: {
            id: z.string().min(1).max(200),
            text: z.string().min(1).max(20_000),
          },
          annotations: { idempotentHint: true },
        },
        async ({ id, text: t }) => {
          const existed = store.has(id);
          store.set(id, { text: t, vector: embed(t) });
          return text({ id, created: !existed, documents: store.size });
        },
      );
      server.registerResource(
        'stats',
        'vector://stats',
        { title: 'Store statistics', mimeType: 'application/json' },
        async uri => ({
          contents: [
            {
              uri: uri.href,
              mimeType: 'application/json',
              text: JSON.stringify({
                documents: store.size,
                dimensions: EMBEDDING_DIMENSIONS,
              }),
            },
          ],
        }),
      );
      return server;
    },
  };
}
