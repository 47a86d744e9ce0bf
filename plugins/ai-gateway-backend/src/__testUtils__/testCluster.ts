import { randomBytes } from 'node:crypto';
import {
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import {
  KubeLocalOptions,
  startKubeLocal,
} from '@ai-gateway-backstage/kube-local';
import { loadBundledCrds } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { Entity } from '@backstage/catalog-model';
import { ANNOTATION_KUBERNETES_NAMESPACE } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** Set to a kubeconfig file: the integration tests use that cluster instead of starting kube-local. */
export const TEST_KUBECONFIG_ENV = 'AI_GATEWAY_TEST_KUBECONFIG';

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

function mapNamespaces(value: unknown, ns: (n: string) => string): unknown {
  if (Array.isArray(value)) return value.map(v => mapNamespaces(v, ns));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const isNamespace =
    'kind' in value && value.kind === 'Namespace' && 'metadata' in value;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'namespace' && typeof v === 'string') out[k] = ns(v);
    else out[k] = mapNamespaces(v, ns);
  }
  if (isNamespace) {
    const metadata = out.metadata as { name: string };
    out.metadata = { ...metadata, name: ns(metadata.name) };
  }
  return out;
}

async function ensureCrds(api: KubernetesObjectApi) {
  for (const crd of loadBundledCrds()) {
    const spec = crd as unknown as KubernetesObject & {
      metadata: { name: string };
    };
    const exists = await api.read(spec).then(
      () => true,
      () => false,
    );
    if (!exists) await api.create(spec);
  }
  // wait until the API server serves every CRD (Established)
  for (let i = 0; i < 100; i++) {
    const states = await Promise.all(
      loadBundledCrds().map(crd =>
        api
          .read(
            crd as unknown as KubernetesObject & { metadata: { name: string } },
          )
          .then(o =>
            JSON.stringify(o).includes('"type":"Established","status":"True"'),
          ),
      ),
    );
    if (states.every(Boolean)) return;
    await new Promise(r => setTimeout(r, 200));
  }
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

  const kc = new KubeConfig();
  kc.loadFromFile(file);
  const cluster = kc.getCurrentCluster();
  const token = kc.getCurrentUser()?.token;
  if (!cluster || !token)
    throw new Error(
      `${TEST_KUBECONFIG_ENV}: the current context needs a cluster and a user with a bearer token`,
    );
  const prefix = `aigw-${randomBytes(3).toString('hex')}-`;
  const ns = (n: string) => (n.startsWith(prefix) ? n : `${prefix}${n}`);
  const api = KubernetesObjectApi.makeApiClient(kc);
  await ensureCrds(api);
  const seed = mapNamespaces(options.seed ?? [], ns) as KubernetesObject[];
  const namespaces = new Set<string>();
  for (const o of seed) {
    if (o.kind === 'Namespace' && o.metadata?.name)
      namespaces.add(o.metadata.name);
    if (o.metadata?.namespace) namespaces.add(o.metadata.namespace);
  }
  const created: KubernetesObject[] = [];
  for (const n of namespaces) {
    const object = seed.find(
      o => o.kind === 'Namespace' && o.metadata?.name === n,
    ) ?? {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: n },
    };
    await api.create(object);
  }
  for (const o of seed) {
    if (o.kind === 'Namespace') continue;
    const exists =
      !o.metadata?.namespace &&
      (await api
        .read(o as KubernetesObject & { metadata: { name: string } })
        .then(
          () => true,
          () => false,
        ));
    if (exists) continue; // a shared cluster-scoped object (e.g. the GatewayClass) is left as it is
    await api.create(o);
    if (!o.metadata?.namespace) created.push(o);
  }
  return {
    name,
    url: cluster.server,
    token,
    caData: cluster.caData,
    skipTLSVerify: cluster.skipTLSVerify,
    real: true,
    ns,
    mapObjects: objects => mapNamespaces(objects, ns) as typeof objects,
    mapEntities: entities =>
      entities.map(e => {
        const annotations = { ...(e.metadata.annotations ?? {}) };
        const namespace = annotations[ANNOTATION_KUBERNETES_NAMESPACE];
        if (namespace)
          annotations[ANNOTATION_KUBERNETES_NAMESPACE] = ns(namespace);
        return { ...e, metadata: { ...e.metadata, annotations } };
      }),
    kubeConfig: () => kc,
    async close() {
      for (const o of created) await api.delete(o).catch(() => undefined);
      for (const n of namespaces)
        await api
          .delete({
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name: n },
          })
          .catch(() => undefined);
    },
  };
}
