import { KubeConfig } from '@kubernetes/client-node';
import { NotFoundError } from '@backstage/errors';
import { ClusterConfig } from './config';

/**
 * Builds a `@kubernetes/client-node` KubeConfig for one configured cluster (bearer token, CA / skipTLSVerify).
 * client-node refuses `http://` servers unless `skipTLSVerify` is set; there is no TLS to verify on a plain
 * HTTP URL, so it is set for those (local API servers such as kube-local).
 */
export function kubeConfigFor(cluster: ClusterConfig): KubeConfig {
  const kc = new KubeConfig();
  const plainHttp = /^http:\/\//i.test(cluster.url);
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        skipTLSVerify: cluster.skipTLSVerify || plainHttp,
        ...(cluster.caData ? { caData: cluster.caData } : {}),
        ...(cluster.caFile ? { caFile: cluster.caFile } : {}),
      },
    ],
    users: [
      {
        name: 'ai-gateway',
        ...(cluster.serviceAccountToken
          ? { token: cluster.serviceAccountToken }
          : {}),
      },
    ],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: 'ai-gateway' },
    ],
    currentContext: cluster.name,
  });
  return kc;
}

/** The clusters this plugin manages, each with its KubeConfig (built once). */
export class KubernetesClusters {
  private readonly kubeConfigs = new Map<string, KubeConfig>();

  constructor(private readonly clusters: ClusterConfig[]) {
    for (const c of clusters) this.kubeConfigs.set(c.name, kubeConfigFor(c));
  }

  list(): ClusterConfig[] {
    return [...this.clusters];
  }

  names(): string[] {
    return this.clusters.map(c => c.name);
  }

  get(name: string): ClusterConfig {
    const c = this.clusters.find(x => x.name === name);
    if (!c) throw new NotFoundError(`No cluster named '${name}'`);
    return c;
  }

  kubeConfig(name: string): KubeConfig {
    const kc = this.kubeConfigs.get(name);
    if (!kc) throw new NotFoundError(`No cluster named '${name}'`);
    return kc;
  }
}
