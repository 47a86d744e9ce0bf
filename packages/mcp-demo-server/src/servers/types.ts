import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

/** One demo MCP server: served at `/<id>/mcp` (Streamable HTTP) and `/<id>/sse` (legacy SSE). */
export interface DemoServerDefinition {
  /** path segment, e.g. `support-kb` */
  id: string;
  /** which demo MCP backend target it stands in for (examples/cluster) */
  standsInFor: string;
  /** a fresh SDK server over the shared state (one per Streamable HTTP request or SSE session) */
  create(): McpServer;
}

/** A text result of a tool call. */
export function text(value: unknown, isError = false) {
  return {
    content: [
      {
        type: 'text' as const,
        text:
          typeof value === 'string' ? value : JSON.stringify(value, null, 2),
      },
    ],
    ...(isError ? { isError: true } : {}),
  };
}
