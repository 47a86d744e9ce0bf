import { Config } from '@backstage/config';

/** `aiGateway.catalog` and `aiGateway.gateways`: what discovery emits and where clients reach the gateways. */
export interface DiscoveryConfig {
  enabled: boolean;
  /** owner of entities whose source object no single catalog entity selects */
  defaultOwner: string;
  /** owner of the Gateway Resource entities (else the owner of the entity selecting the Gateway) */
  platformOwner?: string;
  /** `namespace/name` (or `cluster:namespace/name`) of a Gateway → its client-facing base URL (no trailing slash) */
  gateways: Map<string, string>;
  /** debounce of snapshot rebuilds after cache changes */
  debounceMs: number;
  /** how many MCP tools an API entity carries at most (the rest: `truncated`) */
  maxToolsPerEntity: number;
}

export function readDiscoveryConfig(config: Config): DiscoveryConfig {
  const catalog = config.getOptionalConfig('aiGateway.catalog');
  const defaultOwner =
    catalog?.getOptionalString('defaultOwner') ?? 'group:default/unowned';
  const gateways = new Map<string, string>();
  // config keys may not contain '/', so: [{ gateway: ns/name, url, cluster? }]
  for (const entry of config.getOptionalConfigArray('aiGateway.gateways') ??
    []) {
    const gateway = entry.getString('gateway').trim();
    if (!/^[^/\s]+\/[^/\s]+$/.test(gateway)) {
      throw new Error(
        `aiGateway.gateways: 'gateway' must be '<namespace>/<name>', got '${gateway}'`,
      );
    }
    const cluster = entry.getOptionalString('cluster');
    // an entry may only partition the Gateway (`partitions`, read by src/partitions)
    const url = entry.getOptionalString('url')?.replace(/\/+$/, '');
    if (!url) continue;
    gateways.set(cluster ? `${cluster}:${gateway}` : gateway, url);
  }
  return {
    enabled: catalog?.getOptionalBoolean('enabled') ?? true,
    defaultOwner,
    platformOwner: catalog?.getOptionalString('platformOwner'),
    gateways,
    debounceMs: catalog?.getOptionalNumber('debounceMs') ?? 1000,
    maxToolsPerEntity: catalog?.getOptionalNumber('maxToolsPerEntity') ?? 2000,
  };
}
