import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  startMcpDemoServer,
  McpDemoServer,
} from '@ai-gateway-backstage/mcp-demo-server';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { McpConfig, McpEndpointOverride } from './config';
import { McpDiscoveryService } from './McpDiscoveryService';
import { DatabaseMcpDiscoveryStore } from './store';
import { cachesWith, exampleObjects } from './__testUtils__/caches';
import {
  manyTools,
  startHangingServer,
  startSdkServer,
  TestHttpServer,
} from './__testUtils__/mcpTestServers';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

function mcpBackend(
  name: string,
  targets: object[],
  extra: object = {},
): KubeObject {
  return {
    apiVersion: 'agentgateway.dev/v1alpha1',
    kind: 'AgentgatewayBackend',
    metadata: { name, namespace: 'team-a' },
    spec: { mcp: { targets, ...extra } },
  };
}

function config(
  endpoints: Array<
    Partial<McpEndpointOverride> & { backend: string; url: string }
  >,
): McpConfig {
  return {
    enabled: true,
    frequencyMs: 60_000,
    timeoutMs: 10_000,
    maxResponseBytes: 8 * 1024 * 1024,
    maxItems: 20_000,
    concurrency: 4,
    endpoints: endpoints.map(e => ({ transport: 'auto', headers: {}, ...e })),
    gateways: new Map(),
    registry: { enabled: true, namespace: 'io.backstage.ai-gateway' },
  };
}

async function service(objects: KubeObject[], cfg: McpConfig) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseMcpDiscoveryStore.create(
    mockServices.database({ knex, migrations: { skip: false } }),
  );
  const { caches, collections } = await cachesWith(objects);
  const svc = new McpDiscoveryService({
    reader: caches,
    store,
    config: cfg,
    logger: mockServices.logger.mock(),
  });
  return { svc, store, caches, collections };
}

describe('McpDiscoveryService', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(s => s.close()));
  });
  async function sdk(
    ...args: Parameters<typeof startSdkServer>
  ): Promise<TestHttpServer> {
    const s = await startSdkServer(...args);
    servers.push(s);
    return s;
  }

  it('federates several targets under the names agentgateway exposes (target_ prefix, target+ URIs)', async () => {
    const one = await sdk({
      tools: manyTools(2, 'search'),
      resources: [{ uri: 'docs://a', name: 'a' }],
    });
    const two = await sdk({
      tools: manyTools(1, 'fetch'),
      prompts: [{ name: 'summarize' }],
    });
    const backend = mcpBackend('tools', [
      {
        name: 'docs',
        static: {
          host: 'docs.team-a.svc.cluster.local',
          port: 80,
          path: '/mcp',
        },
      },
      {
        name: 'web',
        static: {
          host: 'web.team-a.svc.cluster.local',
          port: 80,
          protocol: 'SSE',
        },
      },
    ]);
    const { svc } = await service(
      [backend],
      config([
        { backend: 'team-a/tools', target: 'docs', url: one.url },
        { backend: 'team-a/tools', target: 'web', url: two.url },
      ]),
    );
    const changes: string[] = [];
    svc.onChange(k => changes.push(k.backend));
    await svc.refreshAll();
    const result = svc.getServer('local', 'team-a', 'tools')!;
    expect(result.error).toBeUndefined();
    expect(result.tools.map(t => t.name)).toEqual([
      'docs_search_00000',
      'docs_search_00001',
      'web_fetch_00000',
    ]);
    expect(result.prompts.map(p => p.name)).toEqual(['web_summarize']);
    expect(result.resources.map(r => r.uri)).toEqual(['docs+docs://a']);
    expect(result.discoveredAt).toEqual(expect.any(String));
    expect(changes).toEqual(['tools']);
  });

  it('keeps a single target unprefixed unless prefixMode is Always', async () => {
    const one = await sdk({ tools: manyTools(1) });
    const single = mcpBackend('single', [
      { name: 'only', static: { host: 'x', port: 1 } },
    ]);
    const always = mcpBackend(
      'always',
      [{ name: 'only', static: { host: 'x', port: 1 } }],
      { prefixMode: 'Always' },
    );
    const { svc } = await service(
      [single, always],
      config([
        { backend: 'team-a/single', target: 'only', url: one.url },
        { backend: 'team-a/always', target: 'only', url: one.url },
      ]),
    );
    await svc.refreshAll();
    expect(
      svc.getServer('local', 'team-a', 'single')!.tools.map(t => t.name),
    ).toEqual(['tool_00000']);
    expect(
      svc.getServer('local', 'team-a', 'always')!.tools.map(t => t.name),
    ).toEqual(['only_tool_00000']);
  });

  it('keeps the last known tools when the server fails or hangs, and records when and why', async () => {
    const server = await startSdkServer({ tools: manyTools(3) });
    const backend = mcpBackend('kb', [
      { name: 'kb', static: { host: 'kb', port: 8080 } },
    ]);
    const cfg = {
      ...config([{ backend: 'team-a/kb', url: server.url }]),
      timeoutMs: 1500,
    };
    const { svc, store } = await service([backend], cfg);
    await svc.refreshAll();
    const ok = svc.getServer('local', 'team-a', 'kb')!;
    expect(ok.tools).toHaveLength(3);

    await server.close();
    await svc.refreshAll();
    const failed = svc.getServer('local', 'team-a', 'kb')!;
    expect(failed).toMatchObject({
      status: 'failed',
      tools: ok.tools,
      discoveredAt: ok.discoveredAt,
    });
    expect(failed.error!.message).toMatch(/fetch failed|ECONNREFUSED/);
    expect(Date.parse(failed.error!.at)).toBeGreaterThanOrEqual(
      Date.parse(ok.discoveredAt!),
    );

    const hanging = await startHangingServer();
    servers.push(hanging);
    cfg.endpoints[0].url = hanging.url;
    const started = Date.now();
    await svc.refreshAll();
    expect(Date.now() - started).toBeLessThan(5000);
    const timedOut = svc.getServer('local', 'team-a', 'kb')!;
    expect(timedOut).toMatchObject({ status: 'failed', tools: ok.tools });
    expect(timedOut.error!.message).toContain(
      'no complete answer within 1.5 s',
    );
    // persisted: a replica loading the store sees the same
    const [row] = await store.list();
    expect(row.result).toEqual(timedOut);
  });

  it('fails a federated backend when one target fails (FailClosed), serves the rest with FailOpen', async () => {
    const good = await sdk({ tools: manyTools(1) });
    const targets = [
      { name: 'a', static: { host: 'a', port: 1 } },
      { name: 'b', static: { host: 'b', port: 1 } },
    ];
    const endpoints = (b: string) => [
      { backend: `team-a/${b}`, target: 'a', url: good.url },
      { backend: `team-a/${b}`, target: 'b', url: 'http://127.0.0.1:1/mcp' },
    ];
    const { svc } = await service(
      [
        mcpBackend('closed', targets),
        mcpBackend('open', targets, { failureMode: 'FailOpen' }),
      ],
      config([...endpoints('closed'), ...endpoints('open')]),
    );
    await svc.refreshAll();
    const closed = svc.getServer('local', 'team-a', 'closed')!;
    expect(closed.status).toBe('failed');
    expect(closed.error!.message).toContain(
      'target b (http://127.0.0.1:1/mcp)',
    );
    expect(svc.getServer('local', 'team-a', 'open')).toMatchObject({
      status: 'ok',
      tools: [{ name: 'a_tool_00000' }],
    });
  });

  it('records unresolvable targets and forgets deleted backends', async () => {
    const backend = mcpBackend('idx', [
      {
        name: 'indexes',
        selector: { services: { matchLabels: { mcp: 'yes' } } },
      },
    ]);
    const { svc, store, collections } = await service([backend], config([]));
    await svc.refreshAll();
    expect(svc.getServer('local', 'team-a', 'idx')!.error!.message).toContain(
      'indexes could not be resolved',
    );
    collections.get('AgentgatewayBackend')!.apply('DELETED', backend);
    await new Promise(r => setTimeout(r, 50));
    await svc.refreshAll();
    expect(svc.getServer('local', 'team-a', 'idx')).toBeUndefined();
    expect(await store.list()).toEqual([]);
  });

  it('syncs results another replica wrote', async () => {
    const server = await sdk({ tools: manyTools(2) });
    const backend = mcpBackend('kb', [
      { name: 'kb', static: { host: 'kb', port: 1 } },
    ]);
    const { svc, store, caches } = await service(
      [backend],
      config([{ backend: 'team-a/kb', url: server.url }]),
    );
    const replica = new McpDiscoveryService({
      reader: caches,
      store,
      config: config([]),
      logger: mockServices.logger.mock(),
    });
    await svc.refreshAll();
    expect(replica.getServer('local', 'team-a', 'kb')).toBeUndefined();
    await replica.syncFromStore();
    expect(replica.getServer('local', 'team-a', 'kb')!.tools).toHaveLength(2);
    expect(replica.listServers().map(s => s.backend)).toEqual(['kb']);
  });

  describe('the demo (examples/cluster + the demo MCP server)', () => {
    let demo: McpDemoServer;
    beforeAll(async () => {
      demo = await startMcpDemoServer({ port: 0 });
    });
    afterAll(() => demo.close());

    it('discovers every demo MCP backend through the development endpoints', async () => {
      const u = (id: string, leaf = 'mcp') => `${demo.url}/${id}/${leaf}`;
      const { svc } = await service(
        exampleObjects(),
        config([
          {
            backend: 'team-support/support-kb-mcp',
            target: 'knowledge-base',
            url: u('support-kb'),
          },
          {
            backend: 'team-search/search-index-mcp',
            target: 'search-index-docs-mcp',
            url: u('search-index-docs'),
          },
          {
            backend: 'team-search/search-index-mcp',
            target: 'search-index-tickets-mcp',
            url: u('search-index-tickets'),
          },
          {
            backend: 'team-search/search-tools-mcp',
            target: 'search-index-docs-mcp',
            url: u('search-index-docs'),
          },
          {
            backend: 'team-search/search-tools-mcp',
            target: 'search-index-tickets-mcp',
            url: u('search-index-tickets'),
          },
          {
            backend: 'team-search/search-tools-mcp',
            target: 'web-fetcher',
            url: u('web-fetcher', 'sse'),
            transport: 'sse',
          },
          {
            backend: 'team-search/search-tools-mcp',
            target: 'vector-db',
            url: u('vector-db'),
          },
        ]),
      );
      await svc.refreshAll();
      const kb = svc.getServer('local', 'team-support', 'support-kb-mcp')!;
      expect(kb.status).toBe('ok');
      expect(kb.tools.map(t => t.name)).toContain('create_issue');
      const tools = svc.getServer('local', 'team-search', 'search-tools-mcp')!;
      expect(tools.error).toBeUndefined();
      expect(tools.tools.map(t => t.name)).toEqual(
        expect.arrayContaining([
          'search-index-docs-mcp_search_docs',
          'search-index-tickets-mcp_search_tickets',
          'web-fetcher_fetch',
          'vector-db_similarity_search',
        ]),
      );
      expect(
        svc
          .getServer('local', 'team-search', 'search-index-mcp')!
          .tools.map(t => t.name),
      ).toContain('search-index-tickets-mcp_search_tickets');
    });
  });
});
