import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import type { CustomResourceDefinition } from './validation/types';

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
  const pkg = require.resolve('@ai-gateway-backstage/plugin-ai-gateway-node/package.json');
  return path.join(path.dirname(pkg), 'crds');
}

let cached: CustomResourceDefinition[] | undefined;

/** The CRDs shipped with this package (agentgateway.dev + Gateway API standard), parsed once and cached. */
export function loadBundledCrds(): CustomResourceDefinition[] {
  if (!cached) {
    const dir = bundledCrdDirectory();
    const files = fs
      .readdirSync(dir)
      .filter(f => f.endsWith('.yaml'))
      .sort();
    cached = files.flatMap(f => parseCrdYaml(fs.readFileSync(path.join(dir, f), 'utf8')));
  }
  return cached;
}
