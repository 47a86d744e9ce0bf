import {
  MetricsResult,
  MetricsWindow,
  NodeMetrics,
  TopologyEdge,
  TopologyNode,
  TopologyResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { JoinContext, StructEdge, StructNode } from './graphTypes';
import { MetricsIndex } from './metricsIndex';
import { mcpNodes } from './mcpJoin';
import { ObjectFacts } from './facts';
import { edgeNumbers } from './status';
import { Structure } from './structure';

export type BuiltTopology = Omit<TopologyResponse, 'clusters'>;

export interface JoinInput {
  /** one metrics result per cluster; a missing cluster counts as unavailable */
  metrics: Record<string, MetricsResult>;
  window: MetricsWindow;
  now?: Date;
}

// one index per (metrics result, route filter): every scope and window of a scrape shares the platform's
const indexes = new WeakMap<MetricsResult, Map<string, MetricsIndex>>();
const EMPTY = new Set<string>();

// a node's / edge's joined form per (structural part, numbers): the fragments a watch event did not touch
// keep their StructNode / StructEdge objects and the index hands out the same numbers until the next
// scrape, so only the changed fragments' parts are joined again — and the serializer (topologyCache),
// which caches JSON per joined object, stringifies only those
const joinedNodes = new WeakMap<
  StructNode,
  { metrics: NodeMetrics; node: TopologyNode }
>();
const joinedEdges = new WeakMap<
  StructEdge,
  { metrics: NodeMetrics | undefined; edge: TopologyEdge }
>();

function joinNode(s: StructNode, metrics: NodeMetrics): TopologyNode {
  const hit = joinedNodes.get(s);
  if (hit?.metrics === metrics) return hit.node;
  const n = s.node;
  // plain object literal (no spread / rest): this runs for every changed node after each scrape
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
  joinedNodes.set(s, { metrics, node: out });
  return out;
}

type McpPart = NonNullable<Structure['mcp']>[number];
const joinedMcp = new WeakMap<
  McpPart,
  {
    facts: ObjectFacts;
    ix: MetricsIndex;
    routes: string;
    out: ReturnType<typeof mcpNodes>;
  }
>();

/** {@link mcpNodes}, the same objects while the backend version, the numbers and its routes stay. */
function joinMcp(
  part: McpPart,
  facts: ObjectFacts,
  ix: MetricsIndex,
  routeSet: Set<string>,
) {
  const routes = [...routeSet].sort().join(',');
  const hit = joinedMcp.get(part);
  if (hit && hit.facts === facts && hit.ix === ix && hit.routes === routes)
    return hit.out;
  const out = mcpNodes(part, facts, ix, routeSet);
  joinedMcp.set(part, { facts, ix, routes, out });
  return out;
}

function joinEdge(s: StructEdge, metrics: NodeMetrics | undefined) {
  const hit = joinedEdges.get(s);
  if (hit && hit.metrics === metrics) return hit.edge;
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
  joinedEdges.set(s, { metrics, edge: out });
  return out;
}

function indexFor(result: MetricsResult | undefined, routes?: Set<string>) {
  if (!result) return new MetricsIndex(undefined);
  const key = routes ? [...routes].sort().join(',') : '*';
  let byRoutes = indexes.get(result);
  if (!byRoutes) indexes.set(result, (byRoutes = new Map()));
  let ix = byRoutes.get(key);
  if (!ix) byRoutes.set(key, (ix = new MetricsIndex(result, routes)));
  return ix;
}

/**
 * The structural graph with one scrape's numbers: a join by label index, O(nodes + edges + rows). Only the
 * numbers (and the MCP servers and tools seen in the metrics) differ between two scrapes.
 */
export function joinMetrics(s: Structure, input: JoinInput): BuiltTopology {
  const clusters = [
    ...new Set([...s.clusters, ...Object.keys(input.metrics)]),
  ].sort();
  const routesOf = (key: string) => s.routesOfBackend.get(key) ?? EMPTY;
  const ctx = new Map<string, JoinContext>(
    clusters.map(c => [
      c,
      {
        ix: indexFor(
          input.metrics[c],
          s.scope.type === 'entity' ? s.ownRoutes.get(c) ?? EMPTY : undefined,
        ),
        routesOf,
      },
    ]),
  );
  const ctxOf = (cluster: string) =>
    ctx.get(cluster) ?? { ix: new MetricsIndex(undefined), routesOf };

  const nodes: TopologyNode[] = new Array(s.nodes.length);
  const clusterOf = new Map<string, string>();
  for (let i = 0; i < s.nodes.length; i++) {
    const sn = s.nodes[i];
    clusterOf.set(sn.node.id, sn.node.cluster);
    nodes[i] = joinNode(sn, sn.metricsOf(ctxOf(sn.node.cluster)));
  }
  const edges: TopologyEdge[] = new Array(s.edges.length);
  for (let i = 0; i < s.edges.length; i++) {
    const se = s.edges[i];
    const { source, target } = se.edge;
    edges[i] = joinEdge(
      se,
      se.metricsOf?.(
        ctxOf(clusterOf.get(source) ?? clusterOf.get(target) ?? ''),
      ),
    );
  }
  const nodeIds = new Set(nodes.map(n => n.id));
  const edgeIds = new Set(edges.map(e => e.id));
  for (const part of s.mcp) {
    const f = s.fragments.get(part.bKey);
    if (!f) continue;
    const more = joinMcp(
      part,
      f.facts,
      ctxOf(part.base.cluster).ix,
      routesOf(part.bKey),
    );
    for (const n of more.nodes)
      if (!nodeIds.has(n.id)) {
        nodeIds.add(n.id);
        nodes.push(n);
      }
    for (const e of more.edges)
      if (!edgeIds.has(e.id)) {
        edgeIds.add(e.id);
        edges.push(e);
      }
  }
  const metrics = Object.keys(input.metrics)
    .sort()
    .map(c => {
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
  const times = metrics.flatMap(m => (m.collectedAt ? [m.collectedAt] : []));
  const built: BuiltTopology = {
    window: input.window,
    generatedAt: (input.now ?? new Date()).toISOString(),
    scope: s.scope,
    nodes,
    edges,
    // the clusters the caller asked metrics of (an entity: those where it has objects)
    metrics,
  };
  // how old the numbers are: the oldest cluster's read (ISO strings of one format sort by time)
  if (times.length) built.metricsAt = times.sort()[0];
  return built;
}
