import {
  KubeObject,
  ResourceItem,
  kindOf,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * Turns a Kubernetes object into the `ResourceItem` a tab lists, with the same registry functions the
 * backend uses (summary, references, conditions). For tests and the dev page.
 */
export function toResourceItem(
  obj: KubeObject,
  options: { cluster?: string; relation?: ResourceItem['relation'] } = {},
): ResourceItem {
  const d = kindOf(obj);
  if (!d) throw new Error(`No registry kind for ${obj.apiVersion} ${obj.kind}`);
  return {
    cluster: options.cluster ?? 'local',
    kind: d.kind,
    group: d.group,
    version: d.version,
    name: obj.metadata.name,
    ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    ...(obj.metadata.uid ? { uid: obj.metadata.uid } : {}),
    ...(obj.metadata.resourceVersion ? { resourceVersion: obj.metadata.resourceVersion } : {}),
    ...(obj.metadata.creationTimestamp ? { creationTimestamp: obj.metadata.creationTimestamp } : {}),
    ...(obj.metadata.labels ? { labels: obj.metadata.labels } : {}),
    summary: d.summarize(obj),
    conditions: d.conditions(obj),
    references: d.references(obj),
    relation: options.relation ?? 'owned',
    object: obj,
  };
}
