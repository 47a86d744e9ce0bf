import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * What no view needs, dropped on ingest: `metadata.managedFields` (often larger than the object) and kubectl's
 * `last-applied-configuration` annotation (a second copy of the object). Writes never send cached objects back
 * without their resourceVersion check, and the API server keeps both fields.
 */
export function stripObject(obj: KubeObject): KubeObject {
  const { managedFields, annotations, ...metadata } = obj.metadata;
  const hasLastApplied = !!annotations && LAST_APPLIED in annotations;
  if (!managedFields && !hasLastApplied) return obj;
  let kept = annotations;
  if (annotations && hasLastApplied) {
    const { [LAST_APPLIED]: _dropped, ...rest } = annotations;
    kept = rest;
  }
  return {
    ...obj,
    metadata: {
      ...metadata,
      ...(kept && Object.keys(kept).length ? { annotations: kept } : {}),
    },
  };
}
