import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function freshCacheDirectory(): typeof import('./cacheDirectory') {
  let mod: typeof import('./cacheDirectory') | undefined;
  jest.isolateModules(() => {
    mod = require('./cacheDirectory');
  });
  return mod!;
}

describe('the validator cache folder', () => {
  const saved = process.env.AI_GATEWAY_VALIDATOR_CACHE;
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validator-cache-test-'));
  });
  afterEach(() => {
    process.env.AI_GATEWAY_VALIDATOR_CACHE = saved;
    if (saved === undefined) delete process.env.AI_GATEWAY_VALIDATOR_CACHE;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is off with AI_GATEWAY_VALIDATOR_CACHE=off, and for a folder others may write', () => {
    process.env.AI_GATEWAY_VALIDATOR_CACHE = 'off';
    expect(freshCacheDirectory().cacheDirectory()).toBeUndefined();

    fs.chmodSync(dir, 0o777);
    process.env.AI_GATEWAY_VALIDATOR_CACHE = dir;
    expect(freshCacheDirectory().cacheDirectory()).toBeUndefined();
    fs.chmodSync(dir, 0o700);
    const cache = freshCacheDirectory();
    expect(cache.cacheDirectory()).toBe(dir);
    cache.writeCacheEntry('entry.json', '{"a":1}');
    expect(cache.readCacheEntry('entry.json')).toBe('{"a":1}');
  });
});
