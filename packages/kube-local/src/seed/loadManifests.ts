import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { KubeObject } from '../types';
import { readJsonEntry, writeJsonEntry } from './jsonCache';

const MANIFEST = /\.(ya?ml|json)$/i;

function filesOf(p: string): string[] {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return [p];
  return fs
    .readdirSync(p)
    .sort()
    .flatMap(entry => {
      const full = path.join(p, entry);
      if (fs.statSync(full).isDirectory()) return filesOf(full);
      return MANIFEST.test(entry) ? [full] : [];
    });
}

/** Parse multi-document YAML (or JSON) text into objects; `kind: *List` documents are flattened. */
export function parseManifests(text: string, source = '<text>'): KubeObject[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML: typeof import('yaml') = require('yaml'); // loaded on first use: most starts read only cached JSON
  const out: KubeObject[] = [];
  for (const doc of YAML.parseAllDocuments(text)) {
    if (doc.errors.length > 0)
      throw new Error(`${source}: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value))
      throw new Error(`${source}: a document is not an object`);
    if (
      typeof value.kind === 'string' &&
      value.kind.endsWith('List') &&
      Array.isArray(value.items)
    )
      out.push(...value.items);
    else out.push(value);
  }
  return out;
}

/**
 * `parseManifests` through the JSON cache (./jsonCache.ts), keyed by a SHA-256 of the text and the yaml version:
 * YAML parsing of the demo data costs up to a second or more on a busy machine, reading the JSON ~1 ms.
 * Texts that do not parse are not cached (the error is thrown every time).
 */
export function parseManifestsCached(
  text: string,
  source = '<text>',
): KubeObject[] {
  const entry = `manifests-${createHash('sha256')
    .update(`parseManifests v1 yaml ${yamlVersion()}\n`)
    .update(text)
    .digest('hex')
    .slice(0, 40)}.json`;
  const hit = readJsonEntry<KubeObject[]>(entry);
  if (Array.isArray(hit)) return hit;
  const parsed = parseManifests(text, source);
  writeJsonEntry(entry, parsed);
  return parsed;
}

let yamlVersionMemo: string | undefined;
function yamlVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  yamlVersionMemo ??= String(require('yaml/package.json').version);
  return yamlVersionMemo;
}

/** Every object in the given YAML files / folders (recursively, sorted by path). */
export function loadManifests(paths: string[]): KubeObject[] {
  return paths
    .flatMap(filesOf)
    .flatMap(f => parseManifestsCached(fs.readFileSync(f, 'utf8'), f));
}
