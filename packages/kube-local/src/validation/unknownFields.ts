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

/** Unknown top-level fields of a built-in kind: removed from `obj` (as decoding into the Go type drops them), returned. */
export function unknownCoreFields(obj: KubeObject): string[] {
  const known = new Set([
    'apiVersion',
    'kind',
    'metadata',
    ...(CORE_FIELDS[obj.kind ?? ''] ?? ['spec', 'status']),
  ]);
  const unknown = Object.keys(obj)
    .filter(k => !known.has(k))
    .sort();
  for (const k of unknown) delete obj[k];
  return unknown;
}
