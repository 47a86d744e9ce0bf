/**
 * The ajv instance of the structural validator and the compilation of one kind's schema, through the on-disk cache
 * of generated code (./structuralCache.ts). ajv itself is only loaded when something has to be compiled.
 */
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { FORMATS, FORMATS_MODULE } from './ajvFormats';
import { cacheKey, cachedValidator } from './structuralCache';

/** Bump when the ajv options, formats or keywords change: it is part of the on-disk cache key. */
export const AJV_SETUP_VERSION = 1;

const IGNORED_KEYWORDS = [
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
  'x-kubernetes-embedded-resource',
];

let sharedAjv: Ajv | undefined;

export function ajvInstance(): Ajv {
  if (!sharedAjv) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib: typeof import('ajv') = require('ajv');
    const AjvClass = lib.default;
    const ajv = new AjvClass({
      strict: false,
      allErrors: true,
      unicodeRegExp: false,
      validateFormats: true,
      logger: false,
      // `source` keeps the generated code for the cache; formats are reached through FORMATS_MODULE there.
      code: {
        optimize: false,
        source: true,
        formats: lib._`require(${FORMATS_MODULE})`,
      },
    });
    for (const [name, format] of Object.entries(FORMATS))
      ajv.addFormat(name, format);
    for (const k of IGNORED_KEYWORDS) ajv.addKeyword(k);
    sharedAjv = ajv;
  }
  return sharedAjv;
}

/** The validate function of an ajv schema: from memory, from the on-disk cache, or compiled now. */
export function compileAjvSchema(
  ajvSchema: Record<string, any>,
): ValidateFunction {
  return cachedValidator(cacheKey(ajvSchema, AJV_SETUP_VERSION), () => {
    const ajv = ajvInstance();
    const validate = ajv.compile(ajvSchema);
    return {
      validate,
      standalone: () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const standaloneCode: typeof import('ajv/dist/standalone').default =
          require('ajv/dist/standalone').default;
        return standaloneCode(ajv, validate);
      },
    };
  });
}
