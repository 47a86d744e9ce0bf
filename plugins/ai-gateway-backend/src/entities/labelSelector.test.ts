import { matchesLabels, parseLabelSelector } from './labelSelector';

describe('parseLabelSelector', () => {
  it('parses equality and inequality terms', () => {
    expect(parseLabelSelector('app=chat, tier==web,env!=prod')).toEqual([
      { key: 'app', op: 'in', values: ['chat'] },
      { key: 'tier', op: 'in', values: ['web'] },
      { key: 'env', op: 'notin', values: ['prod'] },
    ]);
  });

  it('parses set-based terms, existence and prefixed keys', () => {
    expect(
      parseLabelSelector(
        'team in (a, b),stage notin (dev),backstage.io/kubernetes-id,!legacy',
      ),
    ).toEqual([
      { key: 'team', op: 'in', values: ['a', 'b'] },
      { key: 'stage', op: 'notin', values: ['dev'] },
      { key: 'backstage.io/kubernetes-id', op: 'exists' },
      { key: 'legacy', op: 'doesnotexist' },
    ]);
  });

  it('rejects malformed selectors with an InputError', () => {
    expect(() => parseLabelSelector('app=(x')).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
    expect(() => parseLabelSelector('-bad=x')).toThrow(/bad key/);
    expect(() => parseLabelSelector('a b c')).toThrow(/cannot parse/);
  });

  it('returns no requirements for an empty selector', () => {
    expect(parseLabelSelector('  ')).toEqual([]);
  });
});

describe('matchesLabels', () => {
  const labels = { app: 'chat', team: 'support' };
  it.each([
    ['app=chat', true],
    ['app=search', false],
    ['app!=search', true],
    ['team in (support,search)', true],
    ['team notin (support)', false],
    ['missing!=x', true],
    ['app', true],
    ['!app', false],
    ['!missing', true],
    ['app=chat,team=search', false],
  ])('%s → %s', (selector, expected) => {
    expect(matchesLabels(labels, parseLabelSelector(selector))).toBe(expected);
  });

  it('treats missing labels as empty', () => {
    expect(matchesLabels(undefined, parseLabelSelector('app'))).toBe(false);
    expect(matchesLabels(undefined, parseLabelSelector('!app'))).toBe(true);
  });
});
