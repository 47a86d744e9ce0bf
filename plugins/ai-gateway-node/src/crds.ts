import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import type { CustomResourceDefinition } from './validation/types';
import { readCacheEntry, writeCacheEntry } from './cacheDirectory';

/** `group/version/Kind`, the key the validator and the registry use for a served kind. */
export function crdKey(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

/** Parses a (possibly multi-document) YAML text and returns the CustomResourceDefinitions in it. */
export function parseCrdYaml(text: string): CustomResourceDefinition[] {
  const out: CustomResourceDefinition[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      throw new Error(`Invalid CRD YAML: ${doc.errors[0].message}`);
    }
    const value = doc.toJS({ maxAliasCount: -1 });
    if (
      value &&
      typeof value === 'object' &&
      value.kind === 'CustomResourceDefinition' &&
      value.apiVersion === 'apiextensions.k8s.io/v1'
    ) {
      out.push(value as CustomResourceDefinition);
    }
  }
  return out;
}

/** The folder holding the bundled CRD YAML files (works from `src/` and from the built `dist/`). */
export function bundledCrdDirectory(): string {
  // Like Backstage's resolvePackagePath: works from src/, from dist/ and from a bundled backend.
  const pkg = require.resolve(
    '@ai-gateway-backstage/plugin-ai-gateway-node/package.json',
  );
  return path.join(path.dirname(pkg), 'crds');
}

let cached: CustomResourceDefinition[] | undefined;

/**
 * The CRDs shipped with this package (agentgateway.dev + Gateway API standard), parsed once and cached.
 * Parsing the ~3 MB of YAML takes one to several seconds, so the result is also kept as JSON in the package's cache
 * folder (see ./cacheDirectory.ts), keyed by a SHA-256 of the files' names and contents: another process reads
 * the JSON (~50 ms) instead.
 */
export function loadBundledCrds(): CustomResourceDefinition[] {
  if (!cached) {
    const dir = bundledCrdDirectory();
    const files = fs
      .readdirSync(dir)
      .filter(f => f.endsWith('.yaml'))
      .sort();
    const texts = files.map(f => fs.readFileSync(path.join(dir, f), 'utf8'));
    const hash = createHash('sha256').update(
      `parseCrdYaml v1 yaml ${yamlVersion()}\n`,
    );
    files.forEach((f, i) =>
      hash.update(`${f}\n${texts[i].length}\n`).update(texts[i]),
    );
    const entry = `crds-${hash.digest('hex').slice(0, 40)}.json`;
    const json = readCacheEntry(entry);
    if (json !== undefined) {
      try {
        cached = JSON.parse(json) as CustomResourceDefinition[];
      } catch {
        cached = undefined;
      }
    }
    if (!cached) {
      cached = texts.flatMap(text => parseCrdYaml(text));
      writeCacheEntry(entry, JSON.stringify(cached));
    }
  }
  return cached;
}

function yamlVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml/package.json').version;
}
