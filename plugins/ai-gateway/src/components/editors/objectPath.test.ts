import { getIn, parsePath, pathKey, pruneEmpty, setIn } from './objectPath';

describe('objectPath', () => {
  it('parses dotted and Kubernetes field paths to the same segments', () => {
    expect(parsePath('spec.rules.0.matches.1.path.value')).toEqual([
      'spec',
      'rules',
      0,
      'matches',
      1,
      'path',
      'value',
    ]);
    expect(parsePath('spec.rules[0].matches[1].path.value')).toEqual([
      'spec',
      'rules',
      0,
      'matches',
      1,
      'path',
      'value',
    ]);
    expect(pathKey('metadata.labels[app]')).toBe('metadata.labels.app');
  });

  it('sets a deep field without touching siblings or the original', () => {
    const obj = {
      spec: {
        ai: { provider: { openai: { model: 'a' } } },
        unknown: { keep: true },
      },
    };
    const next = setIn(obj, 'spec.ai.provider.openai.model', 'b');
    expect(next.spec.ai.provider.openai.model).toBe('b');
    expect(next.spec.unknown).toBe(obj.spec.unknown);
    expect(obj.spec.ai.provider.openai.model).toBe('a');
  });

  it('creates arrays for numeric segments and objects otherwise', () => {
    const next: any = setIn({}, 'spec.rules.0.matches.0.path.value', '/x');
    expect(next).toEqual({
      spec: { rules: [{ matches: [{ path: { value: '/x' } }] }] },
    });
    expect(getIn(next, 'spec.rules[0].matches[0].path.value')).toBe('/x');
  });

  it('removes keys and array items with undefined, and prunes emptied parents', () => {
    const obj = { spec: { a: { b: 1 }, list: [1, 2, 3] } };
    expect(setIn(obj, 'spec.list.1', undefined).spec.list).toEqual([1, 3]);
    const cleared = setIn(obj, 'spec.a.b', undefined);
    expect(cleared.spec.a).toEqual({});
    expect(pruneEmpty(cleared, 'spec.a.b')).toEqual({
      spec: { list: [1, 2, 3] },
    });
    expect(setIn(obj, 'spec.missing.deep', undefined)).toEqual(obj);
  });
});
