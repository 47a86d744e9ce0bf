/**
 * A small JSON cache for start-up work that only depends on file contents (parsed CRDs, parsed seed manifests).
 * It lives in a folder only the current user may write (created 0700 under the OS temp folder; ownership and mode are
 * checked, anything else disables the cache). `KUBE_LOCAL_CACHE=off` disables it, `KUBE_LOCAL_CACHE=/dir` moves it.
 * Entries are written to a temp file and renamed; an unreadable entry is a miss.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let memo: { dir: string | undefined } | undefined;

export function jsonCacheDirectory(): string | undefined {
  if (memo) return memo.dir;
  memo = { dir: undefined };
  const setting = process.env.KUBE_LOCAL_CACHE;
  if (setting === 'off' || setting === '0' || setting === 'false') return undefined;
  const uid = process.getuid?.();
  const dir = setting || path.join(os.tmpdir(), `kube-local-cache-${uid ?? 'user'}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    if (st.isDirectory() && (uid === undefined || st.uid === uid) && (st.mode & 0o022) === 0) memo.dir = dir;
  } catch {
    // no cache
  }
  return memo.dir;
}

export function readJsonEntry<T>(name: string): T | undefined {
  const dir = jsonCacheDirectory();
  if (!dir) return undefined;
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export function writeJsonEntry(name: string, value: unknown): void {
  const dir = jsonCacheDirectory();
  if (!dir) return;
  try {
    const file = path.join(dir, name);
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(value), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    // a cache is optional
  }
}
