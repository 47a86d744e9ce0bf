import type { ResourceItem } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * When the object was marked for deletion (`metadata.deletionTimestamp`): it stays, Terminating, until its
 * finalizers are done. Such an object can no longer be edited.
 */
export function terminatingSince(item: Pick<ResourceItem, 'object'>): string | undefined {
  const ts = item.object?.metadata?.deletionTimestamp;
  return typeof ts === 'string' ? ts : undefined;
}

export function isTerminating(item: Pick<ResourceItem, 'object'>): boolean {
  return terminatingSince(item) !== undefined;
}
