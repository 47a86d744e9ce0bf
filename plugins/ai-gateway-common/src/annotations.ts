import { ANNOTATION_KUBERNETES_API_SERVER } from '@backstage/plugin-kubernetes-common';

/** The standard Backstage kubernetes annotations this plugin reads (the same as Backstage's Kubernetes plugin). */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';
/** Not exported by `@backstage/plugin-kubernetes-common` 0.9.x; the same string Backstage's Kubernetes plugin reads. */
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';
export { ANNOTATION_KUBERNETES_API_SERVER };

/** The label that ties an object to an entity carrying `backstage.io/kubernetes-id`. */
export const LABEL_KUBERNETES_ID = 'backstage.io/kubernetes-id';

export function isAiGatewayAvailable(entity: {
  metadata: { annotations?: Record<string, string> };
}): boolean {
  const a = entity.metadata.annotations ?? {};
  return Boolean(
    a[ANNOTATION_KUBERNETES_ID] || a[ANNOTATION_KUBERNETES_LABEL_SELECTOR],
  );
}
