/**
 * The one ajv setup of the structural validator (options, formats, ignored keywords), shared by the runtime compile
 * (./ajvCompile.ts) and the build-time code generator (../../scripts/generate-validators.ts), and the key that tells
 * whether generated code was made from a given ajv schema with this very setup.
 */
import { createHash } from 'node:crypto';
import type Ajv from 'ajv';
import type { SchemaObject } from 'ajv';
import { FORMATS } from './ajvFormats';

/** Bump when the ajv options, formats or keywords change: it is part of the key, so generated code goes stale. */
export const AJV_SETUP_VERSION = 2;

/** How generated code (in ./generated/) reaches FORMATS: a relative require of ./ajvFormats.ts. */
export const FORMATS_REQUIRE = '../ajvFormats';

const IGNORED_KEYWORDS = [
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
  'x-kubernetes-embedded-resource',
];

/**
 * A new ajv instance with the validator's setup. `standalone: true` keeps the generated source of every compiled
 * function (what `ajv/dist/standalone` needs) and makes it reach the formats through FORMATS_REQUIRE.
 */
export function createAjv(options: { standalone?: boolean } = {}): Ajv {
  // loaded on demand: a process that only uses generated validators never loads ajv's compiler
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib: typeof import('ajv') = require('ajv');
  const AjvClass = lib.default;
  const ajv = new AjvClass({
    strict: false,
    allErrors: true,
    unicodeRegExp: false,
    validateFormats: true,
    logger: false,
    code: {
      optimize: false,
      ...(options.standalone
        ? {
            source: true,
            formats: lib._`require(${FORMATS_REQUIRE}).FORMATS`,
          }
        : {}),
    },
  });
  for (const [name, format] of Object.entries(FORMATS))
    ajv.addFormat(name, format);
  for (const k of IGNORED_KEYWORDS) ajv.addKeyword(k);
  return ajv;
}

function ajvVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('ajv/package.json').version;
}

/** SHA-256 of the ajv schema, the ajv version and AJV_SETUP_VERSION: generated code is used only on a match. */
export function ajvSchemaKey(ajvSchema: SchemaObject): string {
  return createHash('sha256')
    .update(`ajv ${ajvVersion()} setup ${AJV_SETUP_VERSION}\n`)
    .update(JSON.stringify(ajvSchema))
    .digest('hex')
    .slice(0, 40);
}
