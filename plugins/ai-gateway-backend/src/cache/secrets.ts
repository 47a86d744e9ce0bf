import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * A Secret without its values: `data` / `stringData` keep only their key names (values become ''),
 * and the `kubectl.kubernetes.io/last-applied-configuration` annotation and `managedFields` (which can
 * embed values) are dropped. Applied on ingest, so values never sit in the cache or reach a response.
 */
export function stripSecret(secret: KubeObject): KubeObject {
  const keys = new Set<string>([
    ...Object.keys((secret.data as Record<string, string> | undefined) ?? {}),
    ...Object.keys(
      (secret.stringData as Record<string, string> | undefined) ?? {},
    ),
  ]);
  const annotations = { ...(secret.metadata.annotations ?? {}) };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  const {
    managedFields: _managedFields,
    annotations: _annotations,
    ...metadata
  } = secret.metadata;
  return {
    apiVersion: secret.apiVersion ?? 'v1',
    kind: secret.kind ?? 'Secret',
    metadata: {
      ...metadata,
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    ...(secret.type ? { type: secret.type } : {}),
    ...(secret.immutable !== undefined ? { immutable: secret.immutable } : {}),
    data: Object.fromEntries([...keys].sort().map(k => [k, ''])),
  };
}
