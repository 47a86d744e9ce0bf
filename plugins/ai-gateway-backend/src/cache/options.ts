import { Config } from '@backstage/config';

export interface CacheOptions {
  initialBackoffMs: number;
  maxBackoffMs: number;
  watchTimeoutSeconds: number;
}

/** `aiGateway.cache`: retry backoff of failed LIST / WATCH and the server-side watch timeout. */
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
