import { describeScope, expiryOf, grantStateLabel } from './format';

describe('access format', () => {
  it('sends the end of the picked day, but never beyond the maximum counted from now', () => {
    const now = new Date('2026-12-02T10:00:00.000Z');
    expect(expiryOf('2027-03-02', 365, now)).toBe('2027-03-02T23:59:59.000Z');
    expect(expiryOf('2027-12-02', 365, now)).toBe('2027-12-02T09:55:00.000Z');
  });

  it('describes scopes and grant states in words', () => {
    expect(
      describeScope({
        models: ['gpt-4.1'],
        limits: { requestsPerMinute: 10, tokensPerMinute: 5000 },
      }),
    ).toBe('models gpt-4.1 · 10 requests/min · 5000 tokens/min');
    expect(describeScope({})).toBe('the whole API');
    const grant = {
      id: 'g',
      requestId: 'r',
      apiRef: 'api:default/a',
      consumerRef: 'component:default/b',
      scope: {},
      createdAt: '',
      expiresAt: '',
      approvedBy: '',
      objects: [],
    };
    expect(grantStateLabel({ ...grant, state: 'awaiting-key' })).toBe(
      'awaiting key',
    );
    const drift = { detectedAt: '', differences: [] };
    expect(grantStateLabel({ ...grant, state: 'active', drift })).toBe(
      'active · drifted',
    );
    expect(grantStateLabel({ ...grant, state: 'revoked', drift })).toBe(
      'revoked',
    );
  });
});
