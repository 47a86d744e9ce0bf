/**
 * @jest-environment node
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { AiGatewayClient } from './AiGatewayClient';
import { AiGatewayApiError, describeApiError } from './errors';

/** A tiny stand-in for the backend: records request paths, answers fixtures or Backstage error bodies. */
function startServer() {
  const seen: { url: string; accept?: string }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', accept: req.headers.accept });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
      });
      res.end(JSON.stringify(body));
    };
    const error = (status: number, name: string, message: string) =>
      send(status, {
        error: { name, message },
        request: { method: req.method, url: req.url },
        response: { statusCode: status },
      });
    const url = req.url ?? '';
    if (url === '/api/ai-gateway/entity/component/default/chat/tabs/backends') {
      send(200, {
        tab: 'backends',
        selection: { entityRef: 'component:default/chat' },
        items: [],
        clusters: [{ name: 'local', ok: true }],
      });
    } else if (
      url === '/api/ai-gateway/entity/component/team/we%20ird/tabs/routes'
    ) {
      send(200, {
        tab: 'routes',
        selection: { entityRef: 'component:team/a' },
        items: [],
        clusters: [],
      });
    } else if (
      url === '/api/ai-gateway/entity/component/default/plain/tabs/gateways'
    ) {
      error(
        400,
        'EntityNotAnnotatedError',
        'component:default/plain has no kubernetes annotations',
      );
    } else if (
      url === '/api/ai-gateway/entity/component/default/secret/tabs/policies'
    ) {
      error(403, 'NotAllowedError', 'not allowed to read ai-gateway objects');
    } else if (
      url === '/api/ai-gateway/entity/component/default/chat/topology?window=1h'
    ) {
      send(200, {
        window: '1h',
        generatedAt: 'x',
        scope: { type: 'entity', entityRef: 'component:default/chat' },
        nodes: [],
        edges: [],
        metrics: [],
      });
    } else if (url === '/api/ai-gateway/platform/usage?window=24h') {
      send(200, {
        window: '24h',
        generatedAt: 'x',
        stepSeconds: 900,
        series: [],
        metrics: [],
      });
    } else if (
      url === '/api/ai-gateway/entity/component/default/chat/problems'
    ) {
      send(200, {
        problems: [
          {
            type: 'UnusedBackend',
            severity: 'warning',
            cluster: 'local',
            kind: 'AgentgatewayBackend',
            namespace: 'default',
            name: 'spare',
            message: 'No route sends traffic to backend spare',
          },
        ],
      });
    } else if (
      url === '/api/ai-gateway/entity/component/default/secret/problems'
    ) {
      error(403, 'NotAllowedError', 'not allowed to read ai-gateway objects');
    } else if (url === '/api/ai-gateway/platform/overview') {
      send(200, {
        gatewayClasses: [],
        gateways: [],
        parameters: [],
        clusters: [
          {
            name: 'prod',
            ok: false,
            error: { reason: 'Unreachable', message: 'timeout' },
          },
        ],
      });
    } else {
      error(404, 'NotFoundError', `no route ${url}`);
    }
  });
  return new Promise<{
    server: http.Server;
    baseUrl: string;
    seen: typeof seen;
  }>(resolve => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        baseUrl: `http://127.0.0.1:${port}/api/ai-gateway`,
        seen,
      });
    });
  });
}

describe('AiGatewayClient', () => {
  let ctx: Awaited<ReturnType<typeof startServer>>;
  let client: AiGatewayClient;
  const discovered: string[] = [];

  beforeAll(async () => {
    ctx = await startServer();
    client = new AiGatewayClient({
      discoveryApi: {
        getBaseUrl: async pluginId => {
          discovered.push(pluginId);
          return ctx.baseUrl;
        },
      },
      fetchApi: { fetch: (input, init) => fetch(input as any, init) },
    });
  });
  afterAll(
    () => new Promise<void>(resolve => ctx.server.close(() => resolve())),
  );

  it('GETs the entity tab route and returns the parsed body', async () => {
    const res = await client.getTab('component:default/chat', 'backends');
    expect(res.tab).toBe('backends');
    expect(res.clusters).toEqual([{ name: 'local', ok: true }]);
    expect(discovered).toContain('ai-gateway');
    expect(ctx.seen.at(-1)).toEqual({
      url: '/api/ai-gateway/entity/component/default/chat/tabs/backends',
      accept: 'application/json',
    });
  });

  it('defaults the namespace and percent-encodes path segments', async () => {
    await client.getTab('component:chat', 'backends');
    expect(ctx.seen.at(-1)?.url).toBe(
      '/api/ai-gateway/entity/component/default/chat/tabs/backends',
    );
    const res = await client.getTab('component:team/we ird', 'routes');
    expect(ctx.seen.at(-1)?.url).toBe(
      '/api/ai-gateway/entity/component/team/we%20ird/tabs/routes',
    );
    expect(res.tab).toBe('routes');
  });

  it('GETs the topology and usage of an entity or of the platform with the window', async () => {
    const t = await client.getTopology('1h', 'component:default/chat');
    expect(ctx.seen.at(-1)?.url).toBe(
      '/api/ai-gateway/entity/component/default/chat/topology?window=1h',
    );
    expect(t.scope).toEqual({
      type: 'entity',
      entityRef: 'component:default/chat',
    });
    const u = await client.getUsage('24h');
    expect(ctx.seen.at(-1)?.url).toBe(
      '/api/ai-gateway/platform/usage?window=24h',
    );
    expect(u.stepSeconds).toBe(900);
  });

  it('GETs the problems of an entity', async () => {
    const res = await client.getProblems('component:chat');
    expect(ctx.seen.at(-1)).toEqual({
      url: '/api/ai-gateway/entity/component/default/chat/problems',
      accept: 'application/json',
    });
    expect(res.problems.map(p => [p.type, p.name])).toEqual([
      ['UnusedBackend', 'spare'],
    ]);
    const error = await client.getProblems('component:default/secret').then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(AiGatewayApiError);
    expect(describeApiError(error)).toMatchObject({
      name: 'NotAllowedError',
      statusCode: 403,
      category: 'notAllowed',
    });
  });

  it('GETs the platform overview', async () => {
    const res = await client.getPlatformOverview();
    expect(ctx.seen.at(-1)?.url).toBe('/api/ai-gateway/platform/overview');
    expect(res.clusters[0]).toEqual({
      name: 'prod',
      ok: false,
      error: { reason: 'Unreachable', message: 'timeout' },
    });
  });

  it.each([
    [
      'component:default/plain',
      'gateways',
      400,
      'EntityNotAnnotatedError',
      'notAnnotated',
    ],
    [
      'component:default/secret',
      'policies',
      403,
      'NotAllowedError',
      'notAllowed',
    ],
    ['component:default/missing', 'routes', 404, 'NotFoundError', 'notFound'],
  ] as const)(
    'surfaces %s %s as an AiGatewayApiError with the backend error',
    async (ref, tab, status, name, category) => {
      const error = await client.getTab(ref, tab).then(
        () => undefined,
        e => e,
      );
      expect(error).toBeInstanceOf(AiGatewayApiError);
      expect(error.status).toBe(status);
      expect(error.name).toBe(name);
      const info = describeApiError(error);
      expect(info).toMatchObject({ name, statusCode: status, category });
      expect(info.message).not.toBe('');
    },
  );
});
