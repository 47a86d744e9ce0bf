/**
 * Deletion as kube-apiserver's generic registry does it (k8s.io/apiserver registry/rest/delete.go and
 * registry/generic/registry/store.go): DeleteOptions validation, preconditions, the garbage collector's finalizers
 * (`orphan`, `foregroundDeletion`) chosen by `propagationPolicy`, and marking an object with pending finalizers as
 * deleting (`deletionTimestamp`, `deletionGracePeriodSeconds: 0`, generation + 1) instead of removing it.
 */
import { StatusError, invalid } from '../errors/StatusError';
import { KubeObject, ResourceType } from '../types';
import { timestamp } from './metadata';

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

/** meta/v1 DeleteOptions (what kube-local reads of it). */
export interface DeleteOptions {
  propagationPolicy?: string;
  orphanDependents?: boolean;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

const POLICIES = ['Foreground', 'Background', 'Orphan'];

/** 422 `DeleteOptions.meta.k8s.io "" is invalid: ...` (ValidateDeleteOptions). */
export function validateDeleteOptions(o: DeleteOptions): void {
  const causes = [];
  if (o.orphanDependents !== undefined && o.propagationPolicy !== undefined) {
    causes.push({
      field: 'propagationPolicy',
      reason: 'FieldValueInvalid',
      message: `Invalid value: "${o.propagationPolicy}": orphanDependents and deletionPropagation cannot be both set`,
    });
  }
  if (
    o.propagationPolicy !== undefined &&
    !POLICIES.includes(o.propagationPolicy)
  ) {
    causes.push({
      field: 'propagationPolicy',
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: "${o.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
    });
  }
  if ((o.dryRun ?? []).some(v => v !== 'All')) {
    causes.push({
      field: 'dryRun',
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: []string{${o
        .dryRun!.map(v => JSON.stringify(v))
        .join(', ')}}: supported values: "All"`,
    });
  }
  if (causes.length > 0)
    throw invalid('DeleteOptions', 'meta.k8s.io', '', causes);
}

/** BeforeDelete's early precondition check: 409 naming the kind (not the resource), like the real server. */
export function checkDeletePreconditions(
  type: ResourceType,
  existing: KubeObject,
  pre: DeleteOptions['preconditions'],
): void {
  const m = existing.metadata!;
  const fail = (why: string) =>
    new StatusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${
        type.group ? `${type.kind}.${type.group}` : type.kind
      } "${m.name}": ${why}`,
      {
        name: m.name,
        group: type.group || undefined,
        kind: type.kind,
      },
    );
  if (pre?.uid && pre.uid !== m.uid) {
    throw fail(
      `the UID in the precondition (${pre.uid}) does not match the UID in record (${m.uid}). The object might have been deleted and then recreated`,
    );
  }
  if (pre?.resourceVersion && pre.resourceVersion !== m.resourceVersion) {
    throw fail(
      `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${m.resourceVersion}). The object might have been modified`,
    );
  }
}

/**
 * deletionFinalizersForGarbageCollection: the finalizers after applying the propagation policy (the options win, then
 * the object's own GC finalizers; the default for every kind served here is background deletion).
 */
export function finalizersAfterPolicy(
  existing: KubeObject,
  o: DeleteOptions,
): string[] {
  const current: string[] = existing.metadata?.finalizers ?? [];
  let orphan = current.includes(FINALIZER_ORPHAN);
  let foreground = !orphan && current.includes(FINALIZER_FOREGROUND);
  if (o.orphanDependents !== undefined) {
    orphan = o.orphanDependents;
    foreground = false;
  } else if (o.propagationPolicy !== undefined) {
    orphan = o.propagationPolicy === 'Orphan';
    foreground = o.propagationPolicy === 'Foreground';
  }
  const next = current.filter(
    f => f !== FINALIZER_ORPHAN && f !== FINALIZER_FOREGROUND,
  );
  if (orphan) next.push(FINALIZER_ORPHAN);
  if (foreground) next.push(FINALIZER_FOREGROUND);
  const same =
    next.length === current.length && next.every(f => current.includes(f));
  return same ? current : next;
}

/** markAsDeleting: generation + 1 on the first mark, deletionTimestamp now, grace period 0. Mutates `obj`. */
export function markAsDeleting(obj: KubeObject): void {
  const m = obj.metadata!;
  if (!m.deletionTimestamp && (m.generation ?? 0) > 0) m.generation += 1;
  m.deletionTimestamp ??= timestamp();
  m.deletionGracePeriodSeconds = 0;
}

/** `[]string{"a", "b"}` as Go's %#v prints it in validation messages. */
export const goStrings = (values: string[]) =>
  `[]string{${values.map(v => JSON.stringify(v)).join(', ')}}`;
