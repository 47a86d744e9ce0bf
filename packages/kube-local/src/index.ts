/**
 * kube-local: a small Kubernetes-API-compatible server for development, the demo and tests.
 *
 * @packageDocumentation
 */
export { startKubeLocal } from './startKubeLocal';
export type { KubeLocal, KubeLocalOptions } from './startKubeLocal';
export type { AccessRule, UserSpec } from './auth/Authorizer';
export type { RequestRecord } from './server/KubeApi';
export { loadManifests, parseManifests } from './seed/loadManifests';
export { kubeconfigYaml } from './server/kubeconfig';
export type {
  AdmissionOperation,
  AdmissionReviewRequest,
  AdmissionReviewResponse,
  ValidatingWebhook,
  WebhookRule,
} from './admission/webhooks';
