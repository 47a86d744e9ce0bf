import {
  MetricsResult,
  MetricsWindow,
  NodeMetrics,
  TopologyEdge,
  TopologyNode,
  TopologyResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { JoinContext, Segment, StructEdge, StructNode } from './graphTypes';
import { MetricsIndex } from './metricsIndex';
import { mcpNodes } from './mcpJoin';
import { edgeNumbers } from './status';
import { Structure } from './structure';

export type BuiltTopology = Omit<TopologyResponse, 'clusters'>;

export interface JoinInput {
  /** one metrics result per cluster; a missing cluster counts as unavailable */
  metrics: Record<string, MetricsResult>;
  window: MetricsWindow;
  now?: Date;
}

/** One segment with one scrape's numbers; MCP servers and tools go after every other node and edge. */
export interface JoinedSegment {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  mcpNodes: TopologyNode[];
  mcpEdges: TopologyEdge[];
  boundary: boolean;
  /** each list's items as JSON without the brackets, filled in by the serializer (`bodyChunks.ts`) */
  json: Partial<Record<'nodes' | 'edges' | 'mcpNodes' | 'mcpEdges', Buffer>>;
}

/** The graph with numbers: everything but the nodes and edges, and the joined segments in graph order. */
export interface JoinedGraph {
  head: Omit<BuiltTopology, 'nodes' | 'edges'>;
  segments: JoinedSegment[];
}

// one index per (metrics result, route filter): every scope and window of a scrape shares the platform's
const indexes = new WeakMap<MetricsResult, Map<string, MetricsIndex>>();
const NO_METRICS = new MetricsIndex(undefined);
const EMPTY: ReadonlySet<string> = new Set();

// a segment's joined form per numbers index: a watch event gives new segments only to the objects it
// touched, and the index stays until the next scrape, so the join redoes only those (and the body reuses
// the JSON of the rest, see bodyChunks.ts); per index, so the windows of one scope do not evict each other
const joined = new WeakMap<MetricsIndex, WeakMap<Segment, JoinedSegment>>();

// a route filter's key, once per set (a structure keeps its sets until the entity's routes change)
const routeKeys = new WeakMap<ReadonlySet<string>, string>();
function routesKey(routes: ReadonlySet<string>): string {
  let key = routeKeys.get(routes);
  if (key === undefined)
    routeKeys.set(routes, (key = [...routes].sort().join(',')));
  return key;
}

function indexFor(
  result: MetricsResult | undefined,
  routes?: ReadonlySet<string>,
) {
  if (!result) return NO_METRICS;
  const key = routes ? routesKey(routes) : '*';
  let byRoutes = indexes.get(result);
  if (!byRoutes) indexes.set(result, (byRoutes = new Map()));
  let ix = byRoutes.get(key);
  if (!ix) byRoutes.set(key, (ix = new MetricsIndex(result, routes)));
  return ix;
}

function joinNode(s: StructNode, metrics: NodeMetrics): TopologyNode {
  const n = s.node;
  // plain object literal (no spread / rest): this runs for every node after each scrape
  const out: TopologyNode = {
    id: n.id,
    type: n.type,
    label: n.label,
    cluster: n.cluster,
    ref: n.ref,
    relation: n.relation,
    status: n.status,
    details: n.details,
    metrics,
  };
  if (n.ref === undefined) delete out.ref;
  if (n.statusMessage !== undefined) out.statusMessage = n.statusMessage;
  return out;
}

function joinEdge(s: StructEdge, metrics: NodeMetrics | undefined) {
  const e = s.edge;
  const out: TopologyEdge = {
    id: e.id,
    source: e.source,
    target: e.target,
    type: e.type,
  };
  if (metrics) {
    const n = edgeNumbers(metrics);
    if (n.rps !== undefined) out.rps = n.rps;
    if (n.errorRate !== undefined) out.errorRate = n.errorRate;
    if (n.p95Ms !== undefined) out.p95Ms = n.p95Ms;
    if (n.perMinute !== undefined) out.perMinute = n.perMinute;
  }
  if (e.weight !== undefined) out.weight = e.weight;
  return out;
}

/** The first of each id (a backend's MCP servers and tools could repeat a name). */
function firstOfEach<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter(x => !seen.has(x.id) && !!seen.add(x.id));
}

function joinedWith(ix: MetricsIndex) {
  let byIndex = joined.get(ix);
  if (!byIndex) joined.set(ix, (byIndex = new WeakMap()));
  return byIndex;
}

function joinSegment(
  seg: Segment,
  ix: MetricsIndex,
  byIndex: WeakMap<Segment, JoinedSegment>,
): JoinedSegment {
  const hit = byIndex.get(seg);
  if (hit) return hit;
  const ctx: JoinContext = {
    ix,
    routesOf: k => (k === seg.key ? seg.routes : EMPTY),
  };
  const mcp = seg.mcp
    ? mcpNodes(seg.mcp, seg.facts, ix, seg.routes)
    : undefined;
  const out: JoinedSegment = {
    nodes: seg.nodes.map(n => joinNode(n, n.metricsOf(ctx))),
    edges: seg.edges.map(e => joinEdge(e, e.metricsOf?.(ctx))),
    mcpNodes: mcp ? firstOfEach(mcp.nodes) : [],
    mcpEdges: mcp ? firstOfEach(mcp.edges) : [],
    boundary: seg.boundary,
    json: {},
  };
  byIndex.set(seg, out);
  return out;
}

/**
 * The structural graph with one scrape's numbers, by label index. Segments already joined with the same
 * index are reused, so after a watch event only the changed segments are joined; after a scrape, all.
 */
export function joinGraph(s: Structure, input: JoinInput): JoinedGraph {
  const ixOf = new Map<string, MetricsIndex>();
  const indexOf = (cluster: string) => {
    let ix = ixOf.get(cluster);
    if (!ix)
      ixOf.set(
        cluster,
        (ix = indexFor(
          input.metrics[cluster],
          s.scope.type === 'entity'
            ? s.ownRoutes.get(cluster) ?? EMPTY
            : undefined,
        )),
      );
    return ix;
  };
  const segments: JoinedSegment[] = new Array(s.segments.length);
  let cluster: string | undefined;
  let ix = NO_METRICS;
  let byIndex = joinedWith(ix);
  for (let i = 0; i < s.segments.length; i++) {
    const seg = s.segments[i];
    if (seg.cluster !== cluster) {
      ix = indexOf((cluster = seg.cluster));
      byIndex = joinedWith(ix);
    }
    segments[i] = joinSegment(seg, ix, byIndex);
  }
  const metrics = Object.keys(input.metrics)
    .sort()
    .map((c): BuiltTopology['metrics'][number] => {
      const m = input.metrics[c];
      return m?.available
        ? {
            cluster: c,
            available: true,
            source: m.source,
            collectedAt: m.collectedAt,
          }
        : {
            cluster: c,
            available: false,
            reason:
              m && !m.available ? m.reason : 'No metrics for this cluster',
          };
    });
  const times = metrics.flatMap(m =>
    m.available && m.collectedAt ? [m.collectedAt] : [],
  );
  const head: JoinedGraph['head'] = {
    window: input.window,
    generatedAt: (input.now ?? new Date()).toISOString(),
    scope: s.scope,
    // the clusters the caller asked metrics of (an entity: those where it has objects)
    metrics,
  };
  // how old the numbers are: the oldest cluster's read (ISO strings of one format sort by time)
  if (times.length) head.metricsAt = times.sort()[0];
  return { head, segments };
}

/** The response's nodes and edges in order: the segments', then the MCP servers and tools. */
export function flatten(g: JoinedGraph): BuiltTopology {
  const { window, generatedAt, scope, metrics, metricsAt } = g.head;
  const s = g.segments;
  const built: BuiltTopology = {
    window,
    generatedAt,
    scope,
    nodes: s.flatMap(x => x.nodes).concat(s.flatMap(x => x.mcpNodes)),
    edges: s.flatMap(x => x.edges).concat(s.flatMap(x => x.mcpEdges)),
    metrics,
  };
  if (metricsAt !== undefined) built.metricsAt = metricsAt;
  return built;
}

/** {@link joinGraph} as one response object (the from-scratch path and the object API). */
export function joinMetrics(s: Structure, input: JoinInput): BuiltTopology {
  return flatten(joinGraph(s, input));
}
