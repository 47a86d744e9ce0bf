/**
 * Table columns as kube-apiserver prints them: the printers of pkg/printers/internalversion for built-in kinds,
 * rest.NewDefaultTableConvertor (Name, Created At) for kinds without one, and a CRD version's
 * `additionalPrinterColumns` (Age when it declares none) for custom resources.
 */
import { KubeObject } from '../types';
import { age } from './humanDuration';
import { cellForColumn } from './crdCells';

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface Columns {
  definitions: TableColumnDefinition[];
  cells(o: KubeObject): unknown[];
}

export const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
export const CREATED_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

const col = (
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
const NAME = col('Name', 'string', NAME_DESCRIPTION, { format: 'name' });
const AGE = col('Age', 'string', CREATED_DESCRIPTION);
const CREATED_AT = col('Created At', 'date', CREATED_DESCRIPTION);

const name = (o: KubeObject) => o.metadata?.name ?? '';
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
const DEFAULT: Columns = {
  definitions: [NAME, CREATED_AT],
  cells: o => [name(o), rfc3339(o)],
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
      name(o),
      `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}`,
      ageOf(o),
      subjects(o, 'User'),
      subjects(o, 'Group'),
      subjects(o, 'ServiceAccount'),
    ],
  };
}

const BUILT_IN: Record<string, () => Columns> = {
  Namespace: () => ({
    definitions: [
      NAME,
      col('Status', 'string', 'The status of the namespace'),
      AGE,
    ],
    cells: o => [name(o), o.status?.phase ?? '', ageOf(o)],
  }),
  ConfigMap: () => ({
    definitions: [
      NAME,
      col('Data', 'string', 'Data contains the configuration data.'),
      AGE,
    ],
    cells: o => [name(o), count(o.data, o.binaryData), ageOf(o)],
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
    cells: o => [name(o), o.type ?? 'Opaque', count(o.data), ageOf(o)],
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
      name(o),
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
      name(o),
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
      return [name(o), ageOf(o), pairs(false), pairs(true)];
    },
  }),
  RoleBinding: bindingColumns,
  ClusterRoleBinding: bindingColumns,
};

interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** The columns of a custom resource version (tableconvertor.New with GetColumnsForVersion's default). */
function crdColumns(printerColumns: PrinterColumn[] | undefined): Columns {
  const specs: PrinterColumn[] =
    printerColumns && printerColumns.length > 0
      ? printerColumns
      : [
          {
            name: 'Age',
            type: 'date',
            description: CREATED_DESCRIPTION,
            jsonPath: '.metadata.creationTimestamp',
          },
        ];
  return {
    definitions: [
      NAME,
      ...specs.map(c =>
        col(
          c.name,
          c.type,
          c.description ||
            `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
          { format: c.format ?? '', priority: c.priority ?? 0 },
        ),
      ),
    ],
    cells: o => [
      name(o),
      ...specs.map(c => cellForColumn(o, c.jsonPath, c.type)),
    ],
  };
}

/** The columns for a kind: `crd` is the CustomResourceDefinition of a custom kind. */
export function columnsFor(
  kind: string,
  crd: KubeObject | undefined,
  version: string,
): Columns {
  if (crd) {
    const v = (crd.spec?.versions ?? []).find(
      (x: { name: string }) => x.name === version,
    );
    return crdColumns(v?.additionalPrinterColumns);
  }
  return BUILT_IN[kind]?.() ?? DEFAULT;
}
