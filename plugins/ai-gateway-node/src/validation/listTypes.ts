/**
 * `x-kubernetes-list-type: set | map` invariants: items of a set are unique; items of a map list are unique by
 * their `x-kubernetes-list-map-keys` (as `structurallisttype.ValidateListSetsAndMaps` does in the apiserver).
 */
import type { ValidationCause } from './types';
import { SchemaNode, childPath, isPlainObject } from './schemaTree';

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => deepEqual(x, b[i]))
    );
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter(k => a[k] !== undefined);
    const kb = Object.keys(b).filter(k => b[k] !== undefined);
    return ka.length === kb.length && ka.every(k => deepEqual(a[k], b[k]));
  }
  return false;
}

function show(v: unknown): string {
  return JSON.stringify(v);
}

export function validateListTypes(
  value: unknown,
  node: SchemaNode,
  path: string,
  causes: ValidationCause[],
): void {
  if (!node.listTypesBelow || value === null || value === undefined) return;
  if (Array.isArray(value)) {
    if (node.listType === 'set') {
      value.forEach((item, i) => {
        if (value.slice(0, i).some(prev => deepEqual(prev, item))) {
          causes.push({
            reason: 'FieldValueDuplicate',
            field: `${path}[${i}]`,
            message: `Duplicate value: ${show(item)}`,
          });
        }
      });
    } else if (node.listType === 'map') {
      const keys = node.listMapKeys ?? [];
      const keyOf = (item: unknown) =>
        isPlainObject(item)
          ? Object.fromEntries(
              keys.map(k => [
                k,
                item[k] ?? node.items?.properties?.get(k)?.default,
              ]),
            )
          : item;
      const seen: unknown[] = [];
      value.forEach((item, i) => {
        const key = keyOf(item);
        if (seen.some(prev => deepEqual(prev, key))) {
          causes.push({
            reason: 'FieldValueDuplicate',
            field: `${path}[${i}]`,
            message: `Duplicate value: ${show(key)}`,
          });
        }
        seen.push(key);
      });
    }
    if (node.items)
      value.forEach((item, i) =>
        validateListTypes(item, node.items!, `${path}[${i}]`, causes),
      );
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      const child = node.properties?.get(key);
      if (child) validateListTypes(v, child, childPath(path, key), causes);
      else if (node.additional)
        validateListTypes(v, node.additional, `${path}[${key}]`, causes);
    }
  }
}
