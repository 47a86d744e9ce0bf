import type { KubeObject } from '../registry/types';
import { hostCovered, pathCovered } from './match';
import type {
  GatewayPartition,
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

/** The hostnames the route claims through this parent: its own, else the hostnames of the listeners it attaches to. */
function claimedHosts(
  spec: Fields,
  partition: GatewayPartition,
  listener: string | undefined,
): { hosts: string[]; own: boolean } {
  const own = list(spec.hostnames).map(h => text(h) ?? '');
  if (own.length) return { hosts: own, own: true };
  const listeners = partition.listeners ?? {};
  const names = listener ? [listener] : Object.keys(listeners);
  const hosts = names.map(n => listeners[n]);
  // a listener without a hostname (or an unknown one) serves every host: `*` is covered by no assignment
  return {
    hosts: hosts.length && hosts.every(h => !!h) ? (hosts as string[]) : ['*'],
    own: false,
  };
}

/**
 * Where an HTTPRoute leaves its subject's assignment on each partitioned Gateway it attaches to (empty: inside, or
 * no partitioned Gateway). `partitionOf` answers a Gateway's partition (`<namespace>/<name>`) or undefined when
 * the Gateway is not partitioned. Fields: `spec.parentRefs[i]` (no assignment on that Gateway / listener),
 * `spec.hostnames[i]` or `spec.hostnames` (none named), `spec.rules[i].matches[j].path.value` (and `.path`,
 * `.matches`, `spec.rules` for the `PathPrefix /` defaults), `...path.type` for a refused RegularExpression.
 */
export function partitionViolations(
  route: KubeObject,
  subject: PartitionSubject,
  partitionOf: (gateway: string) => GatewayPartition | undefined,
): PartitionViolation[] {
  if (route.kind !== 'HTTPRoute') return [];
  const spec = fields(route.spec);
  const out: PartitionViolation[] = [];
  list(spec.parentRefs).forEach((p, i) => {
    const ref = fields(p);
    if ((text(ref.kind) ?? 'Gateway') !== 'Gateway') return;
    if (
      (text(ref.group) ?? 'gateway.networking.k8s.io') !==
      'gateway.networking.k8s.io'
    )
      return;
    const gateway = `${text(ref.namespace) ?? subject.namespace}/${
      text(ref.name) ?? ''
    }`;
    const partition = partitionOf(gateway);
    if (!partition) return;
    const listener = text(ref.sectionName);
    const add = (v: Omit<PartitionViolation, 'gateway'>) =>
      out.push({ gateway, ...v });
    if (partition.error) {
      add({
        field: `spec.parentRefs[${i}]`,
        reason: 'FieldValueForbidden',
        message: `Gateway ${gateway} is partitioned, but its partition cannot be read (${partition.error}); ask the platform team`,
      });
      return;
    }
    const theirs = partition.assignments.filter(a => assignedTo(a, subject));
    const mine = theirs.filter(a => !a.listener || a.listener === listener);
    if (mine.length === 0) {
      const listeners = [...new Set(theirs.map(a => a.listener))];
      add(
        theirs.length
          ? {
              field: `spec.parentRefs[${i}].sectionName`,
              reason: listener ? 'FieldValueForbidden' : 'FieldValueRequired',
              message: `${subjectText(
                subject,
              )} is assigned only listener ${listeners.join(
                ', ',
              )} of Gateway ${gateway}; name it in sectionName`,
            }
          : {
              field: `spec.parentRefs[${i}]`,
              reason: 'FieldValueForbidden',
              message: `Gateway ${gateway} is partitioned by the platform and ${subjectText(
                subject,
              )} has no assignment on it`,
            },
      );
      return;
    }
    const assigned = `assigned to ${subjectText(
      subject,
    )} on Gateway ${gateway}: ${describeAssignments(mine)}`;
    // hostnames: each claimed host must be within some assignment that restricts hosts (or one that does not)
    const { hosts, own } = claimedHosts(spec, partition, listener);
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
  });
  return dedupe(out);
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
