import { Cluster } from '../cluster/Cluster';
import { StatusError } from '../errors/StatusError';
import { KubeObject, splitApiVersion } from '../types';

const describe = (o: KubeObject) =>
  `${o.kind ?? '?'} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${
    o.metadata?.name ?? '?'
  }`;

/**
 * Create objects at start: CRDs first, then namespaces, then everything else; missing namespaces are created;
 * objects that already exist (e.g. restored from a snapshot) are left alone; `.status` is kept.
 * Throws on the first object the server rejects, naming it and the causes.
 */
export function seedObjects(cluster: Cluster, objects: KubeObject[]): void {
  const RANKS: Record<string, number> = {
    CustomResourceDefinition: 0,
    Namespace: 1,
  };
  const rank = (o: KubeObject) => RANKS[String(o.kind)] ?? 2;
  const ordered = [...objects].sort((a, b) => rank(a) - rank(b));
  const opts = { manager: 'kube-local-seed', seeding: true };
  for (const obj of ordered) {
    const { group, version } = splitApiVersion(String(obj.apiVersion ?? ''));
    const type = cluster.registry.byKind(group, version, String(obj.kind));
    if (!type)
      throw new Error(
        `cannot seed ${describe(obj)}: no resource type for ${obj.apiVersion} ${
          obj.kind
        }`,
      );
    const ns: string | undefined = type.namespaced
      ? obj.metadata?.namespace ?? 'default'
      : undefined;
    if (cluster.find(type, ns, obj.metadata?.name)) continue;
    if (ns) {
      const nsType = cluster.registry.byKind('', 'v1', 'Namespace')!;
      if (!cluster.find(nsType, undefined, ns))
        cluster.create(
          nsType,
          'v1',
          undefined,
          { metadata: { name: ns } },
          opts,
        );
    }
    try {
      cluster.create(type, version, ns, obj, opts);
    } catch (e) {
      const detail = e instanceof StatusError ? e.message : String(e);
      throw new Error(`cannot seed ${describe(obj)}: ${detail}`);
    }
  }
}
