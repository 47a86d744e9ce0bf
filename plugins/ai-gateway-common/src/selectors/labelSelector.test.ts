import {
  LabelSelectorSyntaxError,
  formatLabelSelector,
  matchesLabels,
  parseLabelSelector,
} from './labelSelector';

describe('parseLabelSelector', () => {
  it('parses equality and inequality terms', () => {
    expect(parseLabelSelector('app=chat, tier==web,env!=prod,empty=')).toEqual([
      { key: 'app', op: 'in', values: ['chat'] },
      { key: 'tier', op: 'in', values: ['web'] },
      { key: 'env', op: 'notin', values: ['prod'] },
      { key: 'empty', op: 'in', values: [''] },
    ]);
  });

  it('parses set-based terms, existence and prefixed keys', () => {
    expect(
      parseLabelSelector(
        'team in (a, b),stage notin (dev),backstage.io/kubernetes-id,!legacy, ! spaced',
      ),
    ).toEqual([
      { key: 'team', op: 'in', values: ['a', 'b'] },
      { key: 'stage', op: 'notin', values: ['dev'] },
      { key: 'backstage.io/kubernetes-id', op: 'exists' },
      { key: 'legacy', op: 'doesnotexist' },
      { key: 'spaced', op: 'doesnotexist' },
    ]);
  });

  it('has no requirements for an empty or blank selector', () => {
    expect(parseLabelSelector('')).toEqual([]);
    expect(parseLabelSelector(undefined)).toEqual([]);
    expect(parseLabelSelector('  ,  ')).toEqual([]);
  });

  it.each([
    ['app=(x', /invalid label value "\(x"/],
    ['in (a)', /found 'in \(a\)'/],
    ['a b c', /found 'a b c'/],
    ['app=we b', /found 'app=we b'/],
    ['-bad=x', /invalid label key "-bad"/],
    ['k=-v', /invalid label value "-v"/],
    [`k=${'v'.repeat(64)}`, /invalid label value/],
    [`${'k'.repeat(64)}=v`, /invalid label key/],
    ['t in (a,(b))', /found/],
  ])('rejects %s', (selector, message) => {
    let error: unknown;
    try {
      parseLabelSelector(selector);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabelSelectorSyntaxError);
    expect((error as LabelSelectorSyntaxError).message).toMatch(message);
    expect((error as LabelSelectorSyntaxError).selector).toBe(selector);
  });
});

describe('matchesLabels', () => {
  const labels = { app: 'chat', team: 'support', 'example.com/tier': 'a' };
  it.each([
    ['app=chat', true],
    ['app==chat', true],
    ['app=search', false],
    ['app!=search', true],
    ['app!=chat', false],
    ['team in (support,search)', true],
    ['team in (search)', false],
    ['team notin (support)', false],
    ['missing!=x', true],
    ['missing notin (x)', true],
    ['app', true],
    ['missing', false],
    ['!app', false],
    ['!missing', true],
    ['app=chat,example.com/tier=a', true],
    ['app=chat,team=search', false],
    ['', true],
  ])('%s → %s', (selector, expected) => {
    expect(matchesLabels(labels, parseLabelSelector(selector))).toBe(expected);
  });

  it('treats missing labels as absent', () => {
    expect(
      matchesLabels(undefined, parseLabelSelector('!a,b!=c,d notin (e)')),
    ).toBe(true);
    expect(matchesLabels(undefined, parseLabelSelector('app'))).toBe(false);
  });

  it('formats requirements back to a selector that parses to the same requirements', () => {
    const selector = 'a=b,c!=d,e in (x,y),f notin (z,w),g,!h';
    const parsed = parseLabelSelector(selector);
    expect(formatLabelSelector(parsed)).toBe(selector);
    expect(parseLabelSelector(formatLabelSelector(parsed))).toEqual(parsed);
  });
});
