import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { McpDiscoveryResult } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { DatabaseMcpDiscoveryStore } from './store';
import { databaseIds } from './__testUtils__/postgres';
import { manyTools } from './__testUtils__/mcpTestServers';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: databaseIds(),
  disableDocker: true,
});

describe.each(databases.eachSupportedId())(
  'DatabaseMcpDiscoveryStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      return { knex, store: await DatabaseMcpDiscoveryStore.create(database) };
    }

    const key = {
      cluster: 'local',
      namespace: 'team-support',
      backend: 'support-kb-mcp',
    };
    const ok: McpDiscoveryResult = {
      status: 'ok',
      serverInfo: { name: 'kb', version: '1.2.0' },
      tools: [
        {
          name: 'create_issue',
          description: 'File an issue',
          inputSchema: { type: 'object' },
        },
      ],
      prompts: [
        {
          name: 'draft_reply',
          arguments: [{ name: 'question', required: true }],
        },
      ],
      resources: [
        {
          uri: 'kb://articles/KB-101',
          name: 'KB-101',
          mimeType: 'text/markdown',
        },
      ],
      discoveredAt: '2026-12-02T06:00:00.000Z',
    };

    it('migrates, stores, replaces and deletes results', async () => {
      const { knex, store } = await createStore();
      expect(await knex.schema.hasTable('ai_gateway_mcp_servers')).toBe(true);
      const first = await store.put(key, ok);
      expect(await store.list()).toEqual([
        { ...key, result: ok, updatedAt: first.updatedAt },
      ]);

      const failed: McpDiscoveryResult = {
        ...ok,
        status: 'failed',
        error: { at: '2026-12-02T06:05:00.000Z', message: 'ECONNREFUSED' },
      };
      const second = await store.put(key, failed);
      expect(second.updatedAt).toBeGreaterThan(first.updatedAt);
      expect(await store.list()).toEqual([
        { ...key, result: failed, updatedAt: second.updatedAt },
      ]);
      expect(await store.list(second.updatedAt)).toEqual([]);
      expect((await store.list(first.updatedAt)).map(s => s.backend)).toEqual([
        'support-kb-mcp',
      ]);

      await store.delete(key);
      expect(await store.list()).toEqual([]);
    });

    it('stores 10,000 tools in one row', async () => {
      const { store } = await createStore();
      const tools = manyTools(10_000).map(t => ({
        name: t.name,
        description: t.description,
        inputSchema: t.inputSchema,
      }));
      await store.put(key, { ...ok, tools });
      const [row] = await store.list();
      expect(row.result.tools).toHaveLength(10_000);
      expect(row.result.tools[9_999]).toEqual(tools[9_999]);
    });

    it('runs the migrations once on a second start', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      await DatabaseMcpDiscoveryStore.create(database);
      const again = await DatabaseMcpDiscoveryStore.create(database);
      await again.put(key, ok);
      expect(await again.list()).toHaveLength(1);
    });
  },
);
