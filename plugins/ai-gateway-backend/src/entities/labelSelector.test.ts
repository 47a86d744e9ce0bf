import { matchesLabels, parseLabelSelector } from './labelSelector';

// the parser itself is tested in plugin-ai-gateway-common (src/selectors); here: its errors as the backend answers them
describe('parseLabelSelector (backend)', () => {
  it('returns the shared parser’s requirements', () => {
    expect(parseLabelSelector('app=chat,team in (a,b)')).toEqual([
      { key: 'app', op: 'in', values: ['chat'] },
      { key: 'team', op: 'in', values: ['a', 'b'] },
    ]);
    expect(
      matchesLabels({ app: 'chat' }, parseLabelSelector('app,!legacy')),
    ).toBe(true);
  });

  it('rejects malformed selectors with a 400 InputError naming the selector', () => {
    expect(() => parseLabelSelector('a b')).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(
          /^Invalid label selector 'a b': .*found 'a b'/,
        ),
      }),
    );
    expect(() => parseLabelSelector('-bad=x')).toThrow(
      /invalid label key "-bad"/,
    );
  });
});
