import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AksStrategy,
  AnonymousStrategy,
  AwsIamStrategy,
  AzureIdentityStrategy,
  DispatchStrategy,
  GoogleServiceAccountStrategy,
  GoogleStrategy,
  OidcStrategy,
  ServiceAccountStrategy,
} from '@backstage/plugin-kubernetes-backend';
import { KubeConfig } from '@kubernetes/client-node';
import { KubernetesRequestAuth } from '@backstage/plugin-kubernetes-common';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';

/**
 * Backstage's own authentication strategies, keyed by `authProvider` exactly as in @backstage/plugin-kubernetes-backend
 * (`serviceAccount`, `aws`, `azure`, `google`, `googleServiceAccount`, `oidc`, `aks`, `localKubectlProxy`), behind
 * one DispatchStrategy that picks the strategy named by a cluster's `kubernetes.io/auth-provider`.
 */
export function createAuthStrategy(
  config: Config,
  logger: LoggerService,
  extra: Record<string, AuthenticationStrategy> = {},
): DispatchStrategy {
  return new DispatchStrategy({
    authStrategyMap: {
      aks: new AksStrategy(),
      aws: new AwsIamStrategy({ config }),
      azure: new AzureIdentityStrategy(logger),
      google: new GoogleStrategy(),
      googleServiceAccount: new GoogleServiceAccountStrategy({ config }),
      localKubectlProxy: new AnonymousStrategy(),
      oidc: new OidcStrategy(),
      serviceAccount: serviceAccountStrategy(),
      ...extra,
    },
  });
}

/**
 * What the plugin presents as the "request auth" Backstage's Kubernetes plugin gets from the browser. The caches run
 * as the plugin, shared by every user, so a user's token must never be used for them: `google`, `aks` and
 * `oidc.<provider>` tokens for clusters with those auth providers come from `aiGateway.clusterRequestAuth`
 * (e.g. a long-lived OIDC token of a robot identity). Without them such a cluster reports `Unauthorized`.
 */
export function readRequestAuth(config: Config): KubernetesRequestAuth {
  const c = config.getOptionalConfig('aiGateway.clusterRequestAuth');
  if (!c) return {};
  const out: KubernetesRequestAuth = {};
  for (const key of ['google', 'aks']) {
    const v = c.getOptionalString(key);
    if (v) out[key] = v;
  }
  const oidc = c.getOptionalConfig('oidc');
  if (oidc)
    out.oidc = Object.fromEntries(oidc.keys().map(k => [k, oidc.getString(k)]));
  return out;
}

/**
 * Backstage's ServiceAccountStrategy (the configured token, else the pod's in-cluster token). It loads client-node
 * with a dynamic `import()`, which Jest's VM cannot run; handing it the client this plugin already loaded (its own
 * test seam, `injectedKubernetesClient`) keeps the strategy unchanged everywhere.
 */
export function serviceAccountStrategy(): ServiceAccountStrategy {
  return Object.assign(new ServiceAccountStrategy(), {
    injectedKubernetesClient: { KubeConfig },
  });
}
