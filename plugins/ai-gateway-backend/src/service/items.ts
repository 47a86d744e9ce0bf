import {
  KubeObject,
  ResourceItem,
  ResourceKindDescriptor,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** One cached object as a tab lists it: summary, conditions and references from the kind's descriptor. */
export function toResourceItem(
  cluster: string,
  kind: ResourceKindDescriptor,
  object: KubeObject,
  relation: ResourceItem['relation'],
): ResourceItem {
  const m = object.metadata;
  return {
    cluster,
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
    ...(m.labels ? { labels: m.labels } : {}),
    summary: kind.summarize(object),
    conditions: kind.conditions(object),
    references: kind.references(object),
    relation,
    object,
  };
}
