/**
 * The namespace's part of deletion (the namespace registry, NamespaceLifecycle admission and the namespace
 * controller): the first DELETE of a namespace with `spec.finalizers` starts termination, new content is refused while
 * it terminates, and the controller (./garbageCollector.ts) finally drops the `kubernetes` finalizer.
 */
import {
  QualifiedResource,
  StatusError,
  conflict,
  notFound,
} from '../errors/StatusError';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject, ResourceType, deepClone } from '../types';
import type { Cluster } from './Cluster';
import { DeleteOptions, finalizersAfterPolicy } from './deletion';
import { timestamp } from './metadata';

export const NAMESPACES: QualifiedResource = {
  group: '',
  plural: 'namespaces',
};
const NAMESPACE_PENDING =
  'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.';

/** NamespaceLifecycle admission: no new content in a terminating namespace (403). */
export function namespaceTerminating(
  type: ResourceType,
  name: string,
  namespace: string,
): StatusError {
  const resource = type.group ? `${type.plural}.${type.group}` : type.plural;
  return new StatusError(
    403,
    'Forbidden',
    `${resource} ${JSON.stringify(
      name,
    )} is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
    {
      name,
      group: type.group || undefined,
      kind: type.plural,
      causes: [
        {
          reason: 'NamespaceTerminating',
          message: `namespace ${namespace} is being terminated`,
          field: 'metadata.namespace',
        },
      ],
    },
  );
}

/**
 * The namespace registry's DELETE of a namespace that still has `spec.finalizers`: the first one marks it
 * Terminating (the answer), a second one is a 409.
 */
export function markNamespaceTerminating(
  existing: KubeObject,
  opts: DeleteOptions,
): KubeObject {
  const name = existing.metadata!.name;
  if (existing.metadata!.deletionTimestamp)
    throw conflict(NAMESPACES, name, NAMESPACE_PENDING);
  const marked = deepClone(existing);
  marked.metadata!.finalizers = finalizersAfterPolicy(existing, opts);
  if (marked.metadata!.finalizers.length === 0)
    delete marked.metadata!.finalizers;
  marked.metadata!.deletionTimestamp = timestamp();
  marked.status = { ...marked.status, phase: 'Terminating' };
  return marked;
}

/** A namespaced object needs its namespace (404); new content (a named create) is refused while it terminates. */
export function requireNamespace(
  store: ObjectStore,
  type: ResourceType,
  namespace: string | undefined,
  name?: string,
): void {
  if (!type.namespaced) return;
  const ns = namespace ? store.get('namespaces', '', namespace) : undefined;
  if (!ns) throw notFound(NAMESPACES, namespace ?? '');
  if (ns.metadata?.deletionTimestamp && name !== undefined)
    throw namespaceTerminating(type, name, namespace!);
}

/** The namespace controller's last step: content gone, drop the `kubernetes` finalizer and delete the namespace. */
export function finalizeNamespace(cluster: Cluster, name: string): void {
  const type = cluster.registry.byKind('', 'v1', 'Namespace')!;
  const ns = cluster.get(type, undefined, name);
  cluster.store.commit('namespaces', {
    ...ns,
    spec: {
      ...ns.spec,
      finalizers: (ns.spec?.finalizers ?? []).filter(
        (f: string) => f !== 'kubernetes',
      ),
    },
  });
  cluster.delete(type, undefined, name, {});
}
