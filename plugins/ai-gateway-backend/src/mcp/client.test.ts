import { startMcpDemoServer } from '@ai-gateway-backstage/mcp-demo-server';
import { discoverServer } from './client';
import {
  manyTools,
  startHangingServer,
  startRawJsonRpcServer,
  startSdkServer,
  TestHttpServer,
} from './__testUtils__/mcpTestServers';

const limits = {
  timeoutMs: 5000,
  maxResponseBytes: 8 * 1024 * 1024,
  maxItems: 20_000,
};
const conn = (
  url: string,
  transport: 'auto' | 'sse' | 'streamable-http' = 'auto',
) => ({ url, transport, headers: {} });

describe('discoverServer (SDK client against real SDK servers)', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(s => s.close()));
  });
  const track = <T extends { close(): Promise<void> }>(s: T) => {
    servers.push(s);
    return s;
  };

  it('lists tools, prompts and resources across every page', async () => {
    const server = track(
      await startSdkServer({
        name: 'paged',
        version: '2.1.0',
        tools: manyTools(5),
        prompts: [
          { name: 'p1' },
          { name: 'p2', description: 'second' },
          { name: 'p3' },
        ],
        resources: [
          { uri: 'mem://a', name: 'a' },
          { uri: 'mem://b', name: 'b' },
        ],
        pageSize: 2,
      }),
    );
    const listed = await discoverServer(conn(server.url), limits);
    expect(listed.serverInfo).toEqual({ name: 'paged', version: '2.1.0' });
    expect(listed.tools.map(t => t.name)).toEqual([
      'tool_00000',
      'tool_00001',
      'tool_00002',
      'tool_00003',
      'tool_00004',
    ]);
    expect(listed.tools[0].inputSchema).toEqual({
      type: 'object',
      properties: { q: { type: 'string' } },
      required: ['q'],
    });
    expect(listed.prompts.map(p => p.name)).toEqual(['p1', 'p2', 'p3']);
    expect(listed.resources.map(r => r.uri)).toEqual(['mem://a', 'mem://b']);
  });

  it('does not ask for prompts or resources the server does not offer', async () => {
    const server = track(await startSdkServer({ tools: manyTools(1) }));
    const listed = await discoverServer(
      conn(server.url, 'streamable-http'),
      limits,
    );
    expect(listed).toMatchObject({ prompts: [], resources: [] });
    expect(server.methods).toEqual([
      'initialize',
      'notifications/initialized',
      'tools/list',
    ]);
  });

  it('lists 10,000 tools', async () => {
    const server = track(
      await startSdkServer({ tools: manyTools(10_000), pageSize: 2500 }),
    );
    const listed = await discoverServer(conn(server.url), limits);
    expect(listed.tools).toHaveLength(10_000);
    expect(listed.tools[9999].name).toBe('tool_09999');
  });

  it('refuses more items than maxItems', async () => {
    const server = track(
      await startSdkServer({ tools: manyTools(30), pageSize: 10 }),
    );
    await expect(
      discoverServer(conn(server.url), { ...limits, maxItems: 25 }),
    ).rejects.toThrow('more than 25 tools');
  });

  it('records a malformed tools/list answer as an error', async () => {
    const server = track(await startRawJsonRpcServer({ tools: 'not-a-list' }));
    await expect(
      discoverServer(conn(server.url, 'streamable-http'), limits),
    ).rejects.toThrow();
  });

  it('cuts a 10 MB answer', async () => {
    const server = track(
      await startSdkServer({
        tools: [
          {
            name: 'huge',
            description: 'x'.repeat(10 * 1024 * 1024),
            inputSchema: { type: 'object' },
          },
        ],
      }),
    );
    const started = Date.now();
    await expect(
      discoverServer(conn(server.url, 'streamable-http'), limits),
    ).rejects.toThrow(/limit of 8388608 bytes/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('gives up on a hanging server after the timeout', async () => {
    const server: TestHttpServer = track(await startHangingServer());
    const started = Date.now();
    await expect(
      discoverServer(conn(server.url), { ...limits, timeoutMs: 800 }),
    ).rejects.toThrow('no complete answer within 0.8 s');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('falls back to legacy SSE (the demo web fetcher)', async () => {
    const demo = track(await startMcpDemoServer({ port: 0 }));
    const sse = demo.endpoints.find(e => e.id === 'web-fetcher')!.sseUrl;
    const listed = await discoverServer(conn(sse, 'auto'), limits);
    expect(listed.serverInfo?.name).toBe('mcp-website-fetcher');
    expect(listed.tools.map(t => t.name)).toEqual(['fetch']);
  });

  it('fails on an unreachable server', async () => {
    const server = await startSdkServer({ tools: [] });
    await server.close();
    await expect(discoverServer(conn(server.url), limits)).rejects.toThrow();
  });
});
