import { Config } from '@backstage/config';
import {
  EndpointBase,
  positiveNumbers,
  readEndpointBase,
} from '../remoteDiscovery/config';

/** How a discovery connection speaks MCP: Streamable HTTP, legacy SSE, or Streamable HTTP falling back to SSE. */
export type McpTransportKind = 'streamable-http' | 'sse' | 'auto';

/** A development mapping (`aiGateway.mcp.endpoints`): where Backstage reaches a backend or one of its targets. */
export interface McpEndpointOverride extends EndpointBase {
  /** data-plane target name; without it the URL serves the whole backend (names as the gateway exposes them) */
  target?: string;
  transport: McpTransportKind;
}

/** `aiGateway.mcp`: MCP discovery and the MCP registry. */
export interface McpConfig {
  /** run discovery at all (default true) */
  enabled: boolean;
  /** scheduler frequency of the refresh (`frequencySeconds`, default 300) */
  frequencyMs: number;
  /** one server's whole discovery (connect, initialize, every list page) is cut after this (default 15 s) */
  timeoutMs: number;
  /** one HTTP response (an SSE stream counts as one) may carry at most this many bytes (default 8 MiB) */
  maxResponseBytes: number;
  /** at most this many tools, prompts or resources per server (default 20,000); more → discovery error */
  maxItems: number;
  /** how many servers are discovered at once (default 4) */
  concurrency: number;
  endpoints: McpEndpointOverride[];
  /** `namespace/name` (or `cluster:namespace/name`) of a Gateway → client-facing base URL (`aiGateway.gateways`) */
  gateways: Map<string, string>;
  /** the MCP registry for AI clients (`/api/ai-gateway/mcp-registry`) */
  registry: {
    enabled: boolean;
    /** reverse-DNS namespace of the registry's server names (default `io.backstage.ai-gateway`) */
    namespace: string;
  };
}

const TRANSPORTS: McpTransportKind[] = ['streamable-http', 'sse', 'auto'];

function transportOf(
  value: string | undefined,
  field: string,
): McpTransportKind {
  if (value === undefined) return 'auto';
  if (!TRANSPORTS.includes(value as McpTransportKind)) {
    throw new Error(
      `${field} must be one of ${TRANSPORTS.join(', ')}, got '${value}'`,
    );
  }
  return value as McpTransportKind;
}

export function readMcpConfig(config: Config): McpConfig {
  const mcp = config.getOptionalConfig('aiGateway.mcp');
  const endpoints = (mcp?.getOptionalConfigArray('endpoints') ?? []).map(
    (e, i) => ({
      ...readEndpointBase(e, i, 'aiGateway.mcp'),
      target: e.getOptionalString('target'),
      transport: transportOf(
        e.getOptionalString('transport'),
        `aiGateway.mcp.endpoints[${i}].transport`,
      ),
    }),
  );
  const gateways = new Map<string, string>();
  for (const entry of config.getOptionalConfigArray('aiGateway.gateways') ??
    []) {
    const cluster = entry.getOptionalString('cluster');
    const gateway = entry.getString('gateway').trim();
    // an entry may only partition the Gateway (no `url`)
    const url = entry.getOptionalString('url')?.replace(/\/+$/, '');
    if (url) gateways.set(cluster ? `${cluster}:${gateway}` : gateway, url);
  }
  const positive = positiveNumbers(mcp, 'aiGateway.mcp');
  return {
    enabled: mcp?.getOptionalBoolean('enabled') ?? true,
    frequencyMs: positive('frequencySeconds', 300) * 1000,
    timeoutMs: positive('timeoutSeconds', 15) * 1000,
    maxResponseBytes: positive('maxResponseBytes', 8 * 1024 * 1024),
    maxItems: positive('maxItems', 20_000),
    concurrency: positive('concurrency', 4),
    endpoints,
    gateways,
    registry: {
      enabled: mcp?.getOptionalBoolean('registry.enabled') ?? true,
      namespace:
        mcp?.getOptionalString('registry.namespace') ??
        'io.backstage.ai-gateway',
    },
  };
}
