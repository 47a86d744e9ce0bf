import { deepEqual, deepMerge, mergePatch } from './mergePatch';

describe('mergePatch (RFC 7386)', () => {
  it('merges maps, deletes with null and replaces lists', () => {
    const target = { a: 1, b: { c: 2, d: 3 }, list: [1, 2] };
    expect(
      mergePatch(target, { b: { c: null, e: 4 }, list: [3], a: null }),
    ).toEqual({ b: { d: 3, e: 4 }, list: [3] });
    expect(target).toEqual({ a: 1, b: { c: 2, d: 3 }, list: [1, 2] });
  });

  it('replaces the target when the patch is not an object', () => {
    expect(mergePatch({ a: 1 }, [1])).toEqual([1]);
  });
});

describe('deepMerge / deepEqual', () => {
  it('merges maps and keeps lists atomic', () => {
    expect(
      deepMerge({ a: { b: 1 }, l: [1, 2] }, { a: { c: 2 }, l: [3] }),
    ).toEqual({ a: { b: 1, c: 2 }, l: [3] });
  });
  it('compares structurally', () => {
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual({ a: [1] }, { a: [1, 2] })).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });
});
