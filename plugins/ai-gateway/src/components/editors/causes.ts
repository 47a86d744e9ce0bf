import type { ValidationCause } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { pathKey } from './objectPath';

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
