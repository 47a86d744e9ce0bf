import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * When the object was marked for deletion (`metadata.deletionTimestamp`, sent on rows as `deletionTimestamp`):
 * it stays, Terminating, until its finalizers are done. Such an object can no longer be edited.
 */
export function terminatingSince(item: {
  deletionTimestamp?: string;
  object?: KubeObject;
}): string | undefined {
  if (item.deletionTimestamp) return item.deletionTimestamp;
  const ts = item.object?.metadata?.deletionTimestamp;
  return typeof ts === 'string' ? ts : undefined;
}

export function isTerminating(item: {
  deletionTimestamp?: string;
  object?: KubeObject;
}): boolean {
  return terminatingSince(item) !== undefined;
}
