import { TopologyResponse } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { TopologyObject, TopologyScope } from './scope';
import { ObjectFacts, factsOf } from './facts';
import { Fragment, Segment, StructEdge, StructNode } from './graphTypes';
import { RELEVANT, Visibility } from './visibility';
import { GraphIndex, fragmentOf, phaseOf } from './graphIndex';

/**
 * The structural graph of a scope: nodes and edges from the objects alone, without numbers, as segments in
 * graph order (gateways, routes, backends, policies, each by object key). It changes only on watch events;
 * the numbers are joined per scrape (`joinMetrics`).
 */
export interface Structure {
  scope: TopologyResponse['scope'];
  segments: readonly Segment[];
  /** entity scope: per cluster, the entity's own routes (its numbers come only from them) */
  ownRoutes: ReadonlyMap<string, ReadonlySet<string>>;
  /** the clusters of the objects */
  clusters: readonly string[];
  /** the object keys whose fragment this update computed (the others were reused) */
  rebuilt: string[];
  /** how many visible objects contribute a fragment */
  fragmentCount: number;
  /** every node, in graph order (MCP servers and tools are joined per scrape and not among them) */
  readonly nodes: StructNode[];
  readonly edges: StructEdge[];
}

class Snapshot implements Structure {
  private flat?: { nodes: StructNode[]; edges: StructEdge[] };
  constructor(
    readonly scope: Structure['scope'],
    readonly segments: readonly Segment[],
    readonly ownRoutes: ReadonlyMap<string, ReadonlySet<string>>,
    readonly clusters: readonly string[],
    readonly rebuilt: string[],
    readonly fragmentCount: number,
  ) {}
  private get all() {
    this.flat ??= {
      nodes: this.segments.flatMap(s => s.nodes),
      edges: this.segments.flatMap(s => s.edges),
    };
    return this.flat;
  }
  get nodes() {
    return this.all.nodes;
  }
  get edges() {
    return this.all.edges;
  }
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Keeps one scope's structural graph up to date from the keys of the objects that changed: only the
 * fragments those objects touch are recomputed (an object's own, the routes naming it, the objects whose
 * relation to the scope it changes, the policies whose targets appear or disappear), and the segments
 * of the others stay the same objects. The answer is the same as a build from scratch.
 */
export class StructureBuilder {
  private readonly visibility: Visibility;
  private readonly index: GraphIndex;
  private readonly fragments = new Map<string, Fragment>();
  private readonly segments = new Map<string, Segment>();
  /** the segments of each phase, sorted by key */
  private readonly phases: Segment[][] = [[], [], [], []];
  private current?: Structure;
  private clusters: readonly string[] = [];

  constructor(private readonly scope: TopologyScope) {
    this.visibility = new Visibility(scope.type === 'platform');
    this.index = new GraphIndex(
      k => this.fragments.get(k),
      scope.type === 'entity',
    );
  }

  /** The latest structure (undefined before the first update). */
  get structure(): Structure | undefined {
    return this.current;
  }

  /**
   * Applies the keys whose facts changed (appeared, disappeared or got a new version); `owned`: the keys
   * an entity owns now (ignored for the platform).
   */
  update(
    facts: ReadonlyMap<string, ObjectFacts>,
    changed: Iterable<string>,
    clusters: readonly string[],
    owned?: ReadonlySet<string>,
  ): Structure {
    const keys = [...changed];
    const flipped = this.visibility.update(facts, keys, owned);
    const touched = new Set(keys);
    for (const k of flipped) touched.add(k);
    // a route's fragment depends on the Gateways it names and on whether the scope sees what it names
    const recheck = new Set(touched);
    for (const k of touched)
      for (const r of this.index.routesNaming(k)) recheck.add(r);

    const rebuilt: string[] = [];
    const refresh = new Set<string>();
    const ownBefore = this.index.ownRoutes;
    for (const k of recheck) {
      const old = this.fragments.get(k);
      const next = fragmentOf(
        facts,
        k,
        this.visibility.relation.get(k),
        old,
        key => this.visibility.relation.has(key),
      );
      if (next === old) continue;
      if (next) {
        rebuilt.push(k);
        this.fragments.set(k, next);
      } else this.fragments.delete(k);
      this.index.replace(k, old, next, refresh);
      refresh.add(k);
    }
    this.index.settle(refresh);
    for (const k of refresh) this.refresh(k);

    const sameClusters = sameItems(this.clusters, clusters);
    if (
      this.current &&
      !rebuilt.length &&
      !refresh.size &&
      sameClusters &&
      ownBefore === this.index.ownRoutes
    )
      return this.current;
    if (!sameClusters) this.clusters = [...clusters];
    const [g, r, b, p] = this.phases;
    this.current = new Snapshot(
      this.scope.type === 'platform'
        ? { type: 'platform' }
        : { type: 'entity', entityRef: this.scope.entityRef },
      g.concat(r, b, p),
      this.index.ownRoutes,
      this.clusters,
      rebuilt,
      this.fragments.size,
    );
    return this.current;
  }

  /** Recomputes one object's segment; keeps the old one when nothing in it changed. */
  private refresh(k: string) {
    const f = this.fragments.get(k);
    const old = this.segments.get(k);
    if (!f) {
      if (old) this.place(old, false);
      this.segments.delete(k);
      return;
    }
    const nodes = this.index.ownNodes(k, f.nodes);
    const edges = this.index.ownEdges(k, f.edges);
    const routes = this.index.routesOf(k);
    if (
      old &&
      old.facts === f.facts &&
      old.routes === routes &&
      old.mcp === f.mcp &&
      sameItems(old.nodes, nodes) &&
      sameItems(old.edges, edges)
    )
      return;
    const segment: Segment = {
      key: k,
      cluster: f.facts.cluster,
      facts: f.facts,
      nodes,
      edges,
      routes,
      boundary: old?.boundary ?? isBoundary(k),
    };
    if (f.mcp) segment.mcp = f.mcp;
    this.segments.set(k, segment);
    this.place(segment, true);
  }

  /** Puts a segment in (or takes it out of) its phase's sorted list. */
  private place(segment: Segment, present: boolean) {
    const list = this.phases[phaseOf(segment.facts.object.kind)];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid].key < segment.key) lo = mid + 1;
      else hi = mid;
    }
    const found = lo < list.length && list[lo].key === segment.key;
    if (!present) {
      if (found) list.splice(lo, 1);
    } else if (found) list[lo] = segment;
    else list.splice(lo, 0, segment);
  }
}

/** About one segment in 32 ends a body chunk, chosen by a hash of its key (FNV-1a). */
function isBoundary(key: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 32 === 0;
}

// a structure built by buildStructure → its builder and the facts it saw, so the next call can diff them
const built = new WeakMap<
  Structure,
  { builder: StructureBuilder; facts: Map<string, ObjectFacts> }
>();

/**
 * Builds the structural graph of the objects a scope sees. With `previous` (the scope's last structure from
 * this function), only the fragments of the objects that changed — and of those they affect — are rebuilt;
 * the answer is the same as a build from scratch, whatever the order of watch events.
 */
export function buildStructure(
  objects: TopologyObject[],
  scope: TopologyScope,
  previous?: Structure,
): Structure {
  const facts = new Map<string, ObjectFacts>();
  for (const o of objects) {
    const f = factsOf(o);
    facts.set(f.key, f);
  }
  const owned =
    scope.type === 'entity'
      ? new Set(
          [...facts.values()]
            .filter(
              f =>
                RELEVANT.has(f.object.kind) && scope.owns(f.cluster, f.object),
            )
            .map(f => f.key),
        )
      : undefined;
  const clusters = [...new Set(objects.map(o => o.cluster))].sort();
  const prev = previous && built.get(previous);
  let builder: StructureBuilder;
  let changed: Iterable<string>;
  if (prev && prev.builder.structure === previous) {
    builder = prev.builder;
    const diff = new Set<string>();
    for (const [k, f] of facts) if (prev.facts.get(k) !== f) diff.add(k);
    for (const k of prev.facts.keys()) if (!facts.has(k)) diff.add(k);
    changed = diff;
  } else {
    builder = new StructureBuilder(scope);
    changed = facts.keys();
  }
  const s = builder.update(facts, changed, clusters, owned);
  built.set(s, { builder, facts });
  return s;
}
