/**
 * The printers of pkg/printers/internalversion for the built-in kinds kube-local serves, and
 * rest.NewDefaultTableConvertor (Name, Created At) for the others.
 */
import { KubeObject } from '../types';
import { age } from './humanDuration';
import type { Columns, TableColumnDefinition } from './columns';
import { CREATED_DESCRIPTION, NAME_DESCRIPTION } from './descriptions';

export const col = (
  name: string,
  type: string,
  description: string,
  extra: Partial<TableColumnDefinition> = {},
): TableColumnDefinition => ({
  name,
  type,
  format: '',
  description,
  priority: 0,
  ...extra,
});
export const NAME = col('Name', 'string', NAME_DESCRIPTION, { format: 'name' });
const AGE = col('Age', 'string', CREATED_DESCRIPTION);
const CREATED_AT = col('Created At', 'date', CREATED_DESCRIPTION);

export const nameOf = (o: KubeObject) => o.metadata?.name ?? '';
const ageOf = (o: KubeObject) => age(o.metadata?.creationTimestamp);
const count = (...maps: unknown[]) =>
  maps.reduce<number>(
    (n, m) => n + (m && typeof m === 'object' ? Object.keys(m).length : 0),
    0,
  );
const orNone = (s: string | undefined) => (s ? s : '<none>');
const rfc3339 = (o: KubeObject) =>
  o.metadata?.creationTimestamp
    ? new Date(o.metadata.creationTimestamp)
        .toISOString()
        .replace(/\.\d+Z$/, 'Z')
    : null;

/** rest.NewDefaultTableConvertor. */
export const DEFAULT: Columns = {
  definitions: [NAME, CREATED_AT],
  cells: o => [nameOf(o), rfc3339(o)],
};

function bindingColumns(): Columns {
  const subjects = (o: KubeObject, kind: string) =>
    (o.subjects ?? [])
      .filter((s: { kind?: string }) => s.kind === kind)
      .map((s: { name?: string; namespace?: string }) =>
        kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name,
      )
      .join(', ');
  return {
    definitions: [
      NAME,
      col(
        'Role',
        'string',
        'Role references the Role being granted to the subjects.',
      ),
      AGE,
      col('Users', 'string', 'Users in the binding', { priority: 1 }),
      col('Groups', 'string', 'Groups in the binding', { priority: 1 }),
      col('ServiceAccounts', 'string', 'ServiceAccounts in the binding', {
        priority: 1,
      }),
    ],
    cells: o => [
      nameOf(o),
      `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}`,
      ageOf(o),
      subjects(o, 'User'),
      subjects(o, 'Group'),
      subjects(o, 'ServiceAccount'),
    ],
  };
}

export const BUILT_IN: Record<string, () => Columns> = {
  Namespace: () => ({
    definitions: [
      NAME,
      col('Status', 'string', 'The status of the namespace'),
      AGE,
    ],
    cells: o => [nameOf(o), o.status?.phase ?? '', ageOf(o)],
  }),
  ConfigMap: () => ({
    definitions: [
      NAME,
      col('Data', 'string', 'Data contains the configuration data.'),
      AGE,
    ],
    cells: o => [nameOf(o), count(o.data, o.binaryData), ageOf(o)],
  }),
  Secret: () => ({
    definitions: [
      NAME,
      col(
        'Type',
        'string',
        'Used to facilitate programmatic handling of secret data.',
      ),
      col('Data', 'string', 'Data contains the secret data.'),
      AGE,
    ],
    cells: o => [nameOf(o), o.type ?? 'Opaque', count(o.data), ageOf(o)],
  }),
  Service: () => ({
    definitions: [
      NAME,
      col('Type', 'string', 'Type determines how the Service is exposed.'),
      col(
        'Cluster-IP',
        'string',
        'clusterIP is the IP address of the service.',
      ),
      col(
        'External-IP',
        'string',
        'List of IP addresses at which the service is available.',
      ),
      col(
        'Port(s)',
        'string',
        'The list of ports that are exposed by this service.',
      ),
      AGE,
      col(
        'Selector',
        'string',
        'Route service traffic to pods with label keys and values matching this selector.',
        { priority: 1 },
      ),
    ],
    cells: o => [
      nameOf(o),
      o.spec?.type ?? 'ClusterIP',
      orNone(o.spec?.clusterIP),
      orNone((o.spec?.externalIPs ?? []).join(',')),
      orNone(
        (o.spec?.ports ?? [])
          .map(
            (p: { port: number; protocol?: string }) =>
              `${p.port}/${p.protocol ?? 'TCP'}`,
          )
          .join(','),
      ),
      ageOf(o),
      orNone(
        Object.entries(o.spec?.selector ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
      ),
    ],
  }),
  Pod: () => ({
    definitions: [
      NAME,
      col(
        'Ready',
        'string',
        'The aggregate readiness state of this pod for accepting traffic.',
      ),
      col(
        'Status',
        'string',
        'The aggregate status of the containers in this pod.',
      ),
      col(
        'Restarts',
        'string',
        'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
      ),
      AGE,
      col(
        'IP',
        'string',
        'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
        { priority: 1 },
      ),
      col('Node', 'string', 'Name of the Node', { priority: 1 }),
      col(
        'Nominated Node',
        'string',
        'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.',
        { priority: 1 },
      ),
      col(
        'Readiness Gates',
        'string',
        'If specified, all readiness gates will be evaluated for pod readiness.',
        { priority: 1 },
      ),
    ],
    cells: o => [
      nameOf(o),
      `0/${(o.spec?.containers ?? []).length}`,
      o.metadata?.deletionTimestamp
        ? 'Terminating'
        : o.status?.phase ?? 'Pending',
      '0',
      ageOf(o),
      orNone(o.status?.podIP),
      orNone(o.spec?.nodeName),
      orNone(o.status?.nominatedNodeName),
      '<none>',
    ],
  }),
  ResourceQuota: () => ({
    definitions: [
      NAME,
      AGE,
      col(
        'Request',
        'string',
        'Request represents a minimum amount of cpu/memory that a container may consume.',
      ),
      col(
        'Limit',
        'string',
        'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.',
      ),
    ],
    cells: o => {
      const hard: Record<string, string> = o.status?.hard ?? {};
      const used: Record<string, string> = o.status?.used ?? {};
      const pairs = (limits: boolean) =>
        Object.keys(hard)
          .filter(k => k.startsWith('limits.') === limits)
          .sort()
          .map(k => `${k}: ${used[k] ?? '0'}/${hard[k]}`)
          .join(', ');
      return [nameOf(o), ageOf(o), pairs(false), pairs(true)];
    },
  }),
  RoleBinding: bindingColumns,
  ClusterRoleBinding: bindingColumns,
};
