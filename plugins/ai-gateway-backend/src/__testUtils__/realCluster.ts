// A real cluster for tests (`AI_GATEWAY_TEST_KUBECONFIG`): read its kubeconfig, install the bundled CRDs if missing,
// create a seed in namespaces with a unique prefix, delete them afterwards. Shared by the backend's integration tests
// (startTestCluster in testCluster.ts) and the browser tests (e2e/harness.ts), which import this file directly.
import { randomBytes } from 'node:crypto';
import {
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import { loadBundledCrds } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { Entity } from '@backstage/catalog-model';
import { ANNOTATION_KUBERNETES_NAMESPACE } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** Set to a kubeconfig file: the integration and browser tests use that cluster instead of starting kube-local. */
export const TEST_KUBECONFIG_ENV = 'AI_GATEWAY_TEST_KUBECONFIG';

/** Where the cluster is and how the backend authenticates (a bearer token: the `serviceAccount` auth provider). */
export interface ClusterAccess {
  url: string;
  token: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify?: boolean;
}

/** A real cluster seeded for one test file. */
export interface RealCluster extends ClusterAccess {
  /** `aigw-<6 hex>-` */
  prefix: string;
  /** The namespace a test's namespace maps to (`team-a` → `aigw-x1y2z3-team-a`). */
  ns(namespace: string): string;
  /** The seed / entities with every namespace mapped through {@link ns}. */
  mapObjects<T>(objects: T[]): T[];
  mapEntities<T extends Entity>(entities: T[]): T[];
  kubeConfig(): KubeConfig;
  /** Deletes the namespaces and the cluster-scoped objects it created (does not wait for finalizers). */
  close(): Promise<void>;
}

type Named = KubernetesObject & { metadata: { name: string } };

/** The current context's cluster and user of a kubeconfig file; the user must carry a bearer token. */
export function readTestKubeconfig(file: string): {
  kc: KubeConfig;
  access: ClusterAccess;
} {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  const cluster = kc.getCurrentCluster();
  const token = kc.getCurrentUser()?.token;
  if (!cluster || !token)
    throw new Error(
      `${TEST_KUBECONFIG_ENV}=${file}: the current context needs a cluster and a user with a bearer token`,
    );
  return {
    kc,
    access: {
      url: cluster.server,
      token,
      ...(cluster.caData ? { caData: cluster.caData } : {}),
      ...(cluster.caFile ? { caFile: cluster.caFile } : {}),
      ...(cluster.skipTLSVerify ? { skipTLSVerify: true } : {}),
    },
  };
}

/**
 * Every `namespace` field, and the name (and `kubernetes.io/metadata.name` label) of Namespace objects, mapped
 * through `ns`.
 */
export function mapNamespaces(
  value: unknown,
  ns: (n: string) => string,
): unknown {
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
    const metadata = out.metadata as {
      name: string;
      labels?: Record<string, string>;
    };
    const name = ns(metadata.name);
    const labels = metadata.labels?.['kubernetes.io/metadata.name']
      ? { ...metadata.labels, 'kubernetes.io/metadata.name': name }
      : metadata.labels;
    out.metadata = { ...metadata, name, ...(labels ? { labels } : {}) };
  }
  return out;
}

/**
 * Creates the bundled CRDs the cluster lacks, then waits until all are Established. Read as plain JSON
 * (CustomObjectsApi): client-node's typed CRD model deserializes every schema property, seconds per large CRD.
 */
export async function ensureCrds(kc: KubeConfig): Promise<void> {
  const custom = kc.makeApiClient(CustomObjectsApi);
  const crdApi = {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    plural: 'customresourcedefinitions',
  };
  const crds = loadBundledCrds() as unknown as Named[];
  const read = (crd: Named) =>
    custom.getClusterCustomObject({ ...crdApi, name: crd.metadata.name }).then(
      o => o as { status?: { conditions?: Array<Record<string, string>> } },
      () => undefined,
    );
  for (const crd of crds) {
    if (!(await read(crd)))
      await custom.createClusterCustomObject({ ...crdApi, body: crd });
  }
  for (let i = 0; i < 100; i++) {
    const states = await Promise.all(
      crds.map(async crd =>
        (
          await read(crd)
        )?.status?.conditions?.some(
          c => c.type === 'Established' && c.status === 'True',
        ),
      ),
    );
    if (states.every(Boolean)) return;
    await new Promise(r => setTimeout(r, 200));
  }
}

/** group/kind → plural, for the kinds of the bundled CRDs that have a status subresource. */
function statusPlurals(): Map<string, string> {
  const out = new Map<string, string>();
  for (const crd of loadBundledCrds()) {
    const { spec } = crd as unknown as {
      spec: {
        group: string;
        names: { kind: string; plural: string };
        versions: Array<{ subresources?: { status?: object } }>;
      };
    };
    if (spec.versions.some(v => v.subresources?.status))
      out.set(`${spec.group}/${spec.names.kind}`, spec.names.plural);
  }
  return out;
}

/**
 * Writes a seed object's `.status` through the status subresource: a real API server ignores `.status` on create
 * for kinds that have one (the demo's conditions would be lost).
 */
async function writeStatus(
  kc: KubeConfig,
  api: KubernetesObjectApi,
  plurals: Map<string, string>,
  o: Named & { status?: unknown },
) {
  const [group, version] = o.apiVersion!.includes('/')
    ? o.apiVersion!.split('/')
    : ['', o.apiVersion!];
  const plural = plurals.get(`${group}/${o.kind}`);
  if (!o.status || !plural) return;
  const custom = kc.makeApiClient(CustomObjectsApi);
  const current = await api.read(o);
  const body = { ...current, status: o.status };
  const { name, namespace } = o.metadata;
  if (namespace)
    await custom.replaceNamespacedCustomObjectStatus({
      group,
      version,
      namespace,
      plural,
      name,
      body,
    });
  else
    await custom.replaceClusterCustomObjectStatus({
      group,
      version,
      plural,
      name,
      body,
    });
}

/**
 * Uses the cluster of kubeconfig `file`: installs the bundled CRDs if missing, creates `seed` in namespaces with a
 * unique prefix (`aigw-<random>-`; the seed's Namespace objects keep their labels, missing ones are created) with
 * the seed's `.status` written through the status subresource. Cluster-scoped objects that already exist (e.g. a
 * shared GatewayClass) are left as they are; those it created are deleted on `close()` with the namespaces.
 */
export async function seedRealCluster(
  file: string,
  seed: object[],
): Promise<RealCluster> {
  const { kc, access } = readTestKubeconfig(file);
  const prefix = `aigw-${randomBytes(3).toString('hex')}-`;
  const ns = (n: string) => (n.startsWith(prefix) ? n : `${prefix}${n}`);
  const api = KubernetesObjectApi.makeApiClient(kc);
  await ensureCrds(kc);
  const objects = mapNamespaces(seed, ns) as Named[];
  const namespaces = new Set<string>();
  for (const o of objects) {
    if (o.kind === 'Namespace') namespaces.add(o.metadata.name);
    if (o.metadata.namespace) namespaces.add(o.metadata.namespace);
  }
  const created: Named[] = [];
  const close = async () => {
    for (const o of created) await api.delete(o).catch(() => undefined);
    for (const n of namespaces)
      await api
        .delete({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n } })
        .catch(() => undefined);
  };
  try {
    for (const n of namespaces) {
      const object = objects.find(
        o => o.kind === 'Namespace' && o.metadata.name === n,
      ) ?? { apiVersion: 'v1', kind: 'Namespace', metadata: { name: n } };
      const { status: _status, ...spec } = object as Named & {
        status?: unknown;
      };
      await api.create(spec);
    }
    const plurals = statusPlurals();
    for (const o of objects) {
      if (o.kind === 'Namespace') continue;
      const shared =
        !o.metadata.namespace &&
        (await api.read(o).then(
          () => true,
          () => false,
        ));
      if (shared) continue;
      await api.create(o);
      if (!o.metadata.namespace) created.push(o);
      await writeStatus(kc, api, plurals, o);
    }
  } catch (e) {
    await close();
    throw e;
  }
  return {
    ...access,
    prefix,
    ns,
    mapObjects: list => mapNamespaces(list, ns) as typeof list,
    mapEntities: entities =>
      entities.map(e => {
        const annotations = { ...(e.metadata.annotations ?? {}) };
        const namespace = annotations[ANNOTATION_KUBERNETES_NAMESPACE];
        if (namespace)
          annotations[ANNOTATION_KUBERNETES_NAMESPACE] = ns(namespace);
        return { ...e, metadata: { ...e.metadata, annotations } };
      }),
    kubeConfig: () => kc,
    close,
  };
}
