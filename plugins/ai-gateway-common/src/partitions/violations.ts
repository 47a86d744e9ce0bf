import type { KubeObject } from '../registry/types';
import { hostCovered, pathCovered } from './match';
import type {
  GatewayPartition,
  ListenerSetLookup,
  PartitionAssignment,
  PartitionSubject,
  PartitionViolation,
} from './types';

type Fields = Record<string, unknown>;
const fields = (v: unknown): Fields =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Fields) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Whether the assignment is the subject's: its entity, the entity's owner, or its namespace. */
export function assignedTo(
  a: PartitionAssignment,
  s: PartitionSubject,
): boolean {
  if (a.namespace !== undefined) return a.namespace === s.namespace;
  if (!a.owner) return false;
  const owner = a.owner.toLowerCase();
  return (
    s.entityRef?.toLowerCase() === owner ||
    !!s.owners?.some(o => o.toLowerCase() === owner)
  );
}

/** `/search (group:default/team-search); payments.example.com, /payments on listener https (namespace x)`. */
export function describeAssignments(assignments: PartitionAssignment[]) {
  if (assignments.length === 0) return 'none';
  return assignments
    .map(a => {
      const what = [
        ...(a.hostnames ?? []),
        ...(a.pathPrefixes ?? []),
        ...(a.allowRegularExpressions ? ['regular expressions'] : []),
      ];
      const scope = a.listener ? ` on listener ${a.listener}` : '';
      const whose = a.owner ?? `namespace ${a.namespace}`;
      return `${
        what.length ? what.join(', ') : 'everything'
      }${scope} (${whose})`;
    })
    .join('; ');
}

const subjectText = (s: PartitionSubject) =>
  s.entityRef
    ? `${s.entityRef} (namespace ${s.namespace})`
    : `namespace ${s.namespace}`;

interface Match {
  field: string;
  type: string;
  value: string;
  /** how the route states it (`a rule without matches`, `PathPrefix /search`) */
  shown: string;
}

/** Every match of an HTTPRoute, with Gateway API's defaults: no matches / no path = `PathPrefix /`. */
function matchesOf(spec: Fields): Match[] {
  const rules = list(spec.rules);
  if (rules.length === 0)
    return [
      {
        field: 'spec.rules',
        type: 'PathPrefix',
        value: '/',
        shown: 'a route without rules (PathPrefix /)',
      },
    ];
  return rules.flatMap((r, ri) => {
    const matches = list(fields(r).matches);
    if (matches.length === 0)
      return [
        {
          field: `spec.rules[${ri}].matches`,
          type: 'PathPrefix',
          value: '/',
          shown: 'a rule without matches (PathPrefix /)',
        },
      ];
    return matches.map((m, mi) => {
      const path = fields(fields(m).path);
      const value = text(path.value);
      const type = text(path.type) ?? 'PathPrefix';
      const at = `spec.rules[${ri}].matches[${mi}].path`;
      return {
        field: value === undefined ? at : `${at}.value`,
        type,
        value: value ?? '/',
        shown:
          value === undefined
            ? 'a match without a path (PathPrefix /)'
            : `${type} ${value}`,
      };
    });
  });
}

/**
 * The hostnames the route claims through this parent: its own, else the hostnames of the listeners it attaches to
 * (the Gateway's, or the ListenerSet's for a route attached through one).
 */
function claimedHosts(
  spec: Fields,
  listeners: Record<string, string | undefined>,
  listener: string | undefined,
): { hosts: string[]; own: boolean } {
  const own = list(spec.hostnames).map(h => text(h) ?? '');
  if (own.length) return { hosts: own, own: true };
  const names = listener ? [listener] : Object.keys(listeners);
  const hosts = names.map(n => listeners[n]);
  // a listener without a hostname (or an unknown one) serves every host: `*` is covered by no assignment
  return {
    hosts: hosts.length && hosts.every(h => !!h) ? (hosts as string[]) : ['*'],
    own: false,
  };
}

const GATEWAY_API = 'gateway.networking.k8s.io';

/** One parentRef resolved to a partitioned Gateway (directly, or through the ListenerSet it names). */
interface Parent {
  index: number;
  gateway: string;
  partition: GatewayPartition;
  /** `sectionName`: a listener of the Gateway, or of the ListenerSet */
  listener?: string;
  /** the listeners the route may attach to: name → hostname */
  listeners: Record<string, string | undefined>;
  /** `<namespace>/<name>` when the route attaches through a ListenerSet */
  listenerSet?: string;
}

/**
 * Where an HTTPRoute leaves its subject's assignment on each partitioned Gateway it attaches to (empty: inside, or
 * no partitioned Gateway). `partitionOf` answers a Gateway's partition (`<namespace>/<name>`) or undefined when
 * the Gateway is not partitioned. Fields: `spec.parentRefs[i]` (no assignment on that Gateway / listener),
 * `spec.hostnames[i]` or `spec.hostnames` (none named), `spec.rules[i].matches[j].path.value` (and `.path`,
 * `.matches`, `spec.rules` for the `PathPrefix /` defaults), `...path.type` for a refused RegularExpression.
 *
 * A parentRef to a ListenerSet is checked against the partition of the Gateway the ListenerSet attaches to
 * (`listenerSets`), with the ListenerSet's listeners (`sectionName` names one of them; their hostnames are what a
 * route without hostnames claims); listener-scoped assignments name the Gateway's own listeners, so they do not
 * cover it. A ListenerSet that cannot be resolved (unknown; no `listenerSets` given) fails closed at
 * `spec.parentRefs[i]` while the cluster has a partitioned Gateway it might attach to.
 */
export function partitionViolations(
  route: KubeObject,
  subject: PartitionSubject,
  partitionOf: (gateway: string) => GatewayPartition | undefined,
  listenerSets?: ListenerSetLookup,
): PartitionViolation[] {
  if (route.kind !== 'HTTPRoute') return [];
  const spec = fields(route.spec);
  const out: PartitionViolation[] = [];
  list(spec.parentRefs).forEach((p, i) => {
    const ref = fields(p);
    if ((text(ref.group) ?? GATEWAY_API) !== GATEWAY_API) return;
    const kind = text(ref.kind) ?? 'Gateway';
    const named = `${text(ref.namespace) ?? subject.namespace}/${
      text(ref.name) ?? ''
    }`;
    const listener = text(ref.sectionName);
    if (kind === 'Gateway') {
      const partition = partitionOf(named);
      if (partition)
        out.push(
          ...parentViolations(spec, subject, {
            index: i,
            gateway: named,
            partition,
            listener,
            listeners: partition.listeners ?? {},
          }),
        );
      return;
    }
    if (kind !== 'ListenerSet') return;
    const set = listenerSets?.listenerSet(named);
    if (!set) {
      const partitioned = listenerSets
        ? listenerSets.partitionedGateways()
        : ['(unknown)'];
      if (partitioned.length)
        out.push({
          gateway: partitioned.join(', '),
          listenerSet: named,
          field: `spec.parentRefs[${i}]`,
          reason: 'FieldValueForbidden',
          message: `ListenerSet ${named} is not known, so the Gateway it attaches to cannot be checked against the platform's partitions (partitioned: ${partitioned.join(
            ', ',
          )}); create the ListenerSet first or attach to a Gateway`,
        });
      return;
    }
    const partition = partitionOf(set.gateway);
    if (partition)
      out.push(
        ...parentViolations(spec, subject, {
          index: i,
          gateway: set.gateway,
          partition,
          listener,
          listeners: set.listeners,
          listenerSet: named,
        }),
      );
  });
  return dedupe(out);
}

/** The violations of one parentRef on its partitioned Gateway. */
function parentViolations(
  spec: Fields,
  subject: PartitionSubject,
  parent: Parent,
): PartitionViolation[] {
  const { index: i, gateway, partition, listener, listenerSet } = parent;
  const out: PartitionViolation[] = [];
  const add = (v: Omit<PartitionViolation, 'gateway'>) =>
    out.push({ gateway, ...(listenerSet ? { listenerSet } : {}), ...v });
  const on = listenerSet
    ? `Gateway ${gateway} (through ListenerSet ${listenerSet})`
    : `Gateway ${gateway}`;
  if (partition.error) {
    add({
      field: `spec.parentRefs[${i}]`,
      reason: 'FieldValueForbidden',
      message: `${on} is partitioned, but its partition cannot be read (${partition.error}); ask the platform team`,
    });
    return out;
  }
  const theirs = partition.assignments.filter(a => assignedTo(a, subject));
  // a listener-scoped assignment names a listener of the Gateway itself, never one of a ListenerSet
  const mine = theirs.filter(
    a => !a.listener || (!listenerSet && a.listener === listener),
  );
  if (mine.length === 0) {
    const listeners = [...new Set(theirs.map(a => a.listener))].join(', ');
    if (!theirs.length)
      add({
        field: `spec.parentRefs[${i}]`,
        reason: 'FieldValueForbidden',
        message: `${on} is partitioned by the platform and ${subjectText(
          subject,
        )} has no assignment on it`,
      });
    else if (listenerSet)
      add({
        field: `spec.parentRefs[${i}]`,
        reason: 'FieldValueForbidden',
        message: `${subjectText(
          subject,
        )} is assigned only listener ${listeners} of Gateway ${gateway}, not the listeners of ListenerSet ${listenerSet}; attach to the Gateway's listener`,
      });
    else
      add({
        field: `spec.parentRefs[${i}].sectionName`,
        reason: listener ? 'FieldValueForbidden' : 'FieldValueRequired',
        message: `${subjectText(
          subject,
        )} is assigned only listener ${listeners} of Gateway ${gateway}; name it in sectionName`,
      });
    return out;
  }
  const assigned = `assigned to ${subjectText(
    subject,
  )} on ${on}: ${describeAssignments(mine)}`;
  // hostnames: each claimed host must be within some assignment that restricts hosts (or one that does not)
  const { hosts, own } = claimedHosts(spec, parent.listeners, listener);
  const hostOk = (a: PartitionAssignment, h: string) =>
    !a.hostnames || (h !== '*' && a.hostnames.some(x => hostCovered(h, x)));
  hosts.forEach((h, j) => {
    if (mine.some(a => hostOk(a, h))) return;
    add(
      own
        ? {
            field: `spec.hostnames[${j}]`,
            reason: 'FieldValueForbidden',
            message: `${h} is outside the hostnames ${assigned}`,
          }
        : {
            field: 'spec.hostnames',
            reason: 'FieldValueRequired',
            message: `without hostnames the route claims ${
              h === '*' ? 'every host' : h
            } of the listener; name hostnames ${assigned}`,
          },
    );
  });
  // paths: each match must be within an assignment that also covers every claimed host
  const fitting = mine.filter(a => hosts.every(h => hostOk(a, h)));
  const candidates = fitting.length ? fitting : mine;
  for (const m of matchesOf(spec)) {
    if (m.type === 'RegularExpression') {
      if (!candidates.some(a => a.allowRegularExpressions || !a.pathPrefixes))
        add({
          field: m.field.replace(/\.value$/, '.type'),
          reason: 'FieldValueForbidden',
          message: `RegularExpression paths cannot be proved to stay inside the path prefixes ${assigned}`,
        });
      continue;
    }
    const ok = candidates.some(
      a =>
        !a.pathPrefixes ||
        a.pathPrefixes.some(x => pathCovered(m.type, m.value, x)),
    );
    if (!ok)
      add({
        field: m.field,
        reason: 'FieldValueForbidden',
        message: `${m.shown} is outside the path prefixes ${assigned}`,
      });
  }
  return out;
}

function dedupe(list_: PartitionViolation[]): PartitionViolation[] {
  const seen = new Set<string>();
  return list_.filter(v => {
    const key = `${v.field}\n${v.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
