import { KubeObject } from '../types';

/** Top-level fields of the built-in kinds (the Go types'); anything else is an unknown field. */
const CORE_FIELDS: Record<string, string[]> = {
  Secret: ['data', 'stringData', 'type', 'immutable'],
  ConfigMap: ['data', 'binaryData', 'immutable'],
  Role: ['rules'],
  ClusterRole: ['rules', 'aggregationRule'],
  RoleBinding: ['subjects', 'roleRef'],
  ClusterRoleBinding: ['subjects', 'roleRef'],
};

/** metav1.ObjectMeta's JSON fields (v1.32), and those of the two lists of objects in it. */
const OBJECT_META = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);
const LIST_ITEM_FIELDS: Record<string, Set<string>> = {
  ownerReferences: new Set([
    'apiVersion',
    'kind',
    'name',
    'uid',
    'controller',
    'blockOwnerDeletion',
  ]),
  managedFields: new Set([
    'manager',
    'operation',
    'apiVersion',
    'time',
    'fieldsType',
    'fieldsV1',
    'subresource',
  ]),
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Unknown fields of `metadata` (`metadata.foo`, `metadata.ownerReferences[0].foo`): removed from it, as decoding into
 * ObjectMeta drops them, and returned in the order the strict JSON decoder meets them — the body's order for a
 * built-in kind, key order for a custom resource (apiextensions re-marshals the metadata map, which sorts keys:
 * schema/objectmeta GetObjectMetaWithOptions).
 */
export function unknownMetadataFields(
  metadata: unknown,
  sortKeys: boolean,
): string[] {
  if (!isObject(metadata)) return [];
  const keys = (o: Record<string, unknown>) =>
    sortKeys ? Object.keys(o).sort() : Object.keys(o);
  const unknown: string[] = [];
  for (const key of keys(metadata)) {
    if (!OBJECT_META.has(key)) {
      unknown.push(`metadata.${key}`);
      delete metadata[key];
      continue;
    }
    const itemFields = LIST_ITEM_FIELDS[key];
    const list = metadata[key];
    if (!itemFields || !Array.isArray(list)) continue;
    list.forEach((item, i) => {
      if (!isObject(item)) return;
      for (const field of keys(item))
        if (!itemFields.has(field)) {
          unknown.push(`metadata.${key}[${i}].${field}`);
          delete item[field];
        }
    });
  }
  return unknown;
}

/**
 * Unknown fields of a built-in kind, top-level and in `metadata`: removed from `obj` (as decoding into the Go type
 * drops them), returned in the body's order (the strict decoder reports them as it meets them).
 */
export function unknownCoreFields(obj: KubeObject): string[] {
  const known = new Set([
    'apiVersion',
    'kind',
    'metadata',
    ...(CORE_FIELDS[obj.kind ?? ''] ?? ['spec', 'status']),
  ]);
  const unknown: string[] = [];
  for (const k of Object.keys(obj)) {
    if (k === 'metadata')
      unknown.push(...unknownMetadataFields(obj.metadata, false));
    else if (!known.has(k)) {
      unknown.push(k);
      delete obj[k];
    }
  }
  return unknown;
}
