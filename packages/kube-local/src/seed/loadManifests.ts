import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { KubeObject } from '../types';

const MANIFEST = /\.(ya?ml|json)$/i;

function filesOf(p: string): string[] {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return [p];
  return fs
    .readdirSync(p)
    .sort()
    .flatMap(entry => {
      const full = path.join(p, entry);
      return fs.statSync(full).isDirectory() ? filesOf(full) : MANIFEST.test(entry) ? [full] : [];
    });
}

/** Parse multi-document YAML (or JSON) text into objects; `kind: *List` documents are flattened. */
export function parseManifests(text: string, source = '<text>'): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of YAML.parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${source}: a document is not an object`);
    if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) out.push(...value.items);
    else out.push(value);
  }
  return out;
}

/** Every object in the given YAML files / folders (recursively, sorted by path). */
export function loadManifests(paths: string[]): KubeObject[] {
  return paths.flatMap(filesOf).flatMap(f => parseManifests(fs.readFileSync(f, 'utf8'), f));
}
