import {
  McpServer,
  ResourceTemplate,
} from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ARTICLES } from '../data';
import { rank } from '../search';
import { DemoServerDefinition, text } from './types';

export interface Issue {
  id: string;
  title: string;
  body: string;
  priority: 'low' | 'normal' | 'high';
  labels: string[];
}

/**
 * team-support's knowledge base (AgentgatewayBackend `team-support/support-kb-mcp`, target `knowledge-base`):
 * search and read articles, file issues in the support tracker (kept in memory while the process runs).
 */
export function knowledgeBase(): DemoServerDefinition {
  const issues: Issue[] = [];
  return {
    id: 'support-kb',
    standsInFor: 'team-support/support-kb-mcp (target knowledge-base)',
    create() {
      const server = new McpServer({
        name: 'support-knowledge-base',
        version: '1.2.0',
      });
      server.registerTool(
        'search_articles',
        {
          title: 'Search articles',
          description:
            'Full-text search over the support knowledge base; best matches first.',
          inputSchema: {
            query: z.string().min(1).describe('words to look for'),
            limit: z
              .number()
              .int()
              .min(1)
              .max(20)
              .optional()
              .describe('at most this many results (default 5)'),
          },
          annotations: { readOnlyHint: true },
        },
        async ({ query, limit }) =>
          text(
            rank(
              ARTICLES,
              query,
              a => ({ title: a.title, text: `${a.body} ${a.tags.join(' ')}` }),
              limit ?? 5,
            ).map(r => ({
              id: r.item.id,
              title: r.item.title,
              score: r.score,
            })),
          ),
      );
      server.registerTool(
        'get_article',
        {
          title: 'Get article',
          description: 'One knowledge-base article by id (e.g. KB-101).',
          inputSchema: {
            id: z
              .string()
              .regex(/^KB-\d+$/)
              .describe('article id'),
          },
          annotations: { readOnlyHint: true },
        },
        async ({ id }) => {
          const article = ARTICLES.find(a => a.id === id);
          return article ? text(article) : text(`No article ${id}`, true);
        },
      );
      server.registerTool(
        'create_issue',
        {
          title: 'Create issue',
          description:
            'File an issue in the support tracker; answers the new issue with its id (SUP-1, SUP-2, ...).',
          inputSchema: {
            title: z.string().min(3).max(200).describe('one-line summary'),
            body: z
              .string()
              .max(10_000)
              .optional()
              .describe('details, steps to reproduce'),
            priority: z
              .enum(['low', 'normal', 'high'])
              .optional()
              .describe('default normal'),
            labels: z.array(z.string()).max(10).optional(),
          },
        },
        async ({ title, body, priority, labels }) => {
          const issue: Issue = {
            id: `SUP-${issues.length + 1}`,
            title,
            body: body ?? '',
            priority: priority ?? 'normal',
            labels: labels ?? [],
          };
          issues.push(issue);
          return text(issue);
        },
      );
      server.registerTool(
        'list_issues',
        {
          title: 'List issues',
          description:
            'The issues filed since the server started, newest first.',
          inputSchema: {
            priority: z.enum(['low', 'normal', 'high']).optional(),
          },
          annotations: { readOnlyHint: true },
        },
        async ({ priority }) =>
          text(
            [...issues]
              .reverse()
              .filter(i => !priority || i.priority === priority),
          ),
      );
      server.registerPrompt(
        'draft_reply',
        {
          title: 'Draft a reply',
          description:
            'Draft a customer reply grounded in one knowledge-base article.',
          argsSchema: {
            question: z.string().describe("the customer's question"),
            articleId: z.string().describe('article to ground the answer in'),
          },
        },
        ({ question, articleId }) => {
          const article = ARTICLES.find(a => a.id === articleId);
          return {
            messages: [
              {
                role: 'user',
                content: {
                  type: 'text',
                  text: `Answer the customer politely and briefly.\nQuestion: ${question}\nSource (${articleId}): ${
                    article?.body ?? 'unknown article'
                  }`,
                },
              },
            ],
          };
        },
      );
      server.registerPrompt(
        'summarize_article',
        {
          title: 'Summarize an article',
          description: 'Summarize an article in three bullet points.',
          argsSchema: { articleId: z.string() },
        },
        ({ articleId }) => ({
          messages: [
            {
              role: 'user',
              content: {
                type: 'text',
                text: `Summarize in three bullet points:\n${
                  ARTICLES.find(a => a.id === articleId)?.body ??
                  'unknown article'
                }`,
              },
            },
          ],
        }),
      );
      server.registerResource(
        'article',
        new ResourceTemplate('kb://articles/{id}', {
          list: async () => ({
            resources: ARTICLES.map(a => ({
              uri: `kb://articles/${a.id}`,
              name: a.id,
              title: a.title,
              mimeType: 'text/markdown',
            })),
          }),
        }),
        {
          title: 'Knowledge-base article',
          description: 'An article as Markdown',
          mimeType: 'text/markdown',
        },
        async (uri, { id }) => {
          const article = ARTICLES.find(a => a.id === id);
          return {
            contents: [
              {
                uri: uri.href,
                mimeType: 'text/markdown',
                text: article
                  ? `# ${article.title}\n\n${article.body}`
                  : 'not found',
              },
            ],
          };
        },
      );
      server.registerResource(
        'style-guide',
        'kb://guidelines/style',
        {
          title: 'Reply style guide',
          description: 'How support replies are written',
          mimeType: 'text/plain',
        },
        async uri => ({
          contents: [
            {
              uri: uri.href,
              mimeType: 'text/plain',
              text: 'Greet by name. One answer per reply. Link the article. No promises on dates.',
            },
          ],
        }),
      );
      return server;
    },
  };
}
