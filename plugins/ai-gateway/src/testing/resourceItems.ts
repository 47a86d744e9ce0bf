import {
  KubeObject,
  ResourceItem,
  toResourceItem as toItem,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * Turns a Kubernetes object into the `ResourceItem` a tab lists — the one implementation in `-common` the backend
 * uses too; the cluster defaults to `local`. For tests and the dev page.
 */
export function toResourceItem(
  obj: KubeObject,
  options: { cluster?: string; relation?: ResourceItem['relation'] } = {},
): ResourceItem {
  return toItem(obj, { ...options, cluster: options.cluster ?? 'local' });
}
