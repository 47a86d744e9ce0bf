/**
 * On-disk cache of the generated ajv code, so that a second process (a CLI start, a jest worker, a backend restart)
 * loads a kind's structural validator in milliseconds instead of compiling it again (seconds for the largest CRDs).
 *
 * The key is a SHA-256 of the ajv schema, the ajv version and the ajv setup version, so any change to the CRD, to
 * ajv or to our options makes a new entry. The code is ajv's own standalone output of the very function compiled in
 * the first process; beside it V8's code cache of that code (per Node/V8 version and flags), so that V8 does not
 * parse and compile megabytes of generated code again either. Files live in ../cacheDirectory.ts's folder (only the current user may write it), written to a
 * temp file and renamed; the code may only `require` the ajv runtime modules and the formats listed in RUNTIME.
 */
import { createHash } from 'node:crypto';
import vm from 'node:vm';
import type { ValidateFunction } from 'ajv';
import { FORMATS, FORMATS_MODULE } from './ajvFormats';
import {
  readCacheBuffer,
  readCacheEntry,
  writeCacheEntry,
} from '../cacheDirectory';

/** The modules generated code may require: resolved here, statically; any other id makes the entry unusable. */
const RUNTIME: Record<string, () => unknown> = {
  /* eslint-disable @typescript-eslint/no-require-imports */
  'ajv/dist/runtime/equal': () => require('ajv/dist/runtime/equal'),
  'ajv/dist/runtime/ucs2length': () => require('ajv/dist/runtime/ucs2length'),
  'ajv/dist/runtime/timestamp': () => require('ajv/dist/runtime/timestamp'),
  'ajv/dist/runtime/uri': () => require('ajv/dist/runtime/uri'),
  'ajv/dist/runtime/validation_error': () =>
    require('ajv/dist/runtime/validation_error'),
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
  return [...code.matchAll(/require\(("(?:[^"\\]|\\.)*")\)/g)].map(
    m => JSON.parse(m[1]) as string,
  );
}

/** Node, V8, platform and flags: V8 code caches are only valid for the same combination (V8 checks it too). */
const V8_TAG = createHash('sha256')
  .update(
    `${process.version} ${process.versions.v8} ${
      process.arch
    } ${process.execArgv.join(' ')}`,
  )
  .digest('hex')
  .slice(0, 12);

export interface LoadedStandalone {
  validate: ValidateFunction;
  /** The compiled script: `createCachedData()` after a first call includes the bytecode of the lazily compiled functions. */
  script: vm.Script;
  /** False when V8 accepted the given code cache (so there is no need to write a new one). */
  needsCodeCache: boolean;
}

/**
 * Evaluates standalone ajv code (a CommonJS module exporting the validate function), with V8's code cache of a
 * previous process when there is one: V8 then skips parsing and compiling the (megabytes of) generated code.
 * V8 rejects a code cache that does not match the source, its version or its flags; the code is then compiled.
 */
export function loadStandalone(
  code: string,
  name = 'ajv-standalone.js',
  cachedData?: Buffer,
): LoadedStandalone {
  if (!requiredIds(code).every(id => id in RUNTIME))
    throw new Error('generated code requires an unknown module');
  const script = new vm.Script(
    `(function (require, module, exports) {${code}\n})`,
    { filename: name, cachedData },
  );
  const mod: { exports: any } = { exports: {} };
  const req = (id: string) => {
    const load = RUNTIME[id];
    if (!load) throw new Error(`cannot require ${id}`);
    return load();
  };
  script.runInThisContext()(req, mod, mod.exports);
  const fn = mod.exports?.default ?? mod.exports;
  if (typeof fn !== 'function')
    throw new Error('generated code exports no function');
  return {
    validate: fn as ValidateFunction,
    script,
    needsCodeCache: !cachedData || script.cachedDataRejected === true,
  };
}

/**
 * The validator of `key`: from memory, else from the cache folder (generated code + V8 code cache), else
 * `compile()` (whose `standalone()` code is then written to the cache folder for the next process).
 */
export function cachedValidator(
  key: string,
  compile: () => { validate: ValidateFunction; standalone: () => string },
): ValidateFunction {
  const hit = memory.get(key);
  if (hit) return hit;
  const name = `ajv-${key}.js`;
  const codeCacheName = `ajv-${key}.${V8_TAG}.v8cache`;
  const cached = readCacheEntry(name);
  let validate: ValidateFunction | undefined;
  if (cached !== undefined) {
    try {
      const loaded = loadStandalone(
        cached,
        name,
        readCacheBuffer(codeCacheName),
      );
      validate = loaded.needsCodeCache
        ? writingCodeCacheAfterFirstCall(loaded, codeCacheName)
        : loaded.validate;
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

/**
 * The loaded validate function, which writes V8's code cache once, after its first call (when V8 has compiled the
 * generated functions; a cache made before would hold little more than the top level).
 */
function writingCodeCacheAfterFirstCall(
  loaded: LoadedStandalone,
  codeCacheName: string,
): ValidateFunction {
  const inner = loaded.validate;
  let written = false;
  const wrapper: any = function validateWritingCodeCache(
    this: unknown,
    data: unknown,
    ...rest: unknown[]
  ) {
    const ok = (inner as any).call(this, data, ...rest);
    wrapper.errors = inner.errors;
    if (!written) {
      written = true;
      try {
        writeCacheEntry(codeCacheName, loaded.script.createCachedData());
      } catch {
        // a cache is optional
      }
    }
    return ok;
  };
  return Object.assign(wrapper, {
    schema: inner.schema,
    schemaEnv: inner.schemaEnv,
  }) as ValidateFunction;
}

function writeEntry(name: string, standalone: () => string): void {
  try {
    const code = standalone();
    if (requiredIds(code).every(id => id in RUNTIME))
      writeCacheEntry(name, code);
  } catch {
    // a cache is optional
  }
}
