import {
  MetricsResult,
  MetricsWindow,
  TopologyEdge,
  TopologyNode,
  TopologyResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { JoinContext } from './graphTypes';
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

// one index per (metrics result, route filter): every scope and window of a scrape shares the platform's
const indexes = new WeakMap<MetricsResult, Map<string, MetricsIndex>>();
const EMPTY = new Set<string>();

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

  // plain object literals (no spread / rest): this loop runs for every node and edge after each scrape
  const nodes: TopologyNode[] = new Array(s.nodes.length);
  const clusterOf = new Map<string, string>();
  for (let i = 0; i < s.nodes.length; i++) {
    const { node: n, metricsOf } = s.nodes[i];
    clusterOf.set(n.id, n.cluster);
    const out: TopologyNode = {
      id: n.id,
      type: n.type,
      label: n.label,
      cluster: n.cluster,
      ref: n.ref,
      relation: n.relation,
      status: n.status,
      details: n.details,
      metrics: metricsOf(ctxOf(n.cluster)),
    };
    if (n.ref === undefined) delete out.ref;
    if (n.statusMessage !== undefined) out.statusMessage = n.statusMessage;
    nodes[i] = out;
  }
  const edges: TopologyEdge[] = new Array(s.edges.length);
  for (let i = 0; i < s.edges.length; i++) {
    const { edge: e, metricsOf } = s.edges[i];
    const out: TopologyEdge = {
      id: e.id,
      source: e.source,
      target: e.target,
      type: e.type,
    };
    if (metricsOf) {
      const cluster = clusterOf.get(e.source) ?? clusterOf.get(e.target) ?? '';
      const n = edgeNumbers(metricsOf(ctxOf(cluster)));
      if (n.rps !== undefined) out.rps = n.rps;
      if (n.errorRate !== undefined) out.errorRate = n.errorRate;
      if (n.p95Ms !== undefined) out.p95Ms = n.p95Ms;
      if (n.perMinute !== undefined) out.perMinute = n.perMinute;
    }
    if (e.weight !== undefined) out.weight = e.weight;
    edges[i] = out;
  }
  const nodeIds = new Set(nodes.map(n => n.id));
  const edgeIds = new Set(edges.map(e => e.id));
  for (const part of s.mcp) {
    const f = s.fragments.get(part.bKey);
    if (!f) continue;
    const more = mcpNodes(
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
