/** Narrowing helpers for JSON read from the cluster or the wire (objects are not trusted to match their schema). */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` if it is an array, otherwise `[]`. */
export function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The records of `value` if it is an array, otherwise `[]`. */
export function recordsOf(value: unknown): JsonRecord[] {
  return arrayOf(value).filter(isRecord);
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
