/**
 * The project's one on-disk cache folder helper (the validator's caches here, kube-local's parsed CRDs and seed
 * manifests). A folder only the current user may write: created 0700 under the OS temp folder, its owner and mode
 * checked (anything else turns the cache off). An environment variable turns it off (`off`, `0`, `false`) or moves
 * it (a path). Entries are written to a temp file and renamed; failures are ignored (a cache is optional).
 *
 * Exported as the subpath `@ai-gateway-backstage/plugin-ai-gateway-node/cache-folder`, so a user (kube-local's CLI)
 * can use it without loading the validator.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface CacheFolder {
  /** The folder, or undefined when caching is off or the folder is not safe. */
  directory(): string | undefined;
  read(name: string): string | undefined;
  readBuffer(name: string): Buffer | undefined;
  write(name: string, data: string | Uint8Array): void;
}

/** `envVar` switches the folder off or moves it; the default is `$TMPDIR/<prefix>-<uid>`. */
export function createCacheFolder(envVar: string, prefix: string): CacheFolder {
  let memo: { dir: string | undefined } | undefined;
  const directory = (): string | undefined => {
    if (memo) return memo.dir;
    memo = { dir: undefined };
    const setting = process.env[envVar];
    if (setting === 'off' || setting === '0' || setting === 'false')
      return undefined;
    const uid = process.getuid?.();
    const dir = setting || path.join(os.tmpdir(), `${prefix}-${uid ?? 'user'}`);
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const st = fs.lstatSync(dir);
      const ours = uid === undefined || st.uid === uid;
      if (st.isDirectory() && ours && (st.mode & 0o022) === 0) memo.dir = dir;
    } catch {
      // no cache
    }
    return memo.dir;
  };
  const readBuffer = (name: string): Buffer | undefined => {
    const dir = directory();
    if (!dir) return undefined;
    try {
      return fs.readFileSync(path.join(dir, name));
    } catch {
      return undefined;
    }
  };
  return {
    directory,
    readBuffer,
    read: name => readBuffer(name)?.toString('utf8'),
    write(name, data) {
      const dir = directory();
      if (!dir) return;
      try {
        const file = path.join(dir, name);
        const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
        fs.writeFileSync(tmp, data, { mode: 0o600 });
        fs.renameSync(tmp, file);
      } catch {
        // a cache is optional
      }
    },
  };
}
