import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';

// Each "process" is a fresh module registry (jest.isolateModules) over the same cache folder.
function freshModules() {
  let mods:
    | {
        cache: typeof import('./structuralCache');
        structural: typeof import('./structural');
        crds: typeof import('../crds');
      }
    | undefined;
  jest.isolateModules(() => {
    mods = {
      cache: require('./structuralCache'),
      structural: require('./structural'),
      crds: require('../crds'),
    };
  });
  return mods!;
}

const INPUTS: unknown[] = [
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g' },
    spec: {
      gatewayClassName: 'c',
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
    },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g' },
    spec: {
      gatewayClassName: '',
      listeners: [{ name: 'Bad Name', port: 70000, protocol: 7 }],
    },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g' },
    spec: { listeners: 'x', addresses: [{ type: 'IPAddress', value: 3 }] },
  },
  { spec: null },
];

const run = (v: ValidateFunction, x: unknown) => ({
  ok: v(x),
  errors: v.errors ?? null,
});

describe('on-disk cache of generated ajv code', () => {
  const saved = process.env.AI_GATEWAY_VALIDATOR_CACHE;
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajv-cache-test-'));
    process.env.AI_GATEWAY_VALIDATOR_CACHE = dir;
  });
  afterEach(() => {
    process.env.AI_GATEWAY_VALIDATOR_CACHE = saved;
    if (saved === undefined) delete process.env.AI_GATEWAY_VALIDATOR_CACHE;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function gatewaySchema(m: ReturnType<typeof freshModules>) {
    const crd = m.crds
      .loadBundledCrds()
      .find(c => c.spec.names.kind === 'Gateway')!;
    return crd.spec.versions.find(v => v.name === 'v1')!.schema!
      .openAPIV3Schema;
  }

  it('a second process loads the code the first compiled (and V8 code cache after) with identical results and errors', () => {
    const first = freshModules();
    const compiled = first.structural.compileStructural(gatewaySchema(first));
    const expected = INPUTS.map(x => run(compiled, x));
    expect(expected.map(e => e.ok)).toEqual([true, false, false, false]);
    expect(
      fs.readdirSync(dir).filter(f => /^ajv-.*\.js$/.test(f)),
    ).toHaveLength(1);

    const second = freshModules();
    const schema = gatewaySchema(second);
    const key = second.cache.cacheKey(second.structural.toAjvSchema(schema), 1);
    const loaded = second.cache.cachedValidator(key, () => {
      throw new Error('compiled again instead of loading the cached code');
    });
    expect(INPUTS.map(x => run(loaded, x))).toEqual(expected);
    expect(
      fs.readdirSync(dir).filter(f => f.endsWith('.v8cache')),
    ).toHaveLength(1); // written after the first call

    const code = fs.readFileSync(path.join(dir, `ajv-${key}.js`), 'utf8');
    const codeCache = fs.readFileSync(
      path.join(dir, fs.readdirSync(dir).find(f => f.endsWith('.v8cache'))!),
    );
    const third = freshModules().cache.loadStandalone(
      code,
      `ajv-${key}.js`,
      codeCache,
    );
    expect(third.needsCodeCache).toBe(false); // V8 accepted it
    expect(INPUTS.map(x => run(third.validate, x))).toEqual(expected);
  });

  it('compiles again when a cached entry is unusable, and refuses code that requires other modules', () => {
    const first = freshModules();
    const schema = gatewaySchema(first);
    const key = first.cache.cacheKey(first.structural.toAjvSchema(schema), 1);
    fs.writeFileSync(
      path.join(dir, `ajv-${key}.js`),
      'module.exports = require("child_process");',
    );
    expect(() =>
      first.cache.loadStandalone('module.exports = require("child_process");'),
    ).toThrow(/unknown module/);
    const v = first.structural.compileStructural(schema);
    expect(run(v, INPUTS[1]).ok).toBe(false);
    expect(fs.readFileSync(path.join(dir, `ajv-${key}.js`), 'utf8')).toContain(
      'function validate',
    );
  });

  it('is off with AI_GATEWAY_VALIDATOR_CACHE=off, and for a folder others may write', () => {
    process.env.AI_GATEWAY_VALIDATOR_CACHE = 'off';
    expect(freshModules().cache).toBeDefined();
    let cacheDir: typeof import('../cacheDirectory') | undefined;
    jest.isolateModules(() => {
      cacheDir = require('../cacheDirectory');
    });
    expect(cacheDir!.cacheDirectory()).toBeUndefined();

    fs.chmodSync(dir, 0o777);
    process.env.AI_GATEWAY_VALIDATOR_CACHE = dir;
    jest.isolateModules(() => {
      cacheDir = require('../cacheDirectory');
    });
    expect(cacheDir!.cacheDirectory()).toBeUndefined();
    fs.chmodSync(dir, 0o700);
    jest.isolateModules(() => {
      cacheDir = require('../cacheDirectory');
    });
    expect(cacheDir!.cacheDirectory()).toBe(dir);
  });
});
