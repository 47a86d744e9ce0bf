import express from 'express';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import {
  AI_GATEWAY_API_ANNOTATIONS as A,
  discoveryToolsPath,
  KubeObject,
  McpToolPage,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { spec } from '../schema/openapi.generated';
import { apiErrorHandler } from '../mutations/errorResponse';
import { McpDiscoveryService } from '../mcp/McpDiscoveryService';
import { DatabaseMcpDiscoveryStore } from '../mcp/store';
import { McpConfig } from '../mcp/config';
import { cachesWith } from '../mcp/__testUtils__/caches';
import {
  manyTools,
  startSdkServer,
  TestHttpServer,
} from '../mcp/__testUtils__/mcpTestServers';
import { checkedRequest } from '../__testUtils__/openApiResponses';
import { addDiscoveryRoutes } from './router';
import { ApiToolsService, pageTools } from './tools';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const backend: KubeObject = {
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayBackend',
  metadata: { name: 'big-mcp', namespace: 'team-a' },
  spec: {
    mcp: {
      targets: [{ name: 'big', static: { host: 'big.team-a', port: 80 } }],
    },
  },
};
const route: KubeObject = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'big-route', namespace: 'team-a' },
  spec: {
    parentRefs: [{ name: 'gw', namespace: 'gw-system' }],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/big/mcp' } }],
        backendRefs: [
          {
            group: 'agentgateway.dev',
            kind: 'AgentgatewayBackend',
            name: 'big-mcp',
          },
        ],
      },
    ],
  },
};
const apiEntity = (name: string, type: string, source: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      [A.cluster]: 'local',
      [A.source]: source,
      'backstage.io/managed-by-location': `ai-gateway:local/${source}`,
    },
  },
  spec: { type, lifecycle: 'production', owner: 'group:default/a' },
});

function config(url: string): McpConfig {
  return {
    enabled: true,
    frequencyMs: 60_000,
    timeoutMs: 60_000,
    maxResponseBytes: 8 * 1024 * 1024,
    maxItems: 20_000,
    concurrency: 1,
    endpoints: [
      { backend: 'team-a/big-mcp', url, transport: 'auto', headers: {} },
    ],
    gateways: new Map(),
    registry: { enabled: false, namespace: 'x' },
  };
}

describe('GET /discovery/apis/{namespace}/{name}/tools', () => {
  let server: TestHttpServer;
  let app: express.Express;

  beforeAll(async () => {
    // a real SDK server with 10,000 tools (paged by the server, 2,500 per tools/list page)
    server = await startSdkServer({ tools: manyTools(10_000), pageSize: 2500 });
    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const { caches } = await cachesWith([backend, route]);
    const writer = new McpDiscoveryService({
      reader: caches,
      store: await DatabaseMcpDiscoveryStore.create(database),
      config: config(server.url),
      logger: mockServices.logger.mock(),
    });
    const result = await writer.refreshBackend('local', backend);
    if (result.status !== 'ok') throw new Error(result.error?.message);
    // what the endpoint serves comes from the database: a second service (another replica) loads it from there
    const reader = new McpDiscoveryService({
      reader: caches,
      store: await DatabaseMcpDiscoveryStore.create(database),
      config: config(server.url),
      logger: mockServices.logger.mock(),
    });
    await reader.syncFromStore();
    const tools = new ApiToolsService({
      catalog: catalogServiceMock({
        entities: [
          apiEntity('big', 'mcp-server', 'HTTPRoute:team-a/big-route'),
          apiEntity('chat', 'llm', 'HTTPRoute:team-a/chat'),
          {
            // hand-written, pointing at the same route: not served
            ...apiEntity('forged', 'mcp-server', 'HTTPRoute:team-a/big-route'),
            metadata: {
              name: 'forged',
              namespace: 'default',
              annotations: {
                [A.cluster]: 'local',
                [A.source]: 'HTTPRoute:team-a/big-route',
                'backstage.io/managed-by-location': 'url:https://x/y.yaml',
              },
            },
          },
        ],
      }),
      reader: caches,
      mcp: reader,
    });
    const api = createValidatedOpenApiRouter<typeof spec>(spec);
    addDiscoveryRoutes(api, {
      httpAuth: mockServices.httpAuth({
        defaultCredentials: mockCredentials.none(),
      }),
      discovery: {
        snapshot: () => Promise.reject(new Error('not used')),
        tools,
      },
    });
    app = express().use(api).use(apiErrorHandler());
  });
  afterAll(() => server?.close());

  // every answer (200 pages, 400s, 404s, 401) is checked against openapi.yaml: documented status, matching body
  const get = (path: string, query: Record<string, string | number> = {}) =>
    checkedRequest(app)
      .get(path)
      .query(query)
      .set('authorization', mockCredentials.user.header());

  it('stores all 10,000 tools and reaches every one through the pages', async () => {
    const names: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await get(discoveryToolsPath('default', 'big'), {
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      expect(res.status).toBe(200);
      const page: McpToolPage = res.body;
      expect(page).toMatchObject({ status: 'ok', total: 10_000 });
      expect(page.items.length).toBeLessThanOrEqual(500);
      names.push(...page.items.map(t => t.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(20);
    expect(names).toHaveLength(10_000);
    expect(new Set(names).size).toBe(10_000);
    expect(names[0]).toBe('tool_00000');
    expect(names[9_999]).toBe('tool_09999');
  });

  it('searches by name (case-insensitive) and pages the matches', async () => {
    const one = await get(discoveryToolsPath('default', 'big'), {
      q: 'TOOL_09999',
    });
    expect(one.body).toMatchObject({ total: 10_000, matched: 1 });
    expect(one.body.items.map((t: { name: string }) => t.name)).toEqual([
      'tool_09999',
    ]);
    expect(one.body.items[0].inputSchema).toMatchObject({ type: 'object' });
    const first = await get(discoveryToolsPath('default', 'big'), {
      q: 'tool_0999',
      limit: 6,
    });
    expect(first.body.matched).toBe(10);
    expect(first.body.items).toHaveLength(6);
    const second = await get(discoveryToolsPath('default', 'big'), {
      q: 'tool_0999',
      limit: 6,
      cursor: first.body.nextCursor,
    });
    expect(second.body.items.map((t: { name: string }) => t.name)).toEqual([
      'tool_09996',
      'tool_09997',
      'tool_09998',
      'tool_09999',
    ]);
    expect(second.body.nextCursor).toBeUndefined();
    // the lower limit bound: one tool and a cursor to the next
    const single = await get(discoveryToolsPath('default', 'big'), {
      limit: 1,
    });
    expect(single.body.items.map((t: { name: string }) => t.name)).toEqual([
      'tool_00000',
    ]);
    expect(single.body.nextCursor).toEqual(expect.any(String));
  });

  it('answers 400 naming the field for bad paging input', async () => {
    for (const [query, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 501 }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ cursor: 'not a cursor' }, 'cursor'],
    ] as const) {
      const res = await get(discoveryToolsPath('default', 'big'), query);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(field);
    }
  });

  it('answers 404 for an API the caller cannot see, or one that is not an MCP server', async () => {
    expect((await get(discoveryToolsPath('default', 'hidden'))).status).toBe(
      404,
    );
    expect((await get(discoveryToolsPath('default', 'forged'))).status).toBe(
      404,
    );
    const llm = await get(discoveryToolsPath('default', 'chat'));
    expect(llm.status).toBe(404);
    expect(llm.body.error.message).toContain('not an mcp-server API');
    const anonymous = await checkedRequest(app).get(
      discoveryToolsPath('default', 'big'),
    );
    expect(anonymous.status).toBe(401);
  });
});

describe('pageTools', () => {
  it('matches title and description too, and has no cursor on the last page', () => {
    const tools = [
      { name: 'a', title: 'Create issue' },
      { name: 'b', description: 'creates an ISSUE' },
      { name: 'c' },
    ];
    expect(pageTools(tools, { q: 'issue' })).toEqual({
      total: 3,
      matched: 2,
      items: tools.slice(0, 2),
    });
    expect(pageTools(tools, { limit: 2 }).nextCursor).toBeDefined();
    expect(pageTools([], {})).toEqual({ total: 0, matched: 0, items: [] });
  });
});
