import type { ValidationCause } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { pathKey } from './objectPath';

/** Validation causes of a failed write (422): the backend puts them at `body.causes` and `body.error.causes`. */
export function causesOfError(error: unknown): ValidationCause[] {
  const body = (error as any)?.body;
  const raw =
    body?.causes ??
    body?.error?.causes ??
    body?.error?.details?.causes ??
    (error as any)?.cause?.causes;
  if (!Array.isArray(raw)) return [];
  return raw.map((c: any) => ({
    field: String(c?.field ?? ''),
    message: String(c?.message ?? ''),
    ...(c?.reason ? { reason: String(c.reason) } : {}),
  }));
}

export function statusOf(error: unknown): number | undefined {
  const e = error as any;
  return e?.statusCode ?? e?.response?.status ?? e?.body?.response?.statusCode;
}

export function messageOf(error: unknown): string {
  const e = error as any;
  return e?.body?.error?.message ?? e?.message ?? String(error);
}

/**
 * Splits causes into those a form field shows (its path equals the cause's field, or the cause points inside
 * it) and the rest (listed above the form).
 */
export function assignCauses(
  causes: ValidationCause[],
  fieldPaths: Iterable<string>,
): { byField: Map<string, ValidationCause[]>; unassigned: ValidationCause[] } {
  const paths = [...new Set([...fieldPaths].map(pathKey))].sort(
    (a, b) => b.length - a.length,
  );
  const byField = new Map<string, ValidationCause[]>();
  const unassigned: ValidationCause[] = [];
  for (const c of causes) {
    const key = pathKey(c.field);
    const match = paths.find(p => key === p || key.startsWith(`${p}.`));
    if (match) byField.set(match, [...(byField.get(match) ?? []), c]);
    else unassigned.push(c);
  }
  return { byField, unassigned };
}
