/** Narrowing helpers for the parts of cluster objects discovery reads (objects are not trusted to match their schema). */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` if it is an array (of the type the schema promises), otherwise `[]`. */
export function listOf<T>(value: T[] | undefined | null): T[] {
  return Array.isArray(value) ? value : [];
}
