import { StatusError } from '../errors/StatusError';
import { selectorPredicate } from './listing';

/** kube-local's label selectors are the project's one parser (-common src/selectors) behind a 400 BadRequest. */
const matches = (
  labelSelector: string,
  labels: Record<string, string> | undefined,
) => selectorPredicate({ labelSelector })({ metadata: { name: 'x', labels } });

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
    expect(matches(sel, labels)).toBe(expected);
  });

  it('matches objects without labels only for negative requirements', () => {
    expect(matches('!a,b!=c,d notin (e)', undefined)).toBe(true);
    expect(matches('a', undefined)).toBe(false);
  });

  it.each(['app=(web', 'in (a)', 'a b c', 'app=we b'])(
    'rejects %s with 400 BadRequest',
    sel => {
      const thrown = (() => {
        try {
          selectorPredicate({ labelSelector: sel });
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      expect(thrown).toBeInstanceOf(StatusError);
      expect(thrown).toMatchObject({ code: 400, reason: 'BadRequest' });
    },
  );
});
