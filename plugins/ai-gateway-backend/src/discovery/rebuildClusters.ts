import {
  assemble,
  BuildInput,
  buildCluster,
  BuiltSnapshot,
  ClusterPart,
} from './buildSnapshot';

/**
 * The snapshot after objects of some clusters changed (a watch event): only those clusters' entities are built
 * again ({@link buildCluster}, the same pure builder a whole build uses), the other clusters' parts are kept (with
 * their entities' hashes), and the snapshot is assembled from the parts as a whole build assembles it: the same
 * entities, problems and version. `input.clusters`: every cluster, in the order a whole build gets them.
 * Undefined when the previous snapshot cannot be kept from (another cluster set or order, discovery switched
 * on / off): the caller then builds the whole snapshot.
 */
export function rebuildClusters(
  previous: BuiltSnapshot,
  input: BuildInput,
  changed: ReadonlySet<string>,
): BuiltSnapshot | undefined {
  const { parts } = previous;
  if (!input.config.enabled || !previous.snapshot.enabled) return undefined;
  if (
    parts.length !== input.clusters.length ||
    parts.some((p, i) => p.name !== input.clusters[i].name)
  )
    return undefined;
  const multi = input.clusters.length > 1;
  const next: ClusterPart[] = input.clusters.map((c, i) =>
    changed.has(c.name) ? buildCluster(c, input, multi) : parts[i],
  );
  return assemble(input, next, previous);
}
