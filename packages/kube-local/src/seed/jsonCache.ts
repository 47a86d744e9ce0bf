/**
 * A small JSON cache for start-up work that only depends on file contents (parsed CRDs, parsed seed manifests), in
 * the project's one cache folder helper (`createCacheFolder` of plugin-ai-gateway-node, loaded without the
 * validator). `KUBE_LOCAL_CACHE=off` disables it, `KUBE_LOCAL_CACHE=/dir` moves it; an unreadable entry is a miss.
 */
import { createCacheFolder } from '@ai-gateway-backstage/plugin-ai-gateway-node/cache-folder';

const folder = createCacheFolder('KUBE_LOCAL_CACHE', 'kube-local-cache');

export const jsonCacheDirectory = folder.directory;

export function readJsonEntry<T>(name: string): T | undefined {
  const text = folder.read(name);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

export function writeJsonEntry(name: string, value: unknown): void {
  folder.write(name, JSON.stringify(value));
}
