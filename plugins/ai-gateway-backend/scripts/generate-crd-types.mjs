#!/usr/bin/env node
/*
 * From the bundled CRDs (plugins/ai-gateway-node/crds/*.yaml, the storage version of each kind) this generator
 * derives, into plugins/ai-gateway-common/src/generated/:
 *   - crds/<Kind>.ts: `<Kind>Spec` and `<Kind>Status` (json-schema-to-typescript; descriptions, CEL rules and
 *     length limits left out to keep them small — the CRD files stay the reference);
 *   - crds/index.ts: all of them;
 *   - referenceFields.ts: every reference field of every kind (see ./lib/referenceFields.mjs for the rule).
 * Usually run through `npm run generate`; alone:
 *   node plugins/ai-gateway-backend/scripts/generate-crd-types.mjs [--check | --out-dir <dir>]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { compile } from 'json-schema-to-typescript';
import { GENERATED_HEADER, formatTs, repoRoot, runCli } from './lib/output.mjs';
import { findReferenceFields } from './lib/referenceFields.mjs';

const SCRIPT = 'plugins/ai-gateway-backend/scripts/generate-crd-types.mjs';
const CRD_DIR = 'plugins/ai-gateway-node/crds';
const OUT = 'plugins/ai-gateway-common/src/generated';

/** The served storage version of every bundled CRD, sorted by kind. */
export function loadCrds() {
  const dir = join(repoRoot, CRD_DIR);
  return readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .sort()
    .flatMap(file =>
      parseAllDocuments(readFileSync(join(dir, file), 'utf8'))
        .map(d => d.toJS({ maxAliasCount: -1 }))
        .filter(d => d?.kind === 'CustomResourceDefinition')
        .map(crd => {
          const version = crd.spec.versions.find(v => v.storage);
          return {
            file,
            kind: crd.spec.names.kind,
            group: crd.spec.group,
            version: version.name,
            schema: version.schema.openAPIV3Schema,
          };
        }),
    )
    .sort((a, b) => a.kind.localeCompare(b.kind));
}

const DROPPED = new Set([
  'description',
  'x-kubernetes-validations',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'default',
  'minimum',
  'maximum',
  'minProperties',
  'maxProperties',
]);

/**
 * A structural schema as json-schema-to-typescript should read it: objects are closed unless the CRD keeps
 * unknown fields (`x-kubernetes-preserve-unknown-fields`); validation-only keywords are dropped. Iterative.
 */
function toTypeSchema(root) {
  const out = {};
  const stack = [[root, out]];
  while (stack.length) {
    const [src, dst] = stack.pop();
    for (const [k, v] of Object.entries(src)) {
      if (DROPPED.has(k)) continue;
      if (Array.isArray(v)) {
        dst[k] = v.map(item => {
          if (!item || typeof item !== 'object') return item;
          const copy = {};
          stack.push([item, copy]);
          return copy;
        });
      } else if (v && typeof v === 'object' && k !== 'enum') {
        dst[k] = {};
        stack.push([v, dst[k]]);
      } else {
        dst[k] = v;
      }
    }
    if (src['x-kubernetes-preserve-unknown-fields']) {
      dst.additionalProperties = true;
    } else if (
      (src.type === 'object' || src.properties) &&
      src.additionalProperties === undefined
    ) {
      dst.additionalProperties = false;
    }
  }
  return out;
}

async function typeOf(schema, name) {
  if (!schema) return `export type ${name} = Record<string, unknown>;\n`;
  return compile(toTypeSchema(schema), name, {
    bannerComment: '',
    additionalProperties: false,
    unknownAny: true,
    format: false,
    maxItems: -1,
    strictIndexSignatures: false,
    declareExternallyReferenced: false,
    ignoreMinAndMaxItems: true,
  });
}

export async function generateCrdTypes() {
  const crds = loadCrds();
  const header = GENERATED_HEADER(CRD_DIR, SCRIPT);
  const files = {};
  for (const crd of crds) {
    const spec = await typeOf(crd.schema.properties?.spec, `${crd.kind}Spec`);
    const status = await typeOf(
      crd.schema.properties?.status,
      `${crd.kind}Status`,
    );
    const path = `${OUT}/crds/${crd.kind}.ts`;
    files[path] = await formatTs(
      `${header}/** \`${crd.group}/${crd.version}\` ${crd.kind} (${crd.file}). */\n${spec}\n${status}`,
      path,
    );
  }
  const index = `${OUT}/crds/index.ts`;
  const imports = crds
    .map(
      c => `import type { ${c.kind}Spec, ${c.kind}Status } from './${c.kind}';`,
    )
    .join('\n');
  const exports = crds
    .map(c => `export type { ${c.kind}Spec, ${c.kind}Status };`)
    .join('\n');
  const map = crds
    .map(
      c =>
        `  /** \`${c.group}/${c.version}\` */\n  ${c.kind}: { spec: ${c.kind}Spec; status: ${c.kind}Status };`,
    )
    .join('\n');
  files[index] = await formatTs(
    `${header}${imports}\n\n${exports}\n\n/** Kind → the types of its \`spec\` and \`status\`, for every bundled CRD. */\nexport interface CrdTypes {\n${map}\n}\n`,
    index,
  );

  const fields = `${OUT}/referenceFields.ts`;
  const table = Object.fromEntries(
    crds.map(c => [c.kind, findReferenceFields(c.schema)]),
  );
  files[fields] = await formatTs(
    `${header}import type { ReferenceFieldTable } from '../references/types';

/**
 * Every reference field of every bundled CRD kind (see plugins/ai-gateway-backend/scripts/lib/referenceFields.mjs
 * for the rule): its path below the object (\`[]\` for array items) and the group / kind it names when the
 * object does not say.
 */
export const REFERENCE_FIELDS: ReferenceFieldTable = ${JSON.stringify(
      table,
      null,
      2,
    )};
`,
    fields,
  );
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runCli('generate-crd-types', generateCrdTypes);
}
