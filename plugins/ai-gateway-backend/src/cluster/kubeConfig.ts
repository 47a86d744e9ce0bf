import type https from 'node:https';
import { KubeConfig, User } from '@kubernetes/client-node';
import { KubernetesRequestAuth } from '@backstage/plugin-kubernetes-common';
import {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';

const PROVIDER = 'backstage-kubernetes-auth';

/** client-node's authenticator interface (not exported from its index). */
type Authenticator = Parameters<KubeConfig['addAuthenticator']>[0];

/** The options client-node hands an authenticator (only the parts set here). */
type AuthOptions = Pick<https.RequestOptions, 'headers' | 'cert' | 'key'>;

/**
 * A client-node authenticator asking a Backstage {@link AuthenticationStrategy} for the cluster's credential. The
 * credential is reused for `ttlMs` (tokens of aws / azure / google expire, so they are fetched again), and a
 * failure becomes a 401-like error so the caches report `Unauthorized` for the cluster.
 */
class StrategyAuthenticator implements Authenticator {
  private cached?: { at: number; credential: Promise<KubernetesCredential> };

  constructor(
    private readonly cluster: ClusterDetails,
    private readonly strategy: AuthenticationStrategy,
    private readonly requestAuth: KubernetesRequestAuth,
    private readonly ttlMs: number,
  ) {}

  isAuthProvider(user: User): boolean {
    const provider: unknown = user.authProvider;
    return (
      !!provider &&
      typeof provider === 'object' &&
      'name' in provider &&
      provider.name === PROVIDER
    );
  }

  private credential(): Promise<KubernetesCredential> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > this.ttlMs) {
      const credential = this.strategy
        .getCredential(this.cluster, this.requestAuth)
        .catch((e: unknown) => {
          this.cached = undefined;
          const provider =
            this.cluster.authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER];
          throw Object.assign(
            new Error(
              `No credential for cluster ${
                this.cluster.name
              } (authProvider ${provider}): ${
                e instanceof Error ? e.message : String(e)
              }`,
            ),
            { statusCode: 401 },
          );
        });
      this.cached = { at: now, credential };
    }
    return this.cached.credential;
  }

  async applyAuthentication(_user: User, opts: AuthOptions): Promise<void> {
    const credential = await this.credential();
    if (credential.type === 'bearer token') {
      opts.headers = {
        ...opts.headers,
        Authorization: `Bearer ${credential.token}`,
      };
    } else if (credential.type === 'x509 client certificate') {
      opts.cert = credential.cert;
      opts.key = credential.key;
    }
  }
}

/**
 * A KubeConfig for one cluster in Backstage's `ClusterDetails` shape, authenticated through the strategy its
 * `kubernetes.io/auth-provider` names. client-node refuses `http://` servers unless `skipTLSVerify` is set; there is
 * no TLS to verify on plain HTTP, so it is set for those (local API servers such as kube-local, kubectl proxy).
 */
export function kubeConfigForCluster(
  cluster: ClusterDetails,
  strategy: AuthenticationStrategy,
  requestAuth: KubernetesRequestAuth = {},
  credentialTtlMs = 60_000,
): KubeConfig {
  const kc = new KubeConfig();
  const plainHttp = /^http:\/\//i.test(cluster.url);
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url.replace(/\/+$/, ''),
        skipTLSVerify: (cluster.skipTLSVerify ?? false) || plainHttp,
        ...(cluster.caData ? { caData: cluster.caData } : {}),
        ...(cluster.caFile ? { caFile: cluster.caFile } : {}),
      },
    ],
    users: [{ name: 'ai-gateway', authProvider: { name: PROVIDER } }],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: 'ai-gateway' },
    ],
    currentContext: cluster.name,
  });
  kc.addAuthenticator(
    new StrategyAuthenticator(cluster, strategy, requestAuth, credentialTtlMs),
  );
  return kc;
}
