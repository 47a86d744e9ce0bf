import { promisify } from 'node:util';
import { constants, gzip as gzipCb } from 'node:zlib';
import {
  ClusterState,
  MetricsResult,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { BuiltTopology, JoinInput, joinMetrics } from './joinMetrics';
import { TopologyObject, TopologyScope } from './scope';
import { Structure, buildStructure } from './structure';

const gzip = promisify(gzipCb);

/** A response body serialized once per graph version (and per cluster states, which rarely change). */
export interface TopologyBody {
  json: Buffer;
  gzip: () => Promise<Buffer>;
}

interface Joined {
  structure: Structure;
  metrics: Array<MetricsResult | undefined>;
  built: BuiltTopology;
  body?: { clusters: string; body: TopologyBody };
}

/**
 * The topology per scope and window, each step redone only when its input changed:
 *
 * 1. the structural graph per scope, while the objects' fingerprint (uid + resourceVersion of every object)
 *    is the same; on a watch event it is rebuilt from the previous one, recomputing only the fragments of
 *    the objects that changed (and of the routes attached to a changed Gateway);
 * 2. the numbers joined per (scope, window) while the metrics sources hand out the same result objects
 *    (Prometheus: `cacheSeconds`; pod proxy: until the next scrape);
 * 3. the JSON (and its gzip) once per joined graph, so requests between two scrapes copy a buffer.
 */
export class TopologyCache {
  private readonly structures = new Map<
    string,
    { fingerprint: string; structure: Structure }
  >();
  private readonly joined = new Map<string, Joined>();

  constructor(private readonly maxEntries = 256) {}

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
    const entry = this.entry(scopeKey, structure, input);
    const states = JSON.stringify(clusters);
    if (entry.body?.clusters === states) return entry.body.body;
    const text = JSON.stringify(entry.built);
    const json = Buffer.from(`${text.slice(0, -1)},"clusters":${states}}`);
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
    )
      return hit;
    const entry: Joined = {
      structure,
      metrics: results,
      built: joinMetrics(structure, input),
    };
    this.remember(this.joined, k, entry);
    return entry;
  }

  private remember<T>(map: Map<string, T>, key: string, value: T) {
    map.delete(key);
    map.set(key, value);
    if (map.size > this.maxEntries)
      map.delete(map.keys().next().value as string);
  }
}
