/*
 * An MCP client (the official SDK) against a started backend with the MCP actions backend and the AI gateway
 * plugin: it authenticates with a static token (backend.auth.externalAccess, the real auth services), lists the
 * AI gateway's actions as tools and calls list-ai-apis. The access actions run with the caller's credentials:
 * the static token is a service principal, which owns no consumer, so requesting access is refused.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { apiEntity } from '@ai-gateway-backstage/plugin-catalog-backend-module-ai-gateway';
import type { DiscoveredApi } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import aiGatewayPlugin from '@ai-gateway-backstage/plugin-ai-gateway-backend';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';

const TOKEN = 'mcp-test-static-token-0123456789abcdef';

const auth = {
  kind: 'api-key' as const,
  header: 'Authorization',
  scheme: 'Bearer ',
};
const ownership = { owner: 'group:default/team-search', unowned: false };
const source = (name: string) => ({
  cluster: 'local',
  kind: 'HTTPRoute',
  namespace: 'team-search',
  name,
});
const llm: DiscoveredApi = {
  name: 'team-search.search-llm',
  title: 'search-llm',
  description: 'LLM endpoint of the search team',
  type: 'llm',
  lifecycle: 'production',
  source: source('search-llm'),
  ownership,
  baseUrl: 'https://ai.example.com',
  url: 'https://ai.example.com/search/llm',
  auth,
  searchTerms: ['gpt-4.1-mini'],
  tags: ['llm'],
  dependsOn: [],
  gateways: ['agentgateway-system/ai-gateway'],
  definition: {
    openapi: '3.0.3',
    info: { title: 'search-llm', version: '1.0.0' },
    servers: [{ url: 'https://ai.example.com' }],
    paths: {},
    'x-ai-gateway': {
      baseUrl: 'https://ai.example.com',
      endpoints: [],
      models: ['gpt-4.1-mini'],
      providers: ['openai'],
      auth,
      policies: [],
    },
  },
};
const mcp: DiscoveredApi = {
  ...llm,
  name: 'team-search.search-tools-mcp',
  title: 'search-tools-mcp',
  description: 'MCP tools of the search team',
  type: 'mcp-server',
  source: source('search-tools-mcp'),
  url: 'https://ai.example.com/search/mcp',
  searchTerms: ['search_docs', 'fetch_url'],
  tags: ['mcp'],
  definition: {
    kind: 'mcp-server',
    url: 'https://ai.example.com/search/mcp',
    transport: 'streamable-http',
    discovery: {
      status: 'ok',
      tools: [
        { name: 'search_docs', description: 'Full-text search' },
        { name: 'fetch_url', description: 'Fetch a web page' },
      ],
      prompts: [],
      resources: [],
    },
    auth,
    policies: [],
    targets: [],
  },
};

const entities = [
  apiEntity(llm),
  apiEntity(mcp),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-search', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

jest.setTimeout(60_000);

describe('MCP actions backend', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let url: URL;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        aiGatewayPlugin,
        mcpActionsPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        // the real token handling, so the static token of backend.auth.externalAccess is what authenticates
        authServiceFactory,
        httpAuthServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              actions: { pluginSources: ['ai-gateway'] },
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: TOKEN, subject: 'mcp-clients' },
                  },
                ],
              },
            },
            kubernetes: {
              clusterLocatorMethods: [{ type: 'config', clusters: [] }],
            },
          },
        }),
      ],
    });
    url = new URL(
      `http://localhost:${backend.server.port()}/api/mcp-actions/v1`,
    );
  });

  afterAll(async () => {
    await backend?.stop();
  });

  async function connect(token?: string) {
    const client = new Client({ name: 'ai-gateway-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(url, {
        requestInit: token
          ? { headers: { Authorization: `Bearer ${token}` } }
          : {},
      }),
    );
    return client;
  }

  it('refuses a client without a token', async () => {
    await expect(connect()).rejects.toThrow(/401|Unauthorized|auth/i);
  });

  it('lists the AI gateway actions as tools and calls list-ai-apis', async () => {
    const client = await connect(TOKEN);
    try {
      const { tools } = await client.listTools();
      const names = tools.map(t => t.name).sort();
      expect(names).toEqual(
        expect.arrayContaining([
          'ai-gateway.describe-ai-api',
          'ai-gateway.list-ai-apis',
          'ai-gateway.list-my-ai-grants',
          'ai-gateway.request-ai-access',
        ]),
      );
      const list = tools.find(t => t.name === 'ai-gateway.list-ai-apis')!;
      expect(list.annotations?.readOnlyHint).toBe(true);
      expect(list.inputSchema.properties).toHaveProperty('type');

      const result = await client.callTool({
        name: 'ai-gateway.list-ai-apis',
        arguments: { type: 'mcp-server' },
      });
      expect(result.isError).toBeFalsy();
      const output = result.structuredContent as {
        apis: Array<{
          apiRef: string;
          type: string;
          offers: { tools: string[] };
        }>;
      };
      expect(output.apis).toEqual([
        expect.objectContaining({
          apiRef: 'api:default/team-search.search-tools-mcp',
          type: 'mcp-server',
        }),
      ]);
      expect(output.apis[0].offers.tools.sort()).toEqual([
        'fetch_url',
        'search_docs',
      ]);
    } finally {
      await client.close();
    }
  });

  it('runs the actions as the caller: a service token cannot request access for a consumer', async () => {
    const client = await connect(TOKEN);
    try {
      const result = await client.callTool({
        name: 'ai-gateway.request-ai-access',
        arguments: {
          apiRef: 'api:default/team-search.search-tools-mcp',
          consumerRef: 'group:default/team-search',
          tools: ['search_docs'],
          reason: 'test',
        },
      });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toMatch(
        /NotAllowed|not allowed|owner|403|service/i,
      );
    } finally {
      await client.close();
    }
  });
});
