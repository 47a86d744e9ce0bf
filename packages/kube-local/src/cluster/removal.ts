/** Removing a stored object for good, with the cascades the real control plane performs at once. */
import { ResourceRegistry } from '../registry/ResourceRegistry';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject, ResourceType, typeKey } from '../types';
import { ObjectValidation } from '../validation/ObjectValidation';

export function removeObject(
  parts: {
    registry: ResourceRegistry;
    store: ObjectStore;
    validation: ObjectValidation;
  },
  type: ResourceType,
  existing: KubeObject,
): KubeObject {
  const m = existing.metadata!;
  const removed = parts.store.remove(
    typeKey(type.group, type.plural),
    m.namespace ?? '',
    m.name,
  )!;
  if (type.kind === 'Namespace') purgeNamespace(parts, m.name);
  if (type.kind === 'CustomResourceDefinition') dropCrd(parts, removed);
  return removed;
}

/** Everything left in a removed namespace goes with it. */
function purgeNamespace(
  parts: { registry: ResourceRegistry; store: ObjectStore },
  ns: string,
): void {
  for (const t of parts.registry.all()) {
    if (!t.namespaced) continue;
    const key = typeKey(t.group, t.plural);
    for (const o of parts.store.list(key, ns))
      parts.store.remove(key, ns, o.metadata!.name);
  }
}

/** A removed CRD takes its objects with it and its kind is no longer served. */
function dropCrd(
  parts: {
    registry: ResourceRegistry;
    store: ObjectStore;
    validation: ObjectValidation;
  },
  crd: KubeObject,
): void {
  const { group, names } = crd.spec ?? {};
  const key = typeKey(group, names?.plural);
  for (const o of parts.store.list(key))
    parts.store.remove(key, o.metadata?.namespace ?? '', o.metadata!.name);
  parts.registry.unregister(group, names?.plural);
  parts.validation.removeCrd(crd.metadata!.name);
}
