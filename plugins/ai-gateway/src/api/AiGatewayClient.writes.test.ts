/**
 * @jest-environment node
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { AiGatewayClient } from './AiGatewayClient';
import { AiGatewayApiError } from './errors';

interface Seen {
  method: string;
  url: string;
  contentType?: string;
  body?: any;
}

const staleItem = {
  cluster: 'local',
  kind: 'AgentgatewayBackend',
  name: 'stale',
  resourceVersion: '9',
  object: {},
};

/** A stand-in backend recording method, path and JSON body; answers per route like the real contract. */
function startServer() {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', c => (raw += c));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      seen.push({
        method: req.method!,
        url: req.url!,
        contentType: req.headers['content-type'],
        body,
      });
      const send = (status: number, payload?: unknown) => {
        res.writeHead(
          status,
          payload === undefined
            ? {}
            : { 'content-type': 'application/json; charset=utf-8' },
        );
        res.end(payload === undefined ? undefined : JSON.stringify(payload));
      };
      const url = req.url!;
      if (req.method === 'DELETE' && !url.includes('/finalized')) send(204);
      else if (url.endsWith('/resources/AgentgatewayBackend/stale'))
        send(409, {
          error: {
            name: 'ConflictError',
            message: 'changed',
            current: staleItem,
          },
          current: staleItem,
          response: { statusCode: 409 },
        });
      else if (
        url.endsWith('/resources') &&
        body?.object?.metadata?.name === 'bad'
      )
        send(422, {
          error: {
            name: 'InputError',
            message: 'invalid',
            causes: [{ field: 'spec.static.port', message: 'Required value' }],
          },
          response: { statusCode: 422 },
        });
      else if (req.method === 'DELETE' && url.includes('/finalized'))
        send(202, { pending: true });
      else if (url.endsWith('/validate'))
        send(200, { valid: true, causes: [] });
      else
        send(req.method === 'POST' ? 201 : 200, {
          item: { name: body?.object?.metadata?.name ?? 'x' },
          secrets: [],
        });
    });
  });
  return new Promise<{
    server: http.Server;
    client: AiGatewayClient;
    seen: Seen[];
  }>(resolve => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const client = new AiGatewayClient({
        discoveryApi: {
          getBaseUrl: async () => `http://127.0.0.1:${port}/api/ai-gateway`,
        },
        fetchApi: { fetch: (input, init) => fetch(input as any, init) },
      });
      resolve({ server, client, seen });
    });
  });
}

// a slow, shared 2-core machine
jest.setTimeout(30_000);

describe('AiGatewayClient writes', () => {
  let ctx: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    ctx = await startServer();
  });
  afterAll(
    () => new Promise<void>(resolve => ctx.server.close(() => resolve())),
  );
  const REF = 'component:team-support/support assistant';
  const BASE =
    '/api/ai-gateway/entity/component/team-support/support%20assistant';
  const obj = (name: string) => ({
    apiVersion: 'agentgateway.dev/v1alpha1',
    kind: 'AgentgatewayBackend',
    metadata: { name },
    spec: {},
  });

  it('creates with the object and its Secrets as JSON, no namespace added', async () => {
    const secrets = [{ name: 'k', stringData: { Authorization: 'v' } }];
    await ctx.client.createResource(REF, { object: obj('a'), secrets });
    expect(ctx.seen.at(-1)).toEqual({
      method: 'POST',
      url: `${BASE}/resources`,
      contentType: 'application/json',
      body: { object: obj('a'), secrets },
    });
  });

  it('updates, deletes with a resourceVersion precondition (202 = pending), validates, reads referrers', async () => {
    await ctx.client.updateResource(REF, { object: obj('a') });
    expect(ctx.seen.at(-1)).toMatchObject({
      method: 'PUT',
      url: `${BASE}/resources/AgentgatewayBackend/a`,
      body: { object: obj('a') },
    });
    // the object and the keys typed for its Secret in ONE request
    const secrets = [{ name: 'k', stringData: { Authorization: 'v2' } }];
    await ctx.client.updateResource(REF, { object: obj('a'), secrets });
    expect(ctx.seen.at(-1)).toMatchObject({
      method: 'PUT',
      url: `${BASE}/resources/AgentgatewayBackend/a`,
      body: { object: obj('a'), secrets },
    });
    await expect(
      ctx.client.deleteResource(REF, 'AgentgatewayBackend', 'a', '12'),
    ).resolves.toEqual({ pending: false });
    expect(ctx.seen.at(-1)).toMatchObject({
      method: 'DELETE',
      url: `${BASE}/resources/AgentgatewayBackend/a?resourceVersion=12`,
    });
    await expect(ctx.client.validateResource(REF, obj('a'))).resolves.toEqual({
      valid: true,
      causes: [],
    });
    expect(ctx.seen.at(-1)).toMatchObject({
      method: 'POST',
      url: `${BASE}/validate`,
      body: { object: obj('a') },
    });
    await ctx.client.getReferrers(REF, 'AgentgatewayBackend', 'a');
    expect(ctx.seen.at(-1)).toMatchObject({
      method: 'GET',
      url: `${BASE}/resources/AgentgatewayBackend/a/referrers`,
    });
    await expect(
      ctx.client.deleteResource(REF, 'AgentgatewayBackend', 'finalized'),
    ).resolves.toEqual({ pending: true });
  });

  it('puts a Secret by name without repeating the name in the body', async () => {
    await ctx.client.putSecret(REF, {
      name: 'openai key',
      type: 'Opaque',
      stringData: { Authorization: 'v' },
    });
    expect(ctx.seen.at(-1)).toMatchObject({
      method: 'PUT',
      url: `${BASE}/secrets/openai%20key`,
      body: { type: 'Opaque', stringData: { Authorization: 'v' } },
    });
  });

  it('patches only the keys sent of a Secret, lists Secrets', async () => {
    await ctx.client.patchSecret(REF, 'openai key', { Authorization: 'v2' });
    expect(ctx.seen.at(-1)).toMatchObject({
      method: 'PATCH',
      url: `${BASE}/secrets/openai%20key`,
      contentType: 'application/json',
      body: { stringData: { Authorization: 'v2' } },
    });
    await ctx.client.listSecrets(REF);
    expect(ctx.seen.at(-1)).toMatchObject({
      method: 'GET',
      url: `${BASE}/secrets`,
    });
  });

  it('platform writes address namespace and name in the path', async () => {
    const gw = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'edge', namespace: 'platform' },
    };
    await ctx.client.createPlatformResource(gw);
    expect(ctx.seen.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/ai-gateway/platform/resources',
      body: { object: gw },
    });
    await ctx.client.updatePlatformResource(gw);
    expect(ctx.seen.at(-1)).toMatchObject({
      method: 'PUT',
      url: '/api/ai-gateway/platform/resources/Gateway/platform/edge',
    });
    await ctx.client.deletePlatformResource('Gateway', 'platform', 'edge');
    expect(ctx.seen.at(-1)).toMatchObject({
      method: 'DELETE',
      url: '/api/ai-gateway/platform/resources/Gateway/platform/edge',
    });
  });

  it('422 and 409 reject with an AiGatewayApiError carrying causes / current', async () => {
    const invalid = await ctx.client
      .createResource(REF, { object: obj('bad') })
      .catch(e => e);
    expect(invalid).toBeInstanceOf(AiGatewayApiError);
    expect(invalid.status).toBe(422);
    expect(invalid.name).toBe('InputError');
    // what the editors read from it (the backend puts the extra fields into `error`, like its error handler)
    expect(invalid.causes).toEqual([
      { field: 'spec.static.port', message: 'Required value' },
    ]);
    const stale = await ctx.client
      .updateResource(REF, { object: obj('stale') })
      .catch(e => e);
    expect(stale.status).toBe(409);
    expect(stale.current).toMatchObject({
      kind: 'AgentgatewayBackend',
      name: 'stale',
      resourceVersion: '9',
    });
  });
});
