import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import {
  DiscoveredApi,
  DiscoverySnapshot,
  McpServerDefinition,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { createMcpRegistryRouter } from './router';

// The registry's published OpenAPI document (copied with its provenance next to this file)
const spec = parse(
  readFileSync(join(__dirname, 'mcp-registry-openapi.yaml'), 'utf8'),
);
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec);
function schemaOf(path: string, status = '200') {
  const validate = ajv.getSchema(
    `${spec.$id}#/paths/${path
      .replace(/~/g, '~0')
      .replace(
        /\//g,
        '~1',
      )}/get/responses/${status}/content/application~1json/schema`,
  );
  if (!validate) throw new Error(`no schema for ${path} ${status}`);
  return validate;
}
function expectValid(path: string, body: unknown, status = '200') {
  const validate = schemaOf(path, status);
  const ok = validate(body);
  if (!ok)
    throw new Error(
      `${path}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(
        body,
        null,
        1,
      ).slice(0, 2000)}`,
    );
}

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/team',
    lifecycle: 'production',
  },
});

function mcpApi(
  name: string,
  options: Partial<DiscoveredApi> & { tools?: string[]; version?: string } = {},
): DiscoveredApi {
  const url = options.url ?? `https://ai.example.com/${name}/mcp`;
  const definition: McpServerDefinition = {
    kind: 'mcp-server',
    url,
    transport: 'streamable-http',
    discovery: {
      status: 'ok',
      serverInfo: { name, version: options.version ?? '1.2.0' },
      tools: (options.tools ?? ['create_issue']).map(t => ({
        name: t,
        inputSchema: { type: 'object' },
      })),
      prompts: [],
      resources: [],
      discoveredAt: '2026-12-02T06:00:00.000Z',
    },
    auth: { kind: 'api-key', header: 'Authorization', scheme: 'Bearer ' },
    policies: [],
    targets: [],
  };
  return {
    name,
    title: `MCP ${name}`,
    description: `Tools of ${name}, discovered through the AI gateway (a long description that goes well beyond the hundred characters the registry allows)`,
    type: 'mcp-server',
    lifecycle: 'production',
    source: { cluster: 'local', kind: 'HTTPRoute', namespace: 'team', name },
    ownership: {
      owner: 'group:default/team',
      unowned: false,
      entityRef: 'component:default/visible',
    },
    baseUrl: 'https://ai.example.com',
    url,
    auth: definition.auth,
    searchTerms: [],
    tags: [],
    dependsOn: [],
    gateways: ['agentgateway-system/ai-gateway'],
    definition,
    ...options,
  };
}

function snapshotOf(apis: DiscoveredApi[]): DiscoverySnapshot {
  return {
    enabled: true,
    version: 'v1',
    generatedAt: '2026-12-02T06:10:00.000Z',
    complete: true,
    clusters: [{ name: 'local', ok: true }],
    apis,
    resources: [],
    problems: [],
  };
}

function app(
  apis: DiscoveredApi[],
  entities: Entity[] = [component('visible')],
) {
  const router = createMcpRegistryRouter({
    httpAuth: mockServices.httpAuth(),
    catalog: catalogServiceMock({ entities }),
    namespace: 'io.backstage.ai-gateway',
    source: () => ({ snapshot: async () => snapshotOf(apis) }),
  });
  return express().use('/mcp-registry', router).use(mockErrorHandler());
}

describe('MCP registry (generic registry API)', () => {
  const apis = [
    mcpApi('support-kb-mcp'),
    mcpApi('search-tools-mcp', {
      ownership: {
        owner: 'group:default/search',
        unowned: false,
        entityRef: 'component:default/hidden',
      },
    }),
    mcpApi('orphan-mcp', {
      ownership: { owner: 'group:default/unowned', unowned: true },
      auth: { kind: 'none', header: '', scheme: '' },
    }),
    { ...mcpApi('support-openai'), type: 'llm' as const },
  ];

  it('lists the MCP servers the caller may see, as the spec says', async () => {
    const res = await request(
      app(apis, [
        component('visible'),
        { ...component('orphan-mcp'), kind: 'API' },
      ]),
    ).get('/mcp-registry/v0.1/servers');
    expect(res.status).toBe(200);
    expectValid('/v0.1/servers', res.body);
    expect(res.body.servers.map((s: any) => s.server.name)).toEqual([
      'io.backstage.ai-gateway/orphan-mcp',
      'io.backstage.ai-gateway/support-kb-mcp',
    ]);
    const kb = res.body.servers[1].server;
    expect(kb.description.length).toBeLessThanOrEqual(100);
    expect(kb.version).toBe('1.2.0');
    expect(kb.remotes).toEqual([
      {
        type: 'streamable-http',
        url: 'https://ai.example.com/support-kb-mcp/mcp',
        headers: [
          {
            name: 'Authorization',
            description: 'Your api-key credential for this MCP server',
            isRequired: true,
            isSecret: true,
            value: 'Bearer {api_key}',
            variables: {
              api_key: {
                description: 'Your api-key credential for this MCP server',
                isRequired: true,
                isSecret: true,
              },
            },
          },
        ],
      },
    ]);
    expect(res.body.servers[0].server.remotes[0].headers).toBeUndefined();
    expect(
      res.body.servers[1]._meta['io.backstage.ai-gateway/discovery'],
    ).toMatchObject({ tools: 1, discoveryStatus: 'ok' });
    expect(JSON.stringify(res.body)).not.toContain('sk-');
  });

  it('validates for real (the copied schema rejects what the spec forbids)', () => {
    const entry = {
      server: { name: 'no-slash', description: 'x'.repeat(101), version: '1' },
    };
    expect(() => expectValid('/v0.1/servers', { servers: [entry] })).toThrow(
      /pattern|must NOT have more than 100/,
    );
    expect(() =>
      expectValid('/v0.1/servers', {
        servers: [
          {
            server: {
              name: 'a.b/c',
              description: 'd',
              version: '1',
              remotes: [{ type: 'websocket', url: 'x' }],
            },
          },
        ],
      }),
    ).toThrow();
  });

  it('pages with an opaque cursor', async () => {
    const many = Array.from({ length: 45 }, (_, i) =>
      mcpApi(`mcp-${String(i).padStart(2, '0')}`),
    );
    const server = app(many);
    const names: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await request(server)
        .get('/mcp-registry/v0.1/servers')
        .query({ limit: 20, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expectValid('/v0.1/servers', res.body);
      names.push(...res.body.servers.map((s: any) => s.server.name));
      expect(res.body.metadata.count).toBe(res.body.servers.length);
      cursor = res.body.metadata.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(names).toHaveLength(45);
    expect(new Set(names).size).toBe(45);
  });

  it('filters by search, version and updated_since; also serves /v0', async () => {
    const server = app([
      mcpApi('alpha-mcp'),
      mcpApi('beta-mcp', { version: '2.0.0' }),
    ]);
    const search = await request(server)
      .get('/mcp-registry/v0/servers')
      .query({ search: 'BETA' });
    expectValid('/v0.1/servers', search.body);
    expect(search.body.servers.map((s: any) => s.server.name)).toEqual([
      'io.backstage.ai-gateway/beta-mcp',
    ]);
    const version = await request(server)
      .get('/mcp-registry/v0.1/servers')
      .query({ version: '2.0.0' });
    expect(version.body.servers).toHaveLength(1);
    const latest = await request(server)
      .get('/mcp-registry/v0.1/servers')
      .query({ version: 'latest' });
    expect(latest.body.servers).toHaveLength(2);
    const since = await request(server)
      .get('/mcp-registry/v0.1/servers')
      .query({ updated_since: '2026-12-02T07:00:00Z' });
    expect(since.body.servers).toEqual([]);
  });

  it('answers one server: its versions, a version, latest; 404 for unknown or invisible ones', async () => {
    const server = app(apis);
    const name = encodeURIComponent('io.backstage.ai-gateway/support-kb-mcp');
    const versions = await request(server).get(
      `/mcp-registry/v0.1/servers/${name}/versions`,
    );
    expect(versions.status).toBe(200);
    expectValid('/v0.1/servers/{serverName}/versions', versions.body);
    expect(versions.body.servers[0].server.version).toBe('1.2.0');
    for (const v of ['latest', '1.2.0']) {
      const one = await request(server).get(
        `/mcp-registry/v0.1/servers/${name}/versions/${v}`,
      );
      expect(one.status).toBe(200);
      expectValid('/v0.1/servers/{serverName}/versions/{version}', one.body);
      expect(one.body.server.name).toBe(
        'io.backstage.ai-gateway/support-kb-mcp',
      );
    }
    const wrongVersion = await request(server).get(
      `/mcp-registry/v0.1/servers/${name}/versions/9.9.9`,
    );
    expect(wrongVersion.status).toBe(404);
    expectValid(
      '/v0.1/servers/{serverName}/versions/{version}',
      wrongVersion.body,
      '404',
    );
    const hidden = encodeURIComponent(
      'io.backstage.ai-gateway/search-tools-mcp',
    );
    const invisible = await request(server).get(
      `/mcp-registry/v0.1/servers/${hidden}/versions`,
    );
    expect(invisible.status).toBe(404);
    expectValid('/v0.1/servers/{serverName}/versions', invisible.body, '404');
  });

  it('refuses bad query parameters with a 400 naming the field, and unauthenticated callers', async () => {
    const server = app(apis);
    for (const [query, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ cursor: 'bm9wZQ' }, 'cursor'],
      [{ updated_since: 'yesterday' }, 'updated_since'],
    ] as const) {
      const res = await request(server)
        .get('/mcp-registry/v0.1/servers')
        .query(query);
      expect(res.status).toBe(400);
      expect(res.body.error).toContain(`'${field}'`);
    }
    const anonymous = await request(server)
      .get('/mcp-registry/v0.1/servers')
      .set('authorization', mockCredentials.user.invalidHeader());
    expect(anonymous.status).toBe(401);
  });

  it('lists nothing until a snapshot source is connected', async () => {
    const router = createMcpRegistryRouter({
      httpAuth: mockServices.httpAuth(),
      catalog: catalogServiceMock({ entities: [] }),
      namespace: 'io.backstage.ai-gateway',
      source: () => undefined,
    });
    const res = await request(express().use('/mcp-registry', router)).get(
      '/mcp-registry/v0.1/servers',
    );
    expect(res.body).toEqual({ servers: [], metadata: { count: 0 } });
    expectValid('/v0.1/servers', res.body);
  });
});
