import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { demoServers, DemoServerDefinition } from './servers';
import { toolCatalog } from './servers/toolCatalog';
import { PAYMENTS_AGENT_ID, paymentsAgentApp } from './a2a/paymentsAgent';

export interface McpDemoServerOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** log lines (default: none) */
  log?: (line: string) => void;
  /** extra generated servers of many tools (benchmarks, paging tests), served at `/<id>/mcp` beside the demo's */
  toolCatalogs?: Array<{ id: string; count: number }>;
}

export interface McpDemoEndpoint {
  id: string;
  standsInFor: string;
  /** Streamable HTTP endpoint (stateless: every POST gets a fresh server over the shared state) */
  streamableHttpUrl: string;
  /** legacy SSE endpoint (GET opens the stream; the client posts to the endpoint the stream announces) */
  sseUrl: string;
}

export interface McpDemoServer {
  url: string;
  port: number;
  endpoints: McpDemoEndpoint[];
  /** the demo's A2A agent (official A2A SDK): its base URL (card at `<url>/.well-known/agent-card.json`) */
  a2aAgents: Array<{ id: string; standsInFor: string; url: string }>;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Starts the demo MCP servers in one HTTP server: `/<id>/mcp` (Streamable HTTP), `/<id>/sse` + `/<id>/messages`
 * (legacy SSE), `/healthz`, and `/` (the endpoint list as JSON).
 */
export async function startMcpDemoServer(
  options: McpDemoServerOptions = {},
): Promise<McpDemoServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const servers = new Map<string, DemoServerDefinition>(
    [...demoServers(), ...(options.toolCatalogs ?? []).map(toolCatalog)].map(
      s => [s.id, s],
    ),
  );
  const sseSessions = new Map<string, SSEServerTransport>();
  let endpoints: McpDemoEndpoint[] = [];
  // the agent's app needs the listening address: set once the server listens
  const a2a: { app?: ReturnType<typeof paymentsAgentApp> } = {};

  async function streamable(
    def: DemoServerDefinition,
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    const server = def.create();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on('close', () => {
      transport.close().catch(() => {});
      server.close().catch(() => {});
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  }

  async function sseOpen(def: DemoServerDefinition, res: ServerResponse) {
    const transport = new SSEServerTransport(`/${def.id}/messages`, res);
    sseSessions.set(transport.sessionId, transport);
    const server = def.create();
    res.on('close', () => {
      sseSessions.delete(transport.sessionId);
      server.close().catch(() => {});
    });
    await server.connect(transport);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, id, leaf] = url.pathname.split('/');
    if (url.pathname === '/healthz') return send(res, 200, { status: 'ok' });
    if (url.pathname === '/') return send(res, 200, { endpoints });
    if (id === PAYMENTS_AGENT_ID && a2a.app) {
      log(`${req.method} ${url.pathname}`);
      // the agent's express app sees paths below its prefix
      req.url = (req.url ?? '/').slice(PAYMENTS_AGENT_ID.length + 1) || '/';
      return void a2a.app(req, res);
    }
    const def = servers.get(id ?? '');
    if (!def)
      return send(res, 404, { error: `no demo server at ${url.pathname}` });
    log(`${req.method} ${url.pathname}`);
    if (leaf === 'mcp') return streamable(def, req, res);
    if (leaf === 'sse' && req.method === 'GET') return sseOpen(def, res);
    if (leaf === 'messages' && req.method === 'POST') {
      const transport = sseSessions.get(
        url.searchParams.get('sessionId') ?? '',
      );
      if (!transport) return send(res, 404, { error: 'unknown sessionId' });
      return transport.handlePostMessage(req, res);
    }
    return send(res, 404, { error: `no route ${req.method} ${url.pathname}` });
  }

  const http = createServer((req, res) => {
    handle(req, res).catch(e => {
      log(`error: ${e}`);
      if (!res.headersSent) send(res, 500, { error: String(e) });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  a2a.app = paymentsAgentApp(`${base}/${PAYMENTS_AGENT_ID}`);
  endpoints = [...servers.values()].map(s => ({
    id: s.id,
    standsInFor: s.standsInFor,
    streamableHttpUrl: `${base}/${s.id}/mcp`,
    sseUrl: `${base}/${s.id}/sse`,
  }));
  return {
    url: base,
    port,
    endpoints,
    a2aAgents: [
      {
        id: PAYMENTS_AGENT_ID,
        standsInFor: 'team-payments/payments-agent-a2a',
        url: `${base}/${PAYMENTS_AGENT_ID}`,
      },
    ],
    close: () =>
      new Promise<void>(resolve => {
        for (const t of sseSessions.values()) t.close().catch(() => {});
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
