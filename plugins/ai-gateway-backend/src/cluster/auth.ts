import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import type {
  DispatchStrategy,
  ServiceAccountStrategy,
} from '@backstage/plugin-kubernetes-backend';
import { KubeConfig } from '@kubernetes/client-node';
import { KubernetesRequestAuth } from '@backstage/plugin-kubernetes-common';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';

type KubernetesBackend = typeof import('@backstage/plugin-kubernetes-backend');

/*
 * @backstage/plugin-kubernetes-backend's index loads the AWS, Azure and Google SDKs (measured: +52 MB RSS, +29 MB
 * heap, 0.9 s CPU at start). The strategies every cluster may use (the dispatcher, `serviceAccount`,
 * `localKubectlProxy`) come from their own modules of that package; the cloud ones load the index on first use.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const dispatchModule = (): Pick<KubernetesBackend, 'DispatchStrategy'> =>
  require('@backstage/plugin-kubernetes-backend/dist/auth/DispatchStrategy.cjs.js');
const serviceAccountModule = (): Pick<
  KubernetesBackend,
  'ServiceAccountStrategy'
> =>
  require('@backstage/plugin-kubernetes-backend/dist/auth/ServiceAccountStrategy.cjs.js');
const anonymousModule = (): Pick<KubernetesBackend, 'AnonymousStrategy'> =>
  require('@backstage/plugin-kubernetes-backend/dist/auth/AnonymousStrategy.cjs.js');
const kubernetesBackend = (): KubernetesBackend =>
  require('@backstage/plugin-kubernetes-backend');
/* eslint-enable @typescript-eslint/no-require-imports */

/** A strategy created on its first use. */
class LazyStrategy implements AuthenticationStrategy {
  private strategy?: AuthenticationStrategy;

  constructor(private readonly create: () => AuthenticationStrategy) {}

  private get loaded(): AuthenticationStrategy {
    return (this.strategy ??= this.create());
  }

  getCredential(
    ...args: Parameters<AuthenticationStrategy['getCredential']>
  ): ReturnType<AuthenticationStrategy['getCredential']> {
    return this.loaded.getCredential(...args);
  }

  validateCluster(
    ...args: Parameters<AuthenticationStrategy['validateCluster']>
  ): ReturnType<AuthenticationStrategy['validateCluster']> {
    return this.loaded.validateCluster(...args);
  }

  presentAuthMetadata(
    ...args: Parameters<AuthenticationStrategy['presentAuthMetadata']>
  ): ReturnType<AuthenticationStrategy['presentAuthMetadata']> {
    return this.loaded.presentAuthMetadata(...args);
  }
}

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
  const lazy = (create: (k: KubernetesBackend) => AuthenticationStrategy) =>
    new LazyStrategy(() => create(kubernetesBackend()));
  const { DispatchStrategy: Dispatch } = dispatchModule();
  const { AnonymousStrategy: Anonymous } = anonymousModule();
  return new Dispatch({
    authStrategyMap: {
      aks: lazy(k => new k.AksStrategy()),
      aws: lazy(k => new k.AwsIamStrategy({ config })),
      azure: lazy(k => new k.AzureIdentityStrategy(logger)),
      google: lazy(k => new k.GoogleStrategy()),
      googleServiceAccount: lazy(
        k => new k.GoogleServiceAccountStrategy({ config }),
      ),
      localKubectlProxy: new Anonymous(),
      oidc: lazy(k => new k.OidcStrategy()),
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
  const { ServiceAccountStrategy: ServiceAccount } = serviceAccountModule();
  return Object.assign(new ServiceAccount(), {
    injectedKubernetesClient: { KubeConfig },
  });
}
