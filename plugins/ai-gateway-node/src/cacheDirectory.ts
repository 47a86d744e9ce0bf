/**
 * The folder of this package's on-disk caches (parsed CRDs, CEL ASTs), made with
 * the shared helper (./cacheFolder.ts). `AI_GATEWAY_VALIDATOR_CACHE=off` disables the caches;
 * `AI_GATEWAY_VALIDATOR_CACHE=/some/dir` moves them.
 */
import { createCacheFolder } from './cacheFolder';

const folder = createCacheFolder(
  'AI_GATEWAY_VALIDATOR_CACHE',
  'ai-gateway-validator-cache',
);

export const cacheDirectory = folder.directory;
/** Reads a cache entry; undefined when caching is off or the entry does not exist. */
export const readCacheEntry = folder.read;
/** Writes a cache entry atomically (temp file + rename); failures are ignored. */
export const writeCacheEntry = folder.write;
