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

/** {@link buildSnapshot} with the per-entity hashes and the MCP / A2A readers. */
export function buildSnapshotWithHashes(input: BuildInput): BuiltSnapshot {
  const { config } = input;
  const clusters = input.clusters.map(c => ({
    name: c.name,
    ok: c.ok,
    ...(c.message ? { message: c.message } : {}),
  }));
  const base = {
    generatedAt: (input.now ?? new Date()).toISOString(),
    complete: input.clusters.every(c => c.ok),
    clusters,
  };
  const readers = new Map<string, string[]>();
  if (!config.enabled) {
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
    };
  }
  const apis: DiscoveredApi[] = [];
  const resources: DiscoveredResource[] = [];
  const problems: string[] = [];
  const multi = input.clusters.length > 1;
  for (const c of input.clusters) {
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
        const r = backendResource(
          ctx,
          b,
          gatewaysOfBackend.get(nsName(b)) ?? [],
        );
        if (r) resources.push(r);
      } catch (e) {
        problems.push(
          `${c.name}: ${label(b)}: ${e instanceof Error ? e.message : e}`,
        );
      }
    }
  }
  dedupeNames(apis, problems);
  dedupeNames(resources, problems);
  // the order of String.prototype.localeCompare (the default locale's collation), without its per-call setup
  const compare = new Intl.Collator().compare;
  apis.sort((a, b) => compare(a.name, b.name));
  resources.sort((a, b) => compare(a.name, b.name));
  const { version, hashes } = hashEntities(apis, resources);
  return {
    snapshot: { ...base, enabled: true, version, apis, resources, problems },
    hashes,
    readers,
  };
}

/** Two objects mapping to one entity name (e.g. a Gateway and a backend of the same name): keep the first. */
function dedupeNames<
  T extends {
    name: string;
    source: { kind: string; namespace: string; name: string };
  },
>(items: T[], problems: string[]) {
  const seen = new Set<string>();
  let w = 0;
  for (const item of items) {
    if (seen.has(item.name)) {
      problems.push(
        `${item.source.kind} ${item.source.namespace}/${item.source.name}: entity name ${item.name} is already taken`,
      );
      continue;
    }
    seen.add(item.name);
    items[w++] = item;
  }
  items.length = w;
}
