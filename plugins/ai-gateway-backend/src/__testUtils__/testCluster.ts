import { KubeConfig } from '@kubernetes/client-node';
import {
  KubeLocalOptions,
  startKubeLocal,
} from '@ai-gateway-backstage/kube-local';
import { Entity } from '@backstage/catalog-model';
import { TEST_KUBECONFIG_ENV, seedRealCluster } from './realCluster';

export { TEST_KUBECONFIG_ENV };

/** A cluster for one test file: kube-local, or the real cluster of `AI_GATEWAY_TEST_KUBECONFIG`. */
export interface TestCluster {
  name: string;
  url: string;
  /** bearer token the backend uses (the kube-local admin, or the kubeconfig user's token) */
  token: string;
  caData?: string;
  skipTLSVerify?: boolean;
  /** true when running against `AI_GATEWAY_TEST_KUBECONFIG` */
  real: boolean;
  /** The namespace a test's namespace maps to (`team-a` → `aigw-x1y2z3-team-a` on a real cluster). */
  ns(namespace: string): string;
  /** The seed / entities with every namespace mapped through {@link ns}. */
  mapObjects<T>(objects: T[]): T[];
  mapEntities(entities: Entity[]): Entity[];
  kubeConfig(): KubeConfig;
  close(): Promise<void>;
}

/**
 * Starts kube-local with `seed` — or, with `AI_GATEWAY_TEST_KUBECONFIG` set, uses that cluster: installs the bundled
 * CRDs if missing, creates the seed in namespaces with a unique prefix (`aigw-<random>-`), and deletes those
 * namespaces and the cluster-scoped objects it created on `close()`. The kubeconfig's current user must carry a
 * bearer token (e.g. `kubectl create token`), which is what the backend is configured with.
 */
export async function startTestCluster(
  options: {
    seed?: object[];
    name?: string;
    kubeLocal?: KubeLocalOptions;
  } = {},
): Promise<TestCluster> {
  const name = options.name ?? 'local';
  const file = process.env[TEST_KUBECONFIG_ENV];
  if (!file) {
    const kube = await startKubeLocal({
      port: 0,
      ...options.kubeLocal,
      seed: options.seed ?? options.kubeLocal?.seed,
    });
    const same = (n: string) => n;
    return {
      name,
      url: kube.url,
      token: kube.adminToken,
      real: false,
      ns: same,
      mapObjects: objects => objects,
      mapEntities: entities => entities,
      kubeConfig() {
        const kc = new KubeConfig();
        kc.loadFromOptions({
          clusters: [{ name, server: kube.url, skipTLSVerify: true }],
          users: [{ name: 'admin', token: kube.adminToken }],
          contexts: [{ name, cluster: name, user: 'admin' }],
          currentContext: name,
        });
        return kc;
      },
      close: () => kube.close(),
    };
  }

  const real = await seedRealCluster(file, options.seed ?? []);
  return {
    name,
    url: real.url,
    token: real.token,
    caData: real.caData,
    skipTLSVerify: real.skipTLSVerify,
    real: true,
    ns: real.ns,
    mapObjects: real.mapObjects,
    mapEntities: real.mapEntities,
    kubeConfig: real.kubeConfig,
    close: real.close,
  };
}
