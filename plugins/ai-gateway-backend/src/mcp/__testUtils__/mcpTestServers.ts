import {
  createServer,
  IncomingMessage,
  Server as HttpServer,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  Tool,
} from '@modelcontextprotocol/sdk/types.js';

export interface TestHttpServer {
  url: string;
  requests: number;
  /** JSON-RPC methods received (SDK servers) */
  methods: string[];
  close(): Promise<void>;
}

async function listen(
  handler: (
    req: IncomingMessage,
    res: ServerResponse,
    self: TestHttpServer,
  ) => void | Promise<void>,
  path = '/mcp',
): Promise<TestHttpServer> {
  const self: TestHttpServer = {
    url: '',
    requests: 0,
    methods: [],
    close: async () => {},
  };
  const http: HttpServer = createServer((req, res) => {
    self.requests++;
    Promise.resolve(handler(req, res, self)).catch(() => res.destroy());
  });
  await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve));
  self.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}${path}`;
  self.close = () =>
    new Promise<void>(resolve => {
      http.closeAllConnections();
      http.close(() => resolve());
    });
  return self;
}

export interface SdkServerSpec {
  name?: string;
  version?: string;
  tools: Tool[];
  prompts?: Array<{ name: string; description?: string }>;
  resources?: Array<{ uri: string; name: string }>;
  /** items per page (default: all in one page) */
  pageSize?: number;
}

function page<T>(
  items: T[],
  cursor: string | undefined,
  size: number | undefined,
) {
  const start = cursor ? Number(cursor) : 0;
  const end = size ? start + size : items.length;
  return {
    items: items.slice(start, end),
    nextCursor: end < items.length ? String(end) : undefined,
  };
}

/** A real SDK server (low-level `Server`, Streamable HTTP, stateless) with the given lists, paged by `pageSize`. */
export function startSdkServer(spec: SdkServerSpec): Promise<TestHttpServer> {
  const build = () => {
    const server = new Server(
      { name: spec.name ?? 'test-server', version: spec.version ?? '1.0.0' },
      {
        capabilities: {
          tools: {},
          ...(spec.prompts ? { prompts: {} } : {}),
          ...(spec.resources ? { resources: {} } : {}),
        },
      },
    );
    server.setRequestHandler(ListToolsRequestSchema, req => {
      const p = page(spec.tools, req.params?.cursor, spec.pageSize);
      return { tools: p.items, nextCursor: p.nextCursor };
    });
    if (spec.prompts) {
      server.setRequestHandler(ListPromptsRequestSchema, req => {
        const p = page(spec.prompts!, req.params?.cursor, spec.pageSize);
        return { prompts: p.items, nextCursor: p.nextCursor };
      });
    }
    if (spec.resources) {
      server.setRequestHandler(ListResourcesRequestSchema, req => {
        const p = page(spec.resources!, req.params?.cursor, spec.pageSize);
        return { resources: p.items, nextCursor: p.nextCursor };
      });
    }
    return server;
  };
  return listen(async (req, res, self) => {
    let body: unknown;
    if (req.method === 'POST') {
      let text = '';
      for await (const chunk of req) text += chunk;
      body = JSON.parse(text);
      self.methods.push((body as { method: string }).method);
    }
    const server = build();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on('close', () => {
      transport.close().catch(() => {});
      server.close().catch(() => {});
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  });
}

/** Accepts connections and never answers. */
export function startHangingServer(): Promise<TestHttpServer> {
  return listen(() => {});
}

/** Answers `initialize` correctly, then `tools/list` with `result` (e.g. a malformed one). */
export function startRawJsonRpcServer(
  toolsListResult: unknown,
): Promise<TestHttpServer> {
  return listen(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    const msg = JSON.parse(body);
    if (msg.id === undefined) {
      res.writeHead(202).end();
      return;
    }
    const result =
      msg.method === 'initialize'
        ? {
            protocolVersion: msg.params.protocolVersion,
            capabilities: { tools: {} },
            serverInfo: { name: 'raw', version: '0.0.1' },
          }
        : toolsListResult;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result }));
  });
}

/** `n` tools named `tool_00000`… with a small input schema. */
export function manyTools(n: number, prefix = 'tool'): Tool[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `${prefix}_${String(i).padStart(5, '0')}`,
    description: `Tool number ${i}`,
    inputSchema: {
      type: 'object',
      properties: { q: { type: 'string' } },
      required: ['q'],
    },
  }));
}
