import { describeClusterProblem, formatAge, pluralize } from './format';

describe('formatAge', () => {
  const now = Date.parse('2026-01-10T00:00:00Z');
  it('formats like kubectl', () => {
    expect(formatAge('2026-01-09T23:59:15Z', now)).toBe('45s');
    expect(formatAge('2026-01-09T23:30:00Z', now)).toBe('30m');
    expect(formatAge('2026-01-09T21:00:00Z', now)).toBe('3h');
    expect(formatAge('2026-01-01T00:00:00Z', now)).toBe('9d');
    expect(formatAge('2023-01-01T00:00:00Z', now)).toBe('3y');
  });
  it('shows a dash for missing or invalid timestamps', () => {
    expect(formatAge(undefined, now)).toBe('—');
    expect(formatAge('yesterday', now)).toBe('—');
  });
});

describe('describeClusterProblem', () => {
  it('names the cluster and the reason', () => {
    expect(
      describeClusterProblem({
        name: 'prod',
        ok: false,
        error: { reason: 'Unreachable', message: 'connect ECONNREFUSED' },
      }),
    ).toBe(
      'Cluster "prod" is unreachable: connect ECONNREFUSED. Results may be incomplete.',
    );
    expect(
      describeClusterProblem({
        name: 'dev',
        ok: false,
        error: { reason: 'Forbidden', message: 'no', kind: 'HTTPRoute' },
      }),
    ).toContain('does not allow listing HTTPRoute (Forbidden)');
    expect(
      describeClusterProblem({
        name: 'dev',
        ok: false,
        error: { reason: 'NotSynced', message: '' },
      }),
    ).toBe(
      'Cluster "dev" has not finished its first sync yet (NotSynced). Results may be incomplete.',
    );
  });
});

describe('pluralize', () => {
  it('pluralizes display names', () => {
    expect(pluralize('Backend')).toBe('Backends');
    expect(pluralize('Policy')).toBe('Policies');
    expect(pluralize('Gateway')).toBe('Gateways');
    expect(pluralize('Gateway class')).toBe('Gateway classes');
    expect(pluralize('Gateway parameters')).toBe('Gateway parameters');
  });
});
