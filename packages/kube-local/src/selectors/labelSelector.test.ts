import { StatusError } from '../errors/StatusError';
import { matchesLabels, parseLabelSelector } from './labelSelector';

const labels = { app: 'web', tier: 'frontend', 'example.com/team': 'a' };

describe('label selectors', () => {
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['tier in (frontend, backend)', true],
    ['tier in (backend)', false],
    ['tier notin (backend)', true],
    ['missing notin (x)', true],
    ['app', true],
    ['missing', false],
    ['!missing', true],
    ['!app', false],
    ['app=web,tier in (frontend),example.com/team=a', true],
    ['app=web,tier=backend', false],
    ['', true],
  ])('%s → %s', (sel, expected) => {
    expect(matchesLabels(parseLabelSelector(sel), labels)).toBe(expected);
  });

  it('matches objects without labels only for negative requirements', () => {
    expect(matchesLabels(parseLabelSelector('!a,b!=c,d notin (e)'), undefined)).toBe(true);
    expect(matchesLabels(parseLabelSelector('a'), undefined)).toBe(false);
  });

  it.each(['app=(web', 'in (a)', 'a b c', 'app=we b'])('rejects %s with 400 BadRequest', sel => {
    try {
      parseLabelSelector(sel);
      throw new Error('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(StatusError);
      expect((e as StatusError).code).toBe(400);
      expect((e as StatusError).reason).toBe('BadRequest');
    }
  });
});
