import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { PAGES } from '../data';
import { DemoServerDefinition, text } from './types';

/**
 * The website fetcher (target `web-fetcher` of `team-search/search-tools-mcp`, legacy SSE). It fetches from a
 * fixed offline set of pages (see data.ts), so answers are deterministic and nothing leaves the machine.
 */
export function webFetcher(): DemoServerDefinition {
  return {
    id: 'web-fetcher',
    standsInFor: 'team-search/search-tools-mcp (target web-fetcher, SSE)',
    create() {
      const server = new McpServer({
        name: 'mcp-website-fetcher',
        version: '1.0.3',
      });
      server.registerTool(
        'fetch',
        {
          title: 'Fetch a web page',
          description:
            'Fetches a URL and answers its text content (offline demo web: docs.example.com, blog.example.com).',
          inputSchema: {
            url: z.string().url(),
            max_length: z
              .number()
              .int()
              .min(1)
              .max(100_000)
              .optional()
              .describe('cut the text after this many characters'),
          },
          annotations: { readOnlyHint: true, openWorldHint: true },
        },
        async ({ url, max_length }) => {
          const key = new URL(url).href;
          const page = PAGES[key];
          if (!page) return text(`404 Not Found: ${key}`, true);
          const body = `# ${page.title}\n\n${page.text}`;
          return text(max_length ? body.slice(0, max_length) : body);
        },
      );
      return server;
    },
  };
}
