import {
  KubeObject,
  ResourceItem,
  ResourceKindDescriptor,
  toResourceItem as commonToResourceItem,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** One cached object as a tab lists it (the shared `toResourceItem` of `-common`, in the backend's argument order). */
export function toResourceItem(
  cluster: string,
  kind: ResourceKindDescriptor,
  object: KubeObject,
  relation: ResourceItem['relation'],
): ResourceItem {
  return commonToResourceItem(object, { cluster, kind, relation });
}
