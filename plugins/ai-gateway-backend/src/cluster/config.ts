import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** One cluster as this plugin uses it (from the standard `kubernetes.clusterLocatorMethods` config). */
export interface ClusterConfig {
  name: string;
  title?: string;
  url: string;
  serviceAccountToken?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
}

export interface CacheOptions {
  initialBackoffMs: number;
  maxBackoffMs: number;
  watchTimeoutSeconds: number;
}

const SUPPORTED_AUTH = ['serviceAccount'];

/**
 * Reads the clusters of every `type: config` locator method in `kubernetes.clusterLocatorMethods`,
 * restricted to `aiGateway.clusters` when set. Other locator types and auth providers are skipped.
 */
export function readClusterConfigs(config: Config): ClusterConfig[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const clusters: ClusterConfig[] = [];
  for (const method of methods) {
    if (method.getString('type') !== 'config') continue;
    for (const c of method.getOptionalConfigArray('clusters') ?? []) {
      const authProvider =
        c.getOptionalString('authProvider') ?? 'serviceAccount';
      if (!SUPPORTED_AUTH.includes(authProvider)) continue;
      clusters.push({
        name: c.getString('name'),
        title: c.getOptionalString('title'),
        url: c.getString('url').replace(/\/+$/, ''),
        serviceAccountToken: c.getOptionalString('serviceAccountToken'),
        caData: c.getOptionalString('caData'),
        caFile: c.getOptionalString('caFile'),
        skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
      });
    }
  }
  const names = new Set<string>();
  for (const c of clusters) {
    if (names.has(c.name))
      throw new InputError(
        `Duplicate cluster name '${c.name}' in kubernetes.clusterLocatorMethods`,
      );
    names.add(c.name);
  }
  const only = config.getOptionalStringArray('aiGateway.clusters');
  if (!only) return clusters;
  const unknown = only.filter(n => !names.has(n));
  if (unknown.length) {
    throw new InputError(
      `aiGateway.clusters names unknown clusters: ${unknown.join(', ')}`,
    );
  }
  return clusters.filter(c => only.includes(c.name));
}

export function readCacheOptions(config: Config): CacheOptions {
  return {
    initialBackoffMs:
      config.getOptionalNumber('aiGateway.cache.initialBackoffMs') ?? 1000,
    maxBackoffMs:
      config.getOptionalNumber('aiGateway.cache.maxBackoffMs') ?? 30000,
    watchTimeoutSeconds:
      config.getOptionalNumber('aiGateway.cache.watchTimeoutSeconds') ?? 300,
  };
}
