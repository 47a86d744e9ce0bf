import { promisify } from 'node:util';
import { constants, gzip as gzipCb } from 'node:zlib';
import {
  ClusterState,
  MetricsResult,
  MetricsWindow,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { BuiltTopology, JoinInput, joinMetrics } from './joinMetrics';
import { TopologyObject, TopologyScope } from './scope';
import { Structure, buildStructure } from './structure';

const gzip = promisify(gzipCb);

// UTF-8 JSON per joined node / edge: joinMetrics hands out the same object while its structural part and
// numbers stay (see joinedNodes there), so after a watch event only the changed fragments' parts are
// stringified and encoded; the body is a copy of the cached bytes (no 2 MB string to build and encode)
const pieces = new WeakMap<object, Buffer>();
function piece(o: object): Buffer {
  let b = pieces.get(o);
  if (b === undefined) pieces.set(o, (b = Buffer.from(JSON.stringify(o))));
  return b;
}
const COMMA = Buffer.from(',');

function list(out: Buffer[], items: object[]) {
  for (let i = 0; i < items.length; i++) {
    if (i) out.push(COMMA);
    out.push(piece(items[i]));
  }
}

/** `{...built, clusters}` as UTF-8 JSON, assembled from the cached pieces of its nodes and edges. */
export function serializeBuilt(built: BuiltTopology, clusters: string): Buffer {
  const { nodes, edges, ...rest } = built;
  const out: Buffer[] = [
    Buffer.from(`${JSON.stringify(rest).slice(0, -1)},"nodes":[`),
  ];
  list(out, nodes);
  out.push(Buffer.from('],"edges":['));
  list(out, edges);
  out.push(Buffer.from(`],"clusters":${clusters}}`));
  return Buffer.concat(out);
}

/** A response body serialized once per graph version (and per cluster states, which rarely change). */
export interface TopologyBody {
  json: Buffer;
  gzip: () => Promise<Buffer>;
}

interface Joined {
  structure: Structure;
  window: MetricsWindow;
  /** the clusters whose results are joined, sorted */
  clusters: string[];
  metrics: Array<MetricsResult | undefined>;
  built: BuiltTopology;
  body?: { clusters: string; body: TopologyBody };
  /** when a request last asked for this graph */
  usedAt: number;
}

/**
 * The topology per scope and window, each step redone only when its input changed:
 *
 * 1. the structural graph per scope, while the objects' fingerprint (uid + resourceVersion of every object)
 *    is the same; on a watch event it is rebuilt from the previous one, recomputing only the fragments of
 *    the objects that changed (and of the routes attached to a changed Gateway);
 * 2. the numbers joined per (scope, window) while the metrics sources hand out the same result objects;
 *    when a cluster's background feed has a new result, {@link prepare} joins it into every graph asked for
 *    recently before the feed publishes it, so no request pays for a scrape;
 * 3. the JSON (and its gzip) once per joined graph, so requests copy a buffer.
 */
export class TopologyCache {
  private readonly structures = new Map<
    string,
    { fingerprint: string; structure: Structure }
  >();
  private readonly joined = new Map<string, Joined>();

  constructor(
    private readonly maxEntries = 256,
    private readonly now: () => number = Date.now,
  ) {}

  static fingerprint(objects: TopologyObject[]): string {
    const parts: string[] = new Array(objects.length);
    for (let i = 0; i < objects.length; i++) {
      const { cluster, object } = objects[i];
      const m = object.metadata;
      parts[i] = `${cluster}|${object.kind}|${m.namespace ?? ''}|${m.name}|${
        m.uid ?? ''
      }|${m.resourceVersion ?? ''}`;
    }
    return parts.join('\n');
  }

  /** The structural graph of a scope (`scopeKey` names the scope and what it owns). */
  structure(
    scopeKey: string,
    objects: TopologyObject[],
    scope: TopologyScope,
    fingerprint = TopologyCache.fingerprint(objects),
  ): Structure {
    const hit = this.structures.get(scopeKey);
    if (hit?.fingerprint === fingerprint) return hit.structure;
    const structure = buildStructure(objects, scope, hit?.structure);
    this.remember(this.structures, scopeKey, { fingerprint, structure });
    return structure;
  }

  /** The graph of a scope and window with the current numbers. */
  topology(
    scopeKey: string,
    structure: Structure,
    input: JoinInput,
  ): BuiltTopology {
    return this.entry(scopeKey, structure, input).built;
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
    const json = serializeBuilt(entry.built, states);
    let zipped: Promise<Buffer> | undefined;
    const body: TopologyBody = {
      json,
      // on the libuv thread pool, once; fastest level: the JSON is repetitive enough (2 MB → ~10 %)
      gzip: () => (zipped ??= gzip(json, { level: constants.Z_BEST_SPEED })),
    };
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
      built: joinMetrics(structure, input),
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
