import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CustomResourceDefinition } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { readJsonEntry, writeJsonEntry } from './jsonCache';

let memo: CustomResourceDefinition[] | undefined;

/**
 * The bundled CRDs, through a JSON cache (./jsonCache.ts) keyed by the YAML files' names, sizes and mtimes:
 * parsing the ~3 MB of CRD YAML takes seconds, parsing the cached JSON ~50 ms (the CLI must start in well under 2 s).
 */
export function bundledCrdsCached(): CustomResourceDefinition[] {
  if (memo) return memo;
  let entry: string | undefined;
  try {
    // the package ships its CRDs in `crds/` (see its package.json "files"); resolved without loading the library
    const dir = path.join(
      path.dirname(
        require.resolve(
          '@ai-gateway-backstage/plugin-ai-gateway-node/package.json',
        ),
      ),
      'crds',
    );
    const hash = createHash('sha256');
    for (const f of fs.readdirSync(dir).sort()) {
      const st = fs.statSync(path.join(dir, f));
      hash.update(`${f}:${st.size}:${st.mtimeMs}\n`);
    }
    entry = `crds-${hash.digest('hex').slice(0, 32)}.json`;
    memo = readJsonEntry<CustomResourceDefinition[]>(entry);
    if (Array.isArray(memo)) return memo;
  } catch {
    entry = undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib: typeof import('@ai-gateway-backstage/plugin-ai-gateway-node') = require('@ai-gateway-backstage/plugin-ai-gateway-node');
  memo = lib.loadBundledCrds();
  if (entry) writeJsonEntry(entry, memo);
  return memo;
}
