import { ResourceItem } from '../api';
import { kindOf } from '../registry/kinds';
import { KubeObject, ResourceKindDescriptor } from '../registry/types';

/**
 * One object as a tab lists it: identity, summary, conditions and references from the kind's registry entry. The one
 * implementation for the backend (reads and write answers) and the frontend's fixtures.
 */
export function toResourceItem(
  object: KubeObject,
  options: {
    cluster: string;
    relation?: ResourceItem['relation'];
    /** default: the registry kind of `object.apiVersion` / `object.kind` */
    kind?: ResourceKindDescriptor;
  },
): ResourceItem {
  const kind = options.kind ?? kindOf(object);
  if (!kind)
    throw new Error(`No registry kind for ${object.apiVersion} ${object.kind}`);
  const m = object.metadata;
  return {
    cluster: options.cluster,
    kind: kind.kind,
    group: kind.group,
    version: kind.version,
    name: m.name,
    ...(m.namespace ? { namespace: m.namespace } : {}),
    ...(m.uid ? { uid: m.uid } : {}),
    ...(m.resourceVersion ? { resourceVersion: m.resourceVersion } : {}),
    ...(m.creationTimestamp
      ? { creationTimestamp: String(m.creationTimestamp) }
      : {}),
    ...(m.deletionTimestamp
      ? { deletionTimestamp: String(m.deletionTimestamp) }
      : {}),
    ...(m.labels ? { labels: m.labels } : {}),
    summary: kind.summarize(object),
    conditions: kind.conditions(object),
    references: kind.references(object),
    relation: options.relation ?? 'owned',
    object,
  };
}
