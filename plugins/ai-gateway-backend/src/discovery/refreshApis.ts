import { DiscoveredApi } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { routeApi } from './apis';
import {
  BuildInput,
  BuiltSnapshot,
  clusterContext,
  withDependsOn,
} from './buildSnapshot';
import { byNsName } from './context';
import { combineHashes, entityHash } from './versions';

/** The clusters whose APIs read one of these MCP / A2A result keys. */
export function clustersReading(
  previous: BuiltSnapshot,
  keys: Iterable<string>,
): Set<string> {
  const byName = new Map(previous.snapshot.apis.map(a => [a.name, a]));
  const out = new Set<string>();
  for (const key of keys) {
    for (const name of previous.readers.get(key) ?? []) {
      const api = byName.get(name);
      if (api) out.add(api.source.cluster);
    }
  }
  return out;
}

/**
 * The snapshot after MCP / A2A results changed and nothing else did: only the APIs that read those results are
 * built again (from their routes, in `input.clusters`: at least the clusters {@link clustersReading} names), hashed,
 * and the version combined from the kept hashes. Undefined when that cannot be done exactly (an API no longer built
 * from its route, another name, a route gone): the caller then builds the whole snapshot.
 */
export function refreshApis(
  previous: BuiltSnapshot,
  input: BuildInput,
  keys: Iterable<string>,
  multi: boolean,
): BuiltSnapshot | undefined {
  const { snapshot } = previous;
  const names = new Set<string>();
  for (const key of keys)
    (previous.readers.get(key) ?? []).forEach(n => names.add(n));
  if (!names.size) return previous;
  const replaced = new Map<string, DiscoveredApi>();
  const byObject = new Map<DiscoveredApi, DiscoveredApi>();
  const contexts = new Map<string, ReturnType<typeof context>>();
  const context = (cluster: string) => {
    const c = input.clusters.find(x => x.name === cluster);
    return (
      c && { ctx: clusterContext(c, input, multi), routes: byNsName(c.routes) }
    );
  };
  for (const old of snapshot.apis) {
    if (!names.has(old.name)) continue;
    const cluster = old.source.cluster;
    if (!contexts.has(cluster)) contexts.set(cluster, context(cluster));
    const found = contexts.get(cluster);
    if (!found || old.source.kind !== 'HTTPRoute') return undefined;
    const { ctx, routes } = found;
    const route = routes.get(`${old.source.namespace}/${old.source.name}`);
    if (!route) return undefined;
    let api: DiscoveredApi | undefined;
    try {
      const built = routeApi(ctx, route);
      api = built && withDependsOn(ctx, built).api;
    } catch {
      return undefined;
    }
    if (!api || api.name !== old.name) return undefined;
    replaced.set(old.name, api);
    byObject.set(old, api);
  }
  const apis = snapshot.apis.map(a => replaced.get(a.name) ?? a);
  const hashes = {
    apis: new Map(previous.hashes.apis),
    resources: previous.hashes.resources,
  };
  for (const [name, api] of replaced) hashes.apis.set(name, entityHash(api));
  return {
    snapshot: {
      ...snapshot,
      generatedAt: (input.now ?? new Date()).toISOString(),
      version: combineHashes(apis, snapshot.resources, hashes),
      apis,
    },
    hashes,
    readers: previous.readers,
    dropped: previous.dropped,
    // the clusters' parts hold the same objects: the replaced ones swapped (a name taken twice keeps its loser)
    parts: previous.parts.map(p =>
      p.apis.some(a => byObject.has(a))
        ? {
            ...p,
            apis: p.apis.map(a => byObject.get(a) ?? a),
            sortedApis: p.sortedApis.map(a => byObject.get(a) ?? a),
          }
        : p,
    ),
  };
}
