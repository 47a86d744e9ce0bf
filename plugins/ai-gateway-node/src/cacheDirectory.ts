/**
 * The folder of this package's on-disk caches (parsed CRDs, generated ajv code): only the current user may write it
 * (created 0700 under the OS temp folder; ownership and mode are checked, anything else disables caching).
 * `AI_GATEWAY_VALIDATOR_CACHE=off` disables the caches; `AI_GATEWAY_VALIDATOR_CACHE=/some/dir` moves them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let memo: { dir: string | undefined } | undefined;

export function cacheDirectory(): string | undefined {
  if (memo) return memo.dir;
  memo = { dir: undefined };
  const setting = process.env.AI_GATEWAY_VALIDATOR_CACHE;
  if (setting === 'off' || setting === '0' || setting === 'false') return undefined;
  const uid = process.getuid?.();
  const dir = setting || path.join(os.tmpdir(), `ai-gateway-validator-cache-${uid ?? 'user'}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    const ours = uid === undefined || st.uid === uid;
    if (st.isDirectory() && ours && (st.mode & 0o022) === 0) memo.dir = dir;
  } catch {
    // no cache
  }
  return memo.dir;
}

/** Reads a cache entry; undefined when caching is off or the entry does not exist. */
export function readCacheEntry(name: string): string | undefined {
  return readCacheBuffer(name)?.toString('utf8');
}

/** Reads a binary cache entry; undefined when caching is off or the entry does not exist. */
export function readCacheBuffer(name: string): Buffer | undefined {
  const dir = cacheDirectory();
  if (!dir) return undefined;
  try {
    return fs.readFileSync(path.join(dir, name));
  } catch {
    return undefined;
  }
}

/** Writes a cache entry atomically (temp file + rename); failures are ignored (a cache is optional). */
export function writeCacheEntry(name: string, data: string | Uint8Array): void {
  const dir = cacheDirectory();
  if (!dir) return;
  try {
    const file = path.join(dir, name);
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    // a cache is optional
  }
}
