import { Config } from '@backstage/config';
import { readMcpConfig } from '../mcp/config';
import {
  EndpointBase,
  positiveNumbers,
  readEndpointBase,
} from '../remoteDiscovery/config';

/**
 * A development mapping (`aiGateway.a2a.endpoints`): where Backstage reaches an A2A backend's agent (`url`: the
 * agent's base URL; the card is read at `<url>/.well-known/agent-card.json`).
 */
export type A2aEndpointOverride = EndpointBase;

/** `aiGateway.a2a`: A2A discovery (agent cards). */
export interface A2aConfig {
  enabled: boolean;
  /** refresh frequency (`frequencySeconds`, default: `aiGateway.mcp.frequencySeconds`, else 300) */
  frequencyMs: number;
  /** one agent's card fetch (both well-known paths) is cut after this (default 10 s) */
  timeoutMs: number;
  /** one answer may carry at most this many bytes (default 1 MiB) */
  maxResponseBytes: number;
  /** skills per card (default 500); more → discovery error */
  maxSkills: number;
  /** agents fetched at once (default 4) */
  concurrency: number;
  endpoints: A2aEndpointOverride[];
  /** Gateway → client-facing base URL (`aiGateway.gateways`) */
  gateways: Map<string, string>;
}

export function readA2aConfig(config: Config): A2aConfig {
  const a2a = config.getOptionalConfig('aiGateway.a2a');
  const mcp = readMcpConfig(config);
  const endpoints = (a2a?.getOptionalConfigArray('endpoints') ?? []).map(
    (e, i) => readEndpointBase(e, i, 'aiGateway.a2a'),
  );
  const positive = positiveNumbers(a2a, 'aiGateway.a2a');
  return {
    enabled: a2a?.getOptionalBoolean('enabled') ?? true,
    frequencyMs: positive('frequencySeconds', mcp.frequencyMs / 1000) * 1000,
    timeoutMs: positive('timeoutSeconds', 10) * 1000,
    maxResponseBytes: positive('maxResponseBytes', 1024 * 1024),
    maxSkills: positive('maxSkills', 500),
    concurrency: positive('concurrency', 4),
    endpoints,
    gateways: mcp.gateways,
  };
}
