import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  Prompt,
  Resource,
  Tool,
} from '@modelcontextprotocol/sdk/types.js';
import {
  McpPrompt,
  McpResource,
  McpTool,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { withDeadline } from '../remoteDiscovery/deadline';
import { McpConnection } from './targets';

/** What one MCP server answered. */
export interface ListedServer {
  serverInfo?: { name: string; version?: string };
  tools: McpTool[];
  prompts: McpPrompt[];
  resources: McpResource[];
}

export interface DiscoveryLimits {
  /** the whole discovery of the server (connect, initialize, every page) */
  timeoutMs: number;
  /** per HTTP response; an SSE stream is one response */
  maxResponseBytes: number;
  /** per list (tools, prompts, resources) */
  maxItems: number;
}

/** A fetch whose answers are cut (with an error) past `maxBytes` and that stops when `signal` aborts. */
export function boundedFetch(maxBytes: number, signal: AbortSignal) {
  return async (url: string | URL, init?: RequestInit): Promise<Response> => {
    const res = await fetch(url, {
      ...init,
      signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal,
    });
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      await res.body?.cancel().catch(() => {});
      throw new Error(
        `answer of ${declared} bytes is larger than the limit of ${maxBytes} bytes`,
      );
    }
    if (!res.body) return res;
    let seen = 0;
    const limited = res.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) {
            controller.error(
              new Error(`answer larger than the limit of ${maxBytes} bytes`),
            );
          } else {
            controller.enqueue(chunk);
          }
        },
      }),
    );
    return new Response(limited, {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
}

type Page<K extends string, T> = { [key in K]: T[] } & { nextCursor?: string };

/** Follows `nextCursor` until the end; refuses more than `maxItems` items or a repeated cursor. */
async function listAll<K extends string, T>(
  what: K,
  maxItems: number,
  page: (cursor?: string) => Promise<Page<K, T>>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const answer = await page(cursor);
    items.push(...answer[what]);
    if (items.length > maxItems)
      throw new Error(`${what}/list: more than ${maxItems} ${what}`);
    cursor = answer.nextCursor || undefined;
    if (cursor !== undefined) {
      if (seen.has(cursor))
        throw new Error(
          `${what}/list: the server repeated cursor '${cursor.slice(0, 80)}'`,
        );
      seen.add(cursor);
    }
  } while (cursor !== undefined);
  return items;
}

async function connect(
  client: Client,
  conn: McpConnection,
  kind: 'streamable-http' | 'sse',
  fetchFn: typeof fetch,
) {
  const url = new URL(conn.url);
  const requestInit: RequestInit = { headers: conn.headers };
  const transport =
    kind === 'sse'
      ? new SSEClientTransport(url, { fetch: fetchFn, requestInit })
      : new StreamableHTTPClientTransport(url, { fetch: fetchFn, requestInit });
  await client.connect(transport);
}

/**
 * Discovers one MCP server with the SDK client: initialize, then tools/list, prompts/list and resources/list (the
 * latter two when the server's capabilities offer them), every page. Streamable HTTP first, SSE when that fails
 * (`auto`). Bounded in time (the whole discovery) and size (each answer).
 */
export async function discoverServer(
  conn: McpConnection,
  limits: DiscoveryLimits,
): Promise<ListedServer> {
  let client: Client | undefined;
  const run = async (signal: AbortSignal): Promise<ListedServer> => {
    const fetchFn = boundedFetch(
      limits.maxResponseBytes,
      signal,
    ) as typeof fetch;
    const options = { signal, timeout: limits.timeoutMs };
    const kinds: Array<'streamable-http' | 'sse'> =
      conn.transport === 'auto' ? ['streamable-http', 'sse'] : [conn.transport];
    let lastError: unknown;
    for (const kind of kinds) {
      client = new Client({
        name: 'backstage-ai-gateway-discovery',
        version: '1.0.0',
      });
      try {
        await connect(client, conn, kind, fetchFn);
        lastError = undefined;
        break;
      } catch (e) {
        lastError = e;
        await client.close().catch(() => {});
        if (signal.aborted) break;
      }
    }
    if (lastError !== undefined || !client) throw lastError;
    const c = client;
    const caps = c.getServerCapabilities() ?? {};
    const info = c.getServerVersion();
    const tools = caps.tools
      ? await listAll<'tools', Tool>('tools', limits.maxItems, cursor =>
          c.listTools({ cursor }, options),
        )
      : [];
    const prompts = caps.prompts
      ? await listAll<'prompts', Prompt>('prompts', limits.maxItems, cursor =>
          c.listPrompts({ cursor }, options),
        )
      : [];
    const resources = caps.resources
      ? await listAll<'resources', Resource>(
          'resources',
          limits.maxItems,
          cursor => c.listResources({ cursor }, options),
        )
      : [];
    return {
      serverInfo: info ? { name: info.name, version: info.version } : undefined,
      tools: tools.map(t => ({
        name: t.name,
        title: t.title ?? t.annotations?.title,
        description: t.description,
        inputSchema: t.inputSchema as Record<string, unknown>,
      })),
      prompts: prompts.map(p => ({
        name: p.name,
        title: p.title,
        description: p.description,
        arguments: p.arguments?.map(a => ({
          name: a.name,
          description: a.description,
          required: a.required,
        })),
      })),
      resources: resources.map(r => ({
        uri: r.uri,
        name: r.name,
        title: r.title,
        description: r.description,
        mimeType: r.mimeType,
      })),
    };
  };
  try {
    return await withDeadline(limits.timeoutMs, run);
  } finally {
    // close() can wait on a hanging server: never let it hold the caller
    void (client as Client | undefined)?.close().catch(() => {});
  }
}
