import dagre from '@dagrejs/dagre';
import {
  TopologyEdge,
  TopologyNode,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

export const NODE_WIDTH = 230;
export const NODE_HEIGHT = 70;

/** Layouts of the last few graph structures: a refresh (new numbers, same objects) draws without a new layout. */
const CACHE_SIZE = 8;
const cache = new Map<string, Map<string, { x: number; y: number }>>();

/** The structure a layout depends on: node ids and edges (not labels, statuses or numbers). */
export function structureKey(
  nodes: TopologyNode[],
  edges: TopologyEdge[],
): string {
  return `${nodes.map(n => n.id).join('\n')}\n--\n${edges
    .map(e => `${e.source}>${e.target}:${e.type}`)
    .join('\n')}`;
}

/** {@link layoutTopology}, computed once per graph structure (a small LRU). */
export function cachedLayout(
  nodes: TopologyNode[],
  edges: TopologyEdge[],
): Map<string, { x: number; y: number }> {
  const key = structureKey(nodes, edges);
  let positions = cache.get(key);
  if (positions) cache.delete(key);
  else positions = layoutTopology(nodes, edges);
  cache.set(key, positions);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return positions;
}

/**
 * Left-to-right layered layout with dagre: gateways on the left, then listeners, routes, backends, targets
 * and tools; policies sit next to what they target (their edges point at it). Returns top-left positions.
 */
export function layoutTopology(
  nodes: TopologyNode[],
  edges: TopologyEdge[],
): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({
    rankdir: 'LR',
    nodesep: 18,
    ranksep: 70,
    marginx: 10,
    marginy: 10,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes)
    g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const ids = new Set(nodes.map(n => n.id));
  for (const e of edges) {
    if (ids.has(e.source) && ids.has(e.target))
      g.setEdge(e.source, e.target, {
        minlen: e.type === 'policy' ? 1 : 1,
        weight: e.type === 'policy' ? 0 : 1,
      });
  }
  dagre.layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const p = g.node(n.id);
    out.set(n.id, { x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2 });
  }
  return out;
}
