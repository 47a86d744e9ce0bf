import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpDemoServer, startMcpDemoServer } from './startMcpDemoServer';
import { catalogToolName } from './servers/toolCatalog';

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const content = result.content as Array<{ type: string; text?: string }>;
  return content.map(c => c.text ?? '').join('');
}

describe('mcp-demo-server', () => {
  let server: McpDemoServer;
  const clients: Client[] = [];

  beforeAll(async () => {
    server = await startMcpDemoServer({ port: 0 });
  });
  afterAll(async () => {
    await Promise.all(clients.map(c => c.close()));
    await server.close();
  });

  async function connect(
    id: string,
    transport: 'streamable' | 'sse' = 'streamable',
  ) {
    const endpoint = server.endpoints.find(e => e.id === id)!;
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(
      transport === 'sse'
        ? new SSEClientTransport(new URL(endpoint.sseUrl))
        : new StreamableHTTPClientTransport(
            new URL(endpoint.streamableHttpUrl),
          ),
    );
    clients.push(client);
    return client;
  }

  it('lists the knowledge base tools with input schemas, prompts and resources', async () => {
    const client = await connect('support-kb');
    expect(client.getServerVersion()).toEqual({
      name: 'support-knowledge-base',
      version: '1.2.0',
    });
    const { tools } = await client.listTools();
    expect(tools.map(t => t.name)).toEqual([
      'search_articles',
      'get_article',
      'create_issue',
      'list_issues',
    ]);
    const createIssue = tools.find(t => t.name === 'create_issue')!;
    expect(createIssue.inputSchema).toMatchObject({
      type: 'object',
      required: ['title'],
      properties: {
        priority: { type: 'string', enum: ['low', 'normal', 'high'] },
      },
    });
    const { prompts } = await client.listPrompts();
    expect(prompts.map(p => p.name)).toEqual([
      'draft_reply',
      'summarize_article',
    ]);
    expect(prompts[0].arguments?.map(a => a.name)).toEqual([
      'question',
      'articleId',
    ]);
    const { resources } = await client.listResources();
    expect(resources.map(r => r.uri)).toContain('kb://articles/KB-101');
    expect(resources.map(r => r.uri)).toContain('kb://guidelines/style');
    const read = await client.readResource({ uri: 'kb://articles/KB-105' });
    expect(JSON.stringify(read.contents)).toContain('600 requests per minute');
  });

  it('answers tool calls deterministically and keeps created issues', async () => {
    const client = await connect('support-kb');
    const search = JSON.parse(
      textOf(
        await client.callTool({
          name: 'search_articles',
          arguments: { query: 'password reset login' },
        }),
      ),
    );
    expect(search[0]).toEqual({
      id: 'KB-101',
      title: 'Resetting a customer password',
      score: expect.any(Number),
    });
    const issue = JSON.parse(
      textOf(
        await client.callTool({
          name: 'create_issue',
          arguments: { title: 'Export fails', priority: 'high' },
        }),
      ),
    );
    expect(issue).toMatchObject({
      id: expect.stringMatching(/^SUP-\d+$/),
      title: 'Export fails',
      priority: 'high',
    });
    const again = await connect('support-kb');
    const list = JSON.parse(
      textOf(
        await again.callTool({
          name: 'list_issues',
          arguments: { priority: 'high' },
        }),
      ),
    );
    expect(list.map((i: { id: string }) => i.id)).toContain(issue.id);
    const bad = await client.callTool({
      name: 'create_issue',
      arguments: { title: 'x' },
    });
    expect(bad.isError).toBe(true);
  });

  it('serves the search indexes and the vector store', async () => {
    const docs = await connect('search-index-docs');
    expect((await docs.listTools()).tools.map(t => t.name)).toEqual([
      'search_docs',
      'get_doc',
    ]);
    const hits = JSON.parse(
      textOf(
        await docs.callTool({
          name: 'search_docs',
          arguments: { query: 'reindex runbook' },
        }),
      ),
    );
    expect(hits[0].path).toBe('/runbooks/reindex');
    const tickets = await connect('search-index-tickets');
    const open = JSON.parse(
      textOf(
        await tickets.callTool({
          name: 'search_tickets',
          arguments: { query: 'documents re-index', status: 'open' },
        }),
      ),
    );
    expect(open.map((t: { id: string }) => t.id)).toEqual(['SRCH-1201']);
    const vectors = await connect('vector-db');
    const a = JSON.parse(
      textOf(
        await vectors.callTool({
          name: 'embed_text',
          arguments: { text: 'hybrid search' },
        }),
      ),
    );
    const b = JSON.parse(
      textOf(
        await vectors.callTool({
          name: 'embed_text',
          arguments: { text: 'hybrid search' },
        }),
      ),
    );
    expect(a.vector).toHaveLength(16);
    expect(a).toEqual(b);
  });

  it('serves the web fetcher over legacy SSE from its offline pages', async () => {
    const client = await connect('web-fetcher', 'sse');
    expect((await client.listTools()).tools.map(t => t.name)).toEqual([
      'fetch',
    ]);
    const page = await client.callTool({
      name: 'fetch',
      arguments: { url: 'https://docs.example.com/pricing' },
    });
    expect(textOf(page)).toContain('12 EUR per user');
    const missing = await client.callTool({
      name: 'fetch',
      arguments: { url: 'https://docs.example.com/nope' },
    });
    expect(missing.isError).toBe(true);
  });

  it('answers health and a 404 for unknown paths', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(
      (await fetch(`${server.url}/nope/mcp`, { method: 'POST' })).status,
    ).toBe(404);
    const index = await (await fetch(server.url)).json();
    expect(index.endpoints).toHaveLength(5);
  });
});

describe('mcp-demo-server tool catalogs', () => {
  it('serves a generated catalog of many tools beside the demo servers', async () => {
    const server = await startMcpDemoServer({
      port: 0,
      toolCatalogs: [{ id: 'catalog', count: 500 }],
    });
    const client = new Client({ name: 'test', version: '1.0.0' });
    try {
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${server.url}/catalog/mcp`)),
      );
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(500);
      expect(new Set(tools.map(t => t.name)).size).toBe(500);
      expect(tools[0].name).toBe(catalogToolName(0));
      expect(tools[499].name).toBe(catalogToolName(499));
      expect(tools[0].inputSchema).toMatchObject({
        type: 'object',
        required: ['id', 'tenant'],
        properties: {
          status: { type: 'string', enum: ['active', 'archived', 'draft'] },
          dry_run: { type: 'boolean' },
        },
      });
      const result = await client.callTool({
        name: catalogToolName(7),
        arguments: { id: 'r-1', tenant: 'acme' },
      });
      expect(JSON.parse(textOf(result))).toEqual({
        tool: catalogToolName(7),
        arguments: { id: 'r-1', tenant: 'acme' },
      });
      expect((await client.listPrompts()).prompts.map(p => p.name)).toEqual([
        'pick_tool',
      ]);
      expect(server.endpoints.map(e => e.id)).toContain('catalog');
    } finally {
      await client.close();
      await server.close();
    }
  }, 60_000);
});
