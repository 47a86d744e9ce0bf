import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse, parseAllDocuments } from 'yaml';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  startMcpDemoServer,
  McpDemoServer,
} from '@ai-gateway-backstage/mcp-demo-server';
import {
  DiscoverySnapshot,
  McpServerDefinition,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { eventually, startTestEnvironment } from '../__testUtils__/testBackend';
import { exampleObjects } from './__testUtils__/caches';

jest.setTimeout(120_000);

const root = join(__dirname, '../../../..');
const catalogEntities = ['components.yaml', 'org.yaml', 'systems.yaml'].flatMap(
  f =>
    parseAllDocuments(
      readFileSync(join(root, 'examples/catalog', f), 'utf8'),
    ).map(d => d.toJS() as Entity),
);
const spec = parse(
  readFileSync(join(__dirname, 'registry/mcp-registry-openapi.yaml'), 'utf8'),
);
const ajv = new Ajv2020({ strict: false });
addFormats(ajv);
ajv.addSchema(spec);

/** The demo end to end: kube-local with examples/cluster, the demo MCP server, the plugin with the demo's endpoints. */
describe('MCP discovery and registry in the plugin', () => {
  let demo: McpDemoServer;
  let env: Awaited<ReturnType<typeof startTestEnvironment>>;

  beforeAll(async () => {
    demo = await startMcpDemoServer({ port: 0 });
    const u = (id: string, leaf = 'mcp') => `${demo.url}/${id}/${leaf}`;
    env = await startTestEnvironment({
      seed: exampleObjects(),
      entities: catalogEntities,
      // the real scheduler (on the test database): the discovery task runs after its initial delay, as in production
      features: [schedulerServiceFactory],
      aiGateway: {
        mcp: {
          endpoints: [
            {
              backend: 'team-support/support-kb-mcp',
              target: 'knowledge-base',
              url: u('support-kb'),
            },
            {
              backend: 'team-search/search-tools-mcp',
              target: 'search-index-docs-mcp',
              url: u('search-index-docs'),
            },
            {
              backend: 'team-search/search-tools-mcp',
              target: 'web-fetcher',
              url: u('web-fetcher', 'sse'),
            },
            {
              backend: 'team-search/search-tools-mcp',
              target: 'vector-db',
              url: u('vector-db'),
            },
          ],
        },
        gateways: [
          {
            gateway: 'agentgateway-system/ai-gateway',
            url: 'https://ai.example.com',
          },
        ],
      },
    });
  });
  afterAll(async () => {
    await env?.close();
    await demo?.close();
  });

  it('discovers on the scheduler task, feeds the discovery snapshot and serves the registry', async () => {
    const server = env.backend.server;
    const snapshot: DiscoverySnapshot = await eventually(async () => {
      const res = await request(server)
        .get('/api/ai-gateway/discovery/snapshot')
        .set('authorization', mockCredentials.service.header());
      const kb = res.body.apis?.find(
        (a: { name: string; type: string }) =>
          a.type === 'mcp-server' && a.name.includes('support-kb'),
      );
      expect((kb?.definition as McpServerDefinition)?.discovery.status).toBe(
        'ok',
      );
      return res.body;
    }, 60_000);
    const kb = snapshot.apis.find(
      a => a.type === 'mcp-server' && a.name.includes('support-kb'),
    )!;
    expect(
      (kb.definition as McpServerDefinition).discovery.tools.map(t => t.name),
    ).toContain('create_issue');

    const list = await request(server).get(
      '/api/ai-gateway/mcp-registry/v0.1/servers',
    );
    expect(list.status).toBe(200);
    const validate = ajv.getSchema(
      `${spec.$id}#/components/schemas/ServerList`,
    )!;
    expect(validate(list.body) ? [] : validate.errors).toEqual([]);
    const entry = list.body.servers.find((s: any) =>
      s.server.name.includes('support-kb'),
    );
    expect(entry.server.remotes[0]).toMatchObject({
      type: 'streamable-http',
      url: 'https://ai.example.com/support/mcp',
    });
    expect(
      entry._meta['io.backstage.ai-gateway/discovery'].tools,
    ).toBeGreaterThanOrEqual(4);
  });
});
