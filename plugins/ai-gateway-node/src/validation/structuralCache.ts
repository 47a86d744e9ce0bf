/**
 * On-disk cache of the generated ajv code, so that a second process (a CLI start, a jest worker, a backend restart)
 * loads a kind's structural validator in milliseconds instead of compiling it again (seconds for the largest CRDs).
 *
 * The key is a SHA-256 of the ajv schema, the ajv version and the ajv setup version, so any change to the CRD, to
 * ajv or to our options makes a new entry. The code is ajv's own standalone output of the very function compiled in
 * the first process. Files live in ../cacheDirectory.ts's folder (only the current user may write it), written to a
 * temp file and renamed; the code may only `require` the ajv runtime modules and the formats listed in RUNTIME.
 */
import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import { FORMATS, FORMATS_MODULE } from './ajvFormats';
import { readCacheEntry, writeCacheEntry } from '../cacheDirectory';

/** The modules generated code may require: resolved here, statically; any other id makes the entry unusable. */
const RUNTIME: Record<string, () => unknown> = {
  /* eslint-disable @typescript-eslint/no-require-imports */
  'ajv/dist/runtime/equal': () => require('ajv/dist/runtime/equal'),
  'ajv/dist/runtime/ucs2length': () => require('ajv/dist/runtime/ucs2length'),
  'ajv/dist/runtime/timestamp': () => require('ajv/dist/runtime/timestamp'),
  'ajv/dist/runtime/uri': () => require('ajv/dist/runtime/uri'),
  'ajv/dist/runtime/validation_error': () => require('ajv/dist/runtime/validation_error'),
  /* eslint-enable @typescript-eslint/no-require-imports */
  [FORMATS_MODULE]: () => FORMATS,
};

const memory = new Map<string, ValidateFunction>();

function ajvVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('ajv/package.json').version;
}

export function cacheKey(ajvSchema: unknown, setupVersion: number): string {
  return createHash('sha256')
    .update(`ajv ${ajvVersion()} setup ${setupVersion}\n`)
    .update(JSON.stringify(ajvSchema))
    .digest('hex')
    .slice(0, 40);
}

function requiredIds(code: string): string[] {
  return [...code.matchAll(/require\(("(?:[^"\\]|\\.)*")\)/g)].map(m => JSON.parse(m[1]) as string);
}

/** Evaluates standalone ajv code (a CommonJS module exporting the validate function). */
export function loadStandalone(code: string): ValidateFunction {
  if (!requiredIds(code).every(id => id in RUNTIME)) throw new Error('generated code requires an unknown module');
  const mod: { exports: any } = { exports: {} };
  const req = (id: string) => {
    const load = RUNTIME[id];
    if (!load) throw new Error(`cannot require ${id}`);
    return load();
  };
  // eslint-disable-next-line no-new-func
  new Function('require', 'module', 'exports', code)(req, mod, mod.exports);
  const fn = mod.exports?.default ?? mod.exports;
  if (typeof fn !== 'function') throw new Error('generated code exports no function');
  return fn as ValidateFunction;
}

/**
 * The validator of `key`: from memory, else from the cache folder, else `compile()` (whose `standalone()` code is
 * then written to the cache folder for the next process).
 */
export function cachedValidator(
  key: string,
  compile: () => { validate: ValidateFunction; standalone: () => string },
): ValidateFunction {
  const hit = memory.get(key);
  if (hit) return hit;
  const name = `ajv-${key}.js`;
  const cached = readCacheEntry(name);
  let validate: ValidateFunction | undefined;
  if (cached !== undefined) {
    try {
      validate = loadStandalone(cached);
    } catch {
      validate = undefined; // unusable: compile
    }
  }
  if (!validate) {
    const compiled = compile();
    validate = compiled.validate;
    writeEntry(name, compiled.standalone);
  }
  memory.set(key, validate);
  return validate;
}

function writeEntry(name: string, standalone: () => string): void {
  try {
    const code = standalone();
    if (requiredIds(code).every(id => id in RUNTIME)) writeCacheEntry(name, code);
  } catch {
    // a cache is optional
  }
}
