import {
  ClusterState,
  MetricsResult,
  MetricsWindow,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  BuiltTopology,
  JoinInput,
  JoinedGraph,
  flatten,
  joinGraph,
} from './joinMetrics';
import { TopologyBody, topologyBody } from './bodyChunks';
import { Structure, StructureBuilder, buildStructure } from './structure';
import { TopologyObjects } from './objectFeed';
import { TopologyObject, TopologyScope } from './scope';

export type { TopologyBody } from './bodyChunks';

interface Joined {
  structure: Structure;
  window: MetricsWindow;
  /** the clusters whose results are joined, sorted */
  clusters: string[];
  metrics: Array<MetricsResult | undefined>;
  graph: JoinedGraph;
  built?: BuiltTopology;
  body?: { clusters: string; body: TopologyBody };
  /** when a request last asked for this graph */
  usedAt: number;
}

const sameSet = (
  a: ReadonlySet<string> | undefined,
  b: ReadonlySet<string> | undefined,
) =>
  a === b || (!!a && !!b && a.size === b.size && [...a].every(k => b.has(k)));

/**
 * The topology per scope and window, each step redone only for what changed:
 *
 * 1. the structural graph per scope, kept by a {@link StructureBuilder} that applies the object keys changed
 *    since its last version ({@link TopologyObjects.changesSince}): only the fragments those objects touch
 *    are recomputed, the other segments stay the same objects;
 * 2. the numbers joined per (scope, window) while the metrics sources hand out the same result objects —
 *    per segment, so after a watch event only the new segments are joined; when a cluster's background
 *    feed has a new result, {@link prepare} joins it into every graph asked for recently before the feed
 *    publishes it, so no request pays for a scrape;
 * 3. the body once per joined graph, from each joined segment's cached JSON, and its gzip from cached
 *    compressed chunks (`bodyChunks.ts`): after a watch event only the chunks holding a new segment are
 *    compressed again.
 */
export class TopologyCache {
  private readonly builders = new Map<
    string,
    { builder: StructureBuilder; version: number; owned?: ReadonlySet<string> }
  >();
  private readonly lists = new Map<string, Structure>();
  private readonly joined = new Map<string, Joined>();

  constructor(
    private readonly maxEntries = 256,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The structural graph of a scope (`scopeKey` names it) from a list of objects: diffed against the
   * objects of the scope's last structure from this method ({@link buildStructure}), so unchanged objects
   * keep their fragments. The service uses {@link structureAt}, which needs no list.
   */
  structure(
    scopeKey: string,
    objects: TopologyObject[],
    scope: TopologyScope,
  ): Structure {
    const previous = this.lists.get(scopeKey);
    const structure = buildStructure(objects, scope, previous);
    this.remember(this.lists, scopeKey, structure);
    return structure;
  }

  /**
   * The structural graph of a scope (`scopeKey` names it) at the objects' `version` (what
   * {@link TopologyObjects.sync} returned); `owned`: the keys an entity owns.
   */
  structureAt(
    scopeKey: string,
    objects: TopologyObjects,
    version: number,
    scope: TopologyScope,
    owned?: ReadonlySet<string>,
  ): Structure {
    let entry = this.builders.get(scopeKey);
    let changes = entry && objects.changesSince(entry.version);
    const current = entry?.builder.structure;
    if (current && changes?.size === 0 && sameSet(entry!.owned, owned))
      return current;
    if (!entry || !changes) {
      entry = { builder: new StructureBuilder(scope), version };
      changes = new Set(objects.facts.keys());
    }
    const structure = entry.builder.update(
      objects.facts,
      changes,
      objects.clusters,
      owned,
    );
    entry.version = version;
    entry.owned = owned;
    this.remember(this.builders, scopeKey, entry);
    return structure;
  }

  /** The graph of a scope and window with the current numbers. */
  topology(
    scopeKey: string,
    structure: Structure,
    input: JoinInput,
  ): BuiltTopology {
    const entry = this.entry(scopeKey, structure, input);
    entry.built ??= flatten(entry.graph);
    return entry.built;
  }

  /** The serialized response (`{...topology, clusters}`), built once per graph and cluster states. */
  body(
    scopeKey: string,
    structure: Structure,
    input: JoinInput,
    clusters: ClusterState[],
  ): TopologyBody {
    return this.serialize(this.entry(scopeKey, structure, input), clusters);
  }

  private serialize(entry: Joined, clusters: ClusterState[]): TopologyBody {
    const states = JSON.stringify(clusters);
    if (entry.body?.clusters === states) return entry.body.body;
    const body = topologyBody(entry.graph, states);
    entry.body = { clusters: states, body };
    return body;
  }

  private entry(
    scopeKey: string,
    structure: Structure,
    input: JoinInput,
  ): Joined {
    const clusters = Object.keys(input.metrics).sort();
    const results = clusters.map(c => input.metrics[c]);
    const k = `${scopeKey}|${input.window}|${clusters.join(',')}`;
    const hit = this.joined.get(k);
    if (
      hit &&
      hit.structure === structure &&
      hit.metrics.length === results.length &&
      hit.metrics.every((m, i) => m === results[i])
    ) {
      hit.usedAt = this.now();
      return hit;
    }
    const entry = this.join(structure, input, clusters, results);
    this.remember(this.joined, k, entry);
    return entry;
  }

  private join(
    structure: Structure,
    input: JoinInput,
    clusters: string[],
    results: Array<MetricsResult | undefined>,
  ): Joined {
    return {
      structure,
      window: input.window,
      clusters,
      metrics: results,
      graph: joinGraph(structure, input),
      usedAt: this.now(),
    };
  }

  /**
   * With a cluster's new metrics result, before it is published: joins it into each graph of that window
   * asked for within `recentMs`, serializes and gzips the body, and only then swaps the entry in (requests
   * meanwhile get the previous one). `current` gives the other clusters' published results.
   */
  async prepare(options: {
    cluster: string;
    window: MetricsWindow;
    result: MetricsResult;
    current: (cluster: string) => MetricsResult | undefined;
    clusterStates: () => ClusterState[];
    recentMs: number;
  }): Promise<number> {
    const { cluster, window, result } = options;
    const since = this.now() - options.recentMs;
    const stale = [...this.joined].filter(
      ([, e]) =>
        e.window === window &&
        e.usedAt >= since &&
        e.clusters.includes(cluster),
    );
    let prepared = 0;
    for (const [k, old] of stale) {
      const metrics: Record<string, MetricsResult> = {};
      for (const c of old.clusters) {
        const m = c === cluster ? result : options.current(c);
        if (m) metrics[c] = m;
      }
      if (Object.keys(metrics).length !== old.clusters.length) continue;
      const fresh = this.join(
        old.structure,
        { metrics, window },
        old.clusters,
        old.clusters.map(c => metrics[c]),
      );
      fresh.usedAt = old.usedAt;
      await this.serialize(fresh, options.clusterStates()).gzip();
      // a watch event or a request may have replaced the entry meanwhile: theirs is newer
      if (this.joined.get(k) !== old) continue;
      this.joined.set(k, fresh);
      prepared++;
    }
    return prepared;
  }

  private remember<T>(map: Map<string, T>, key: string, value: T) {
    map.delete(key);
    map.set(key, value);
    if (map.size > this.maxEntries)
      map.delete(map.keys().next().value as string);
  }
}
