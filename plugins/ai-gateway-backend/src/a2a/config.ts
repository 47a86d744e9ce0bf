import { Config } from '@backstage/config';
import { readMcpConfig } from '../mcp/config';

/** A development mapping (`aiGateway.a2a.endpoints`): where Backstage reaches an A2A backend's agent. */
export interface A2aEndpointOverride {
  cluster?: string;
  /** `<namespace>/<backend>` */
  backend: string;
  /** the agent's base URL; the card is read at `<url>/.well-known/agent-card.json` */
  url: string;
  headers: Record<string, string>;
}

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
    (e, i) => {
      const backend = e.getString('backend');
      if (!/^[^/\s]+\/[^/\s]+$/.test(backend))
        throw new Error(
          `aiGateway.a2a.endpoints[${i}].backend must be '<namespace>/<backend>', got '${backend}'`,
        );
      const url = e.getString('url');
      if (!/^https?:\/\//.test(url))
        throw new Error(
          `aiGateway.a2a.endpoints[${i}].url must be an http(s) URL, got '${url}'`,
        );
      const headers: Record<string, string> = {};
      const h = e.getOptionalConfig('headers');
      for (const key of h?.keys() ?? []) headers[key] = h!.getString(key);
      return { cluster: e.getOptionalString('cluster'), backend, url, headers };
    },
  );
  const positive = (key: string, fallback: number) => {
    const v = a2a?.getOptionalNumber(key) ?? fallback;
    if (!(v > 0))
      throw new Error(
        `aiGateway.a2a.${key} must be a positive number, got ${v}`,
      );
    return v;
  };
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
