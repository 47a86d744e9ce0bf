/**
 * DELETE of one object as the generic registry does it (registry/generic/registry/store.go Delete): options and
 * preconditions, admission, then either marking the object as deleting (pending finalizers: its own, or `orphan` /
 * `foregroundDeletion` added by the propagation policy; namespaces with `spec.finalizers` start terminating) or
 * removing it. The finalizers are worked off by ./garbageCollector.ts.
 */
import { KubeObject, ResourceType, deepClone, typeKey } from '../types';
import type { Cluster } from './Cluster';
import {
  DeleteOptions,
  checkDeletePreconditions,
  finalizersAfterPolicy,
  markAsDeleting,
  validateDeleteOptions,
} from './deletion';
import { isNoop } from './metadata';
import { markNamespaceTerminating } from './namespaceLifecycle';

export function deleteObject(
  cluster: Cluster,
  type: ResourceType,
  existing: KubeObject,
  opts: DeleteOptions & { user?: string },
): { object: KubeObject; deleted: boolean } {
  validateDeleteOptions(opts);
  checkDeletePreconditions(type, existing, opts.preconditions);
  const dryRun = (opts.dryRun ?? []).includes('All');
  cluster.admission.review({
    operation: 'DELETE',
    type,
    oldObject: existing,
    user: opts.user,
    dryRun,
  });
  if (
    type.kind === 'Namespace' &&
    (existing.spec?.finalizers ?? []).length > 0
  ) {
    // the content is removed by the namespace controller (./garbageCollector.ts)
    const marked = markNamespaceTerminating(existing, opts);
    if (dryRun) return { object: marked, deleted: false };
    return {
      object: cluster.store.commit('namespaces', marked),
      deleted: false,
    };
  }
  const finalizers = finalizersAfterPolicy(existing, opts);
  if (finalizers.length > 0) {
    const marked = deepClone(existing);
    marked.metadata!.finalizers = finalizers;
    markAsDeleting(marked);
    if (dryRun || isNoop(existing, marked))
      return { object: marked, deleted: false };
    return {
      object: cluster.store.commit(typeKey(type.group, type.plural), marked),
      deleted: false,
    };
  }
  if (dryRun) return { object: existing, deleted: true };
  return { object: cluster.remove(type, existing), deleted: true };
}

/**
 * ShouldDeleteDuringUpdate: an update that removes the last finalizer of a deleting object deletes it.
 */
export function lastFinalizerRemoved(
  existing: KubeObject,
  updated: KubeObject,
): boolean {
  return (
    !!existing.metadata!.deletionTimestamp &&
    (existing.metadata!.finalizers ?? []).length > 0 &&
    (updated.metadata!.finalizers ?? []).length === 0
  );
}
