import {
  DiscoveredApi,
  DiscoveredResource,
  DiscoverySnapshot,
  KubeObject,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { BuiltApi, routeApi } from './apis';
import { DiscoveryConfig } from './config';
import { byNsName, ClusterContext, ClusterObjects, nsName } from './context';
import { modelApi } from './modelApi';
import { OwnerLookup } from './owners';
import { PolicyIndex } from './policies';
import { backendResource, gatewayResource, resourceName } from './resources';
import { A2aDiscoverySource, McpDiscoverySource } from './types';
import { resultKey } from './usedResults';
import { EntityHashes, hashEntities } from './versions';

export interface BuildInput {
  clusters: ClusterObjects[];
  owners: OwnerLookup;
  mcp?: McpDiscoverySource;
  a2a?: A2aDiscoverySource;
  config: DiscoveryConfig;
  now?: Date;
}

const label = (o: KubeObject) => `${o.kind} ${nsName(o)}`;

/**
 * The discovery snapshot (pure): one API per consumable endpoint of every cluster, one Resource per Gateway and
 * AI / MCP / A2A backend. A malformed object is reported in `problems` and skipped, never fatal.
 */
export function buildSnapshot(input: BuildInput): DiscoverySnapshot {
  return buildSnapshotWithHashes(input).snapshot;
}

/** A built snapshot with what later updates of it need. */
export interface BuiltSnapshot {
  snapshot: DiscoverySnapshot;
  /** the hash of every entity's JSON (by entity name) the version combines */
  hashes: EntityHashes;
  /** the MCP / A2A result key ({@link resultKey}) of each backend an `mcp-server` / `a2a` API reads → API names */
  readers: Map<string, string[]>;
  /** each cluster's entities, in the clusters' order (what a watch event in other clusters keeps) */
  parts: ClusterPart[];
  /** how many entities the name check left out (a name taken twice) */
  dropped: number;
}

/** What every builder of one cluster reads, indexed once. */
export function clusterContext(
  c: ClusterObjects,
  input: BuildInput,
  multi: boolean,
): ClusterContext {
  return {
    cluster: c.name,
    prefix: multi ? [c.name] : [],
    gateways: byNsName(c.gateways),
    backends: byNsName(c.backends),
    models: byNsName(c.models),
    policies: new PolicyIndex(c.policies),
    owners: input.owners,
    mcp: input.mcp,
    a2a: input.a2a,
    config: input.config,
  };
}

/** An API's `dependsOn`: the Resources of its backends and Gateways. */
export function withDependsOn(ctx: ClusterContext, built: BuiltApi): BuiltApi {
  built.api.dependsOn = [
    ...built.backendKeys.map(k => resourceName(ctx, k)),
    ...built.gatewayKeys.map(k => resourceName(ctx, k)),
  ];
  return built;
}

/** The entities one cluster gives (before the snapshot-wide name check and sort): kept while that cluster is unchanged. */
export interface ClusterPart {
  name: string;
  /** in build order (the order the name check goes by) */
  apis: DiscoveredApi[];
  resources: DiscoveredResource[];
  /** the same, sorted by name (the snapshot's collation) */
  sortedApis: DiscoveredApi[];
  sortedResources: DiscoveredResource[];
  problems: string[];
  readers: Map<string, string[]>;
}

/** The snapshot's name order: String.prototype.localeCompare's (the default locale's), without its per-call setup. */
const compare = new Intl.Collator().compare;
const byName = (a: { name: string }, b: { name: string }) =>
  compare(a.name, b.name);

/** {@link buildSnapshot} with the per-entity hashes and the MCP / A2A readers. */
export function buildSnapshotWithHashes(input: BuildInput): BuiltSnapshot {
  const multi = input.clusters.length > 1;
  if (!input.config.enabled) return assemble(input, []);
  return assemble(
    input,
    input.clusters.map(c => buildCluster(c, input, multi)),
  );
}

/** The entities of one cluster (pure). `multi`: several clusters are configured (names get the cluster prefix). */
export function buildCluster(
  c: ClusterObjects,
  input: BuildInput,
  multi: boolean,
): ClusterPart {
  const apis: DiscoveredApi[] = [];
  const resources: DiscoveredResource[] = [];
  const problems: string[] = [];
  const readers = new Map<string, string[]>();
  const ctx = clusterContext(c, input, multi);
  const gatewaysOfBackend = new Map<string, Set<string>>();
  const build = (
    obj: KubeObject,
    fn: (x: ClusterContext, o: KubeObject) => BuiltApi | undefined,
  ) => {
    try {
      const built = fn(ctx, obj);
      if (!built) return;
      withDependsOn(ctx, built);
      for (const b of built.backendKeys) {
        const set = gatewaysOfBackend.get(b) ?? new Set<string>();
        built.gatewayKeys.forEach(g => set.add(g));
        gatewaysOfBackend.set(b, set);
        if (built.api.type === 'mcp-server' || built.api.type === 'a2a') {
          const [namespace, name] = b.split('/');
          const key = resultKey(c.name, namespace, name);
          readers.set(key, [...(readers.get(key) ?? []), built.api.name]);
        }
      }
      apis.push(built.api);
    } catch (e) {
      problems.push(
        `${c.name}: ${label(obj)}: ${e instanceof Error ? e.message : e}`,
      );
    }
  };
  c.routes.forEach(r => build(r, routeApi));
  c.models.forEach(m => build(m, modelApi));
  for (const g of c.gateways) {
    try {
      const r = gatewayResource(ctx, g);
      if (r) resources.push(r);
    } catch (e) {
      problems.push(
        `${c.name}: ${label(g)}: ${e instanceof Error ? e.message : e}`,
      );
    }
  }
  for (const b of c.backends) {
    try {
      const r = backendResource(ctx, b, gatewaysOfBackend.get(nsName(b)) ?? []);
      if (r) resources.push(r);
    } catch (e) {
      problems.push(
        `${c.name}: ${label(b)}: ${e instanceof Error ? e.message : e}`,
      );
    }
  }
  return {
    name: c.name,
    apis,
    resources,
    sortedApis: apis.slice().sort(byName),
    sortedResources: resources.slice().sort(byName),
    problems,
    readers,
  };
}

/**
 * The snapshot from the clusters' parts (in `input.clusters`' order): every name once (the first in cluster and
 * build order wins, the others are problems), sorted, hashed. `previous`: the hashes of entities it holds (the same
 * objects) are reused.
 */
export function assemble(
  input: BuildInput,
  parts: ClusterPart[],
  previous?: BuiltSnapshot,
): BuiltSnapshot {
  const base = {
    generatedAt: (input.now ?? new Date()).toISOString(),
    complete: input.clusters.every(c => c.ok),
    clusters: input.clusters.map(c => ({
      name: c.name,
      ok: c.ok,
      ...(c.message ? { message: c.message } : {}),
    })),
  };
  const readers = new Map<string, string[]>();
  if (!input.config.enabled) {
    return {
      snapshot: {
        ...base,
        enabled: false,
        version: 'disabled',
        apis: [],
        resources: [],
        problems: [],
      },
      hashes: { apis: new Map(), resources: new Map() },
      readers,
      parts: [],
      dropped: 0,
    };
  }
  const problems = parts.flatMap(p => p.problems);
  const dropped = { count: 0 };
  for (const p of parts) p.readers.forEach((v, k) => readers.set(k, v));
  const apis = mergeSorted(
    parts.map(p => p.apis),
    parts.map(p => p.sortedApis),
    problems,
    dropped,
  );
  const resources = mergeSorted(
    parts.map(p => p.resources),
    parts.map(p => p.sortedResources),
    problems,
    dropped,
  );
  const { version, hashes } = hashEntities(
    apis,
    resources,
    previous && knownHashes(previous, parts),
  );
  return {
    snapshot: { ...base, enabled: true, version, apis, resources, problems },
    hashes,
    readers,
    parts,
    dropped: dropped.count,
  };
}

/**
 * The lists of every cluster as one list sorted by name, each name once: the first in build order (`built`, in
 * cluster order) wins and the later ones are reported in `problems`, in that order. Then what a stable sort of the
 * concatenation gives, as a merge of the clusters' sorted `lists` (equal keys in cluster order).
 */
function mergeSorted<
  T extends {
    name: string;
    source: { kind: string; namespace: string; name: string };
  },
>(
  built: T[][],
  lists: T[][],
  problems: string[],
  count: { count: number },
): T[] {
  const dropped = new Set<T>();
  const seen = new Set<string>();
  for (const list of built) {
    for (const item of list) {
      if (seen.has(item.name)) {
        dropped.add(item);
        count.count++;
        problems.push(
          `${item.source.kind} ${item.source.namespace}/${item.source.name}: entity name ${item.name} is already taken`,
        );
      } else seen.add(item.name);
    }
  }
  const out: T[] = [];
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      while (at[i] < lists[i].length && dropped.has(lists[i][at[i]])) at[i]++;
      if (at[i] >= lists[i].length) continue;
      if (best < 0 || byName(lists[i][at[i]], lists[best][at[best]]) < 0)
        best = i;
    }
    if (best < 0) return out;
    out.push(lists[best][at[best]++]);
  }
}

/**
 * The hash of an entity `previous` holds (the same object, so the same JSON): the parts that are not new keep
 * their entities, and when the previous name check left nothing out, each of them is in `previous` under its name.
 * Otherwise the previous entity of that name is compared by identity.
 */
function knownHashes(
  previous: BuiltSnapshot,
  parts: ClusterPart[],
): (list: 'apis' | 'resources', entity: object) => string | undefined {
  const fresh = new Set<object>();
  parts.forEach((p, i) => {
    if (p === previous.parts[i]) return;
    p.apis.forEach(a => fresh.add(a));
    p.resources.forEach(r => fresh.add(r));
  });
  if (previous.dropped === 0)
    return (list, entity) =>
      fresh.has(entity)
        ? undefined
        : previous.hashes[list].get((entity as { name: string }).name);
  const held = {
    apis: new Map<string, object>(previous.snapshot.apis.map(a => [a.name, a])),
    resources: new Map<string, object>(
      previous.snapshot.resources.map(r => [r.name, r]),
    ),
  };
  return (list, entity) => {
    const { name } = entity as { name: string };
    return held[list].get(name) === entity
      ? previous.hashes[list].get(name)
      : undefined;
  };
}
