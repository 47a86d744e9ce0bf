import { StringPool } from './StringPool';

describe('StringPool', () => {
  it('returns one instance per distinct string and leaves long strings alone', () => {
    const pool = new StringPool(10, 5);
    expect(pool.intern('abc')).toBe('abc');
    pool.intern('abc');
    expect(pool.size).toBe(1);
    pool.intern('abcdef');
    expect(pool.size).toBe(1);
  });

  it('starts over when full', () => {
    const pool = new StringPool(2);
    pool.intern('a');
    pool.intern('b');
    expect(pool.size).toBe(2);
    pool.intern('c');
    expect(pool.size).toBe(1);
    expect(pool.intern('c')).toBe('c');
  });

  it('pools the strings of nested objects and arrays in place, content unchanged', () => {
    const pool = new StringPool();
    const value = {
      group: 'gateway.networking.k8s.io',
      refs: [{ kind: 'HTTPRoute', name: 'r' }, 'plain', 7, null],
      nested: { deeper: { flag: true } },
    };
    const copy = JSON.parse(JSON.stringify(value));
    expect(pool.internDeep(value)).toBe(value);
    expect(value).toEqual(copy);
    // every string went through the pool once
    expect(pool.size).toBe(4);
    const frozen = Object.freeze({ a: 'x' });
    expect(pool.internDeep(frozen)).toBe(frozen);
    expect(pool.internDeep('s')).toBe('s');
  });
});
