import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * The object as the editors show it: without `status` and `managedFields` (the API server owns them).
 * `resourceVersion` stays: it is the precondition of the update.
 */
export function cleanForEdit(obj: KubeObject): KubeObject {
  const { status: _status, ...rest } = obj;
  const { managedFields: _mf, ...metadata } = (obj.metadata ??
    {}) as KubeObject['metadata'];
  return { ...rest, metadata } as KubeObject;
}
