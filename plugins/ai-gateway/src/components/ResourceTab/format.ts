import type { ClusterState } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** Kubernetes-style age: `45s`, `12m`, `3h`, `5d`, `2y`; `—` when unknown. */
export function formatAge(
  timestamp: string | undefined,
  now: number = Date.now(),
): string {
  if (!timestamp) return '—';
  const then = Date.parse(timestamp);
  if (Number.isNaN(then)) return '—';
  const s = Math.max(0, Math.floor((now - then) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 730) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

/** One sentence naming the cluster and what went wrong, for a warning Alert. */
export function describeClusterProblem(cluster: ClusterState): string {
  const reason = cluster.error?.reason ?? 'Unknown';
  const kind = cluster.error?.kind ? ` ${cluster.error.kind}` : '';
  const head = {
    Unreachable: `Cluster "${cluster.name}" is unreachable`,
    Unauthorized: `Cluster "${cluster.name}" rejected the configured credentials (Unauthorized)`,
    Forbidden: `Cluster "${cluster.name}" does not allow listing${
      kind || ' these objects'
    } (Forbidden)`,
    NotSynced: `Cluster "${cluster.name}" has not finished its first sync yet (NotSynced)`,
    Unknown: `Cluster "${cluster.name}" could not be read`,
  }[reason];
  const message = cluster.error?.message ? `: ${cluster.error.message}` : '';
  return `${head}${message}. Results may be incomplete.`;
}

/** Plural display name for section titles: `Backend` → `Backends`, `Policy` → `Policies`. */
export function pluralize(name: string): string {
  if (/[^aeiou]y$/i.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(ss|x|ch|sh)$/i.test(name)) return `${name}es`;
  if (/s$/i.test(name)) return name;
  return `${name}s`;
}
