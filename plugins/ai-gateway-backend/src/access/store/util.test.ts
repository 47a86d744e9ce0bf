import { InputError } from '@backstage/errors';
import { assertKeyId, assertNoKey, isoTime, newId } from './util';

describe('newId', () => {
  it('is 10 lowercase letters or digits, fit for aigw-grant-<id>, and does not repeat', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{10}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(`aigw-grant-${ids[0]}`).toMatch(
      /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    );
    // every character of the alphabet appears: no bias towards a subset
    expect(new Set(ids.join('')).size).toBe(36);
  });
});

describe('isoTime', () => {
  it('normalises to toISOString so text order is time order', () => {
    expect(isoTime('2027-01-02T12:00:00+02:00', 'x')).toBe(
      '2027-01-02T10:00:00.000Z',
    );
    expect(isoTime('2027-01-02T10:00:00Z', 'x')).toBe(
      '2027-01-02T10:00:00.000Z',
    );
    expect(isoTime(new Date(Date.UTC(2026, 11, 2)), 'x')).toBe(
      '2026-12-02T00:00:00.000Z',
    );
    const times = [
      '2027-01-02T09:00:00-02:00',
      '2027-01-02T10:00:00.5Z',
      '2026-12-31T23:59:59.999Z',
    ];
    const asText = times.map(t => isoTime(t, 'x')).sort();
    const asTime = [...times]
      .sort((a, b) => Date.parse(a) - Date.parse(b))
      .map(t => isoTime(t, 'x'));
    expect(asText).toEqual(asTime);
  });

  it.each([
    '',
    'tomorrow',
    '1700000000000',
    '2027-13-45T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '2027-01-02T10:00:00',
    '2027-01-02',
  ])('refuses %p naming the field', value => {
    expect(() => isoTime(value, 'expiresAt')).toThrow(InputError);
    expect(() => isoTime(value, 'expiresAt')).toThrow(
      /^expiresAt must be an ISO date-time/,
    );
  });
});

describe('key guards', () => {
  it('refuses text holding a key, lets prefixes and ordinary text through', () => {
    expect(() => assertNoKey('agw_AbCdEfGhIjKlMnOpQrStUvWx', 'note')).toThrow(
      'note must not contain an API key',
    );
    expect(() =>
      assertNoKey({ deep: ['agw_AbCdEfGhIjKlMnOpQrStUvWx'] }, 'detail'),
    ).toThrow(InputError);
    expect(() =>
      assertNoKey('key prefix agw_3fA9, rotated', 'note'),
    ).not.toThrow();
    expect(() => assertNoKey(undefined, 'note')).not.toThrow();
  });

  it('accepts Secret data keys only as key ids', () => {
    expect(() => assertKeyId('key-12', 'keyId')).not.toThrow();
    for (const bad of ['', 'Key-1', 'key_1', 'a'.repeat(33), 'agw_AbCd']) {
      expect(() => assertKeyId(bad, 'keyId')).toThrow(/^keyId must be/);
    }
  });
});
