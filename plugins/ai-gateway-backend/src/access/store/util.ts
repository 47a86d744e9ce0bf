import { randomBytes } from 'node:crypto';
import { InputError } from '@backstage/errors';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random id of lowercase letters and digits (10 → ~51 bits), usable in Kubernetes names (`aigw-grant-<id>`). */
export function newId(length = 10): string {
  let id = '';
  while (id.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 252 = 7 * 36: drop the top bytes so every character is equally likely
      if (byte < 252 && id.length < length) id += ALPHABET[byte % 36];
    }
  }
  return id;
}

/** a date-time with its zone (`Z` or `±hh:mm`): without one, JavaScript reads local time, which depends on the host */
const ISO_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A time as the store keeps it: `toISOString()` (UTC, milliseconds), so text order is time order. */
export function isoTime(value: string | Date, field: string): string {
  const date = value instanceof Date ? value : new Date(value);
  const time = date.getTime();
  if (
    Number.isNaN(time) ||
    (typeof value === 'string' && !ISO_WITH_ZONE.test(value)) ||
    date.getUTCFullYear() < 1970 ||
    date.getUTCFullYear() > 9999
  ) {
    throw new InputError(
      `${field} must be an ISO date-time with a time zone, got ${JSON.stringify(
        String(value).slice(0, 40),
      )}`,
    );
  }
  return date.toISOString();
}

/** `agw_` followed by key characters: what a gateway key looks like (prefixes of at most 12 characters pass). */
const KEY_LIKE = /agw_[A-Za-z0-9_-]{20,}/;

/** Refuses free text that could carry a gateway key: the store never holds one. */
export function assertNoKey(value: unknown, field: string): void {
  const text =
    typeof value === 'string' ? value : JSON.stringify(value ?? null);
  if (KEY_LIKE.test(text)) {
    throw new InputError(`${field} must not contain an API key`);
  }
}

/** Entity refs and user refs fit their 255-character columns. */
export function assertRef(value: string, field: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
    throw new InputError(
      `${field} must be a non-empty string of at most 255 characters`,
    );
  }
}

/** The Secret data key of a key entry (`key-1`): it cannot hold a key. */
export function assertKeyId(value: string, field: string): void {
  if (!/^[a-z0-9][a-z0-9.-]{0,31}$/.test(value)) {
    throw new InputError(
      `${field} must be 1-32 lowercase letters, digits, '.' or '-', got ${JSON.stringify(
        value.slice(0, 40),
      )}`,
    );
  }
}

export function assertKeyPrefix(value: string, field: string): void {
  if (!/^[A-Za-z0-9_-]{1,12}$/.test(value)) {
    throw new InputError(`${field} must be 1-12 key characters`);
  }
}

/** A unique index refused the row (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'ER_DUP_ENTRY'
  );
}

export function asArray<T>(value: T | T[] | undefined): T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}
