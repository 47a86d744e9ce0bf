import {
  TopologyEdge,
  TopologyNode,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ObjectFacts, factsOf } from '../facts';
import {
  backendFragment,
  gatewayFragment,
  policyNode,
  routeFragment,
  structEdge,
} from '../fragments';
import { JoinContext, StructEdge, StructNode } from '../graphTypes';
import { BuiltTopology, JoinInput } from '../joinMetrics';
import { mcpNodes } from '../mcpJoin';
import { MetricsIndex } from '../metricsIndex';
import {
  ROUTE_KINDS,
  TopologyObject,
  TopologyScope,
  visibleObjects,
} from '../scope';
import { edgeNumbers } from '../status';

/**
 * The graph as the first version built it — every object from scratch, one pass in graph order, nodes
 * and edges deduplicated by id as they are added, no caches — to check that the incremental build, the
 * segment join and the chunked body give the same answer.
 */
export function referenceTopology(
  objects: TopologyObject[],
  scope: TopologyScope,
  input: JoinInput,
): BuiltTopology {
  const visible = visibleObjects(objects, scope);
  const rel = (key: string) => visible.relation.get(key) ?? 'external';
  const isVisible = (key: string) => visible.relation.has(key);
  const facts = new Map<string, ObjectFacts>();
  for (const o of objects) facts.set(factsOf(o).key, factsOf(o));
  const gateway = (key: string) => {
    const f = facts.get(key);
    return f?.object.kind === 'Gateway' ? f : undefined;
  };
  const phase = (k: string) =>
    [
      k === 'Gateway',
      ROUTE_KINDS.has(k),
      k === 'AgentgatewayBackend',
      k === 'AgentgatewayPolicy',
    ].indexOf(true);
  const phases: ObjectFacts[][] = [[], [], [], []];
  for (const [key, f] of facts)
    if (isVisible(key) && phase(f.object.kind) >= 0)
      phases[phase(f.object.kind)].push(f);
  for (const list of phases)
    list.sort((a, b) => (a.key < b.key ? -1 : Number(a.key > b.key)));

  const nodes: StructNode[] = [];
  const edges: StructEdge[] = [];
  const nodeIds = new Set<string>();
  const edgeIds = new Set<string>();
  const add = (fr: { nodes: StructNode[]; edges: StructEdge[] }) => {
    for (const n of fr.nodes) {
      if (nodeIds.has(n.node.id)) continue;
      nodeIds.add(n.node.id);
      nodes.push(n);
    }
    for (const e of fr.edges) {
      if (edgeIds.has(e.edge.id)) continue;
      edgeIds.add(e.edge.id);
      edges.push(e);
    }
  };
  const [gateways, routes, backends, policies] = phases;
  for (const g of gateways) add(gatewayFragment(g, rel(g.key)));
  const routesOfBackend = new Map<string, Set<string>>();
  const ownRoutes = new Map<string, Set<string>>();
  for (const r of routes) {
    add(routeFragment(r, rel(r.key), gateway, isVisible));
    for (const b of r.backends) {
      const set = routesOfBackend.get(b.key) ?? new Set<string>();
      routesOfBackend.set(b.key, set.add(r.name));
    }
    if (rel(r.key) === 'owned') {
      const set = ownRoutes.get(r.cluster) ?? new Set<string>();
      ownRoutes.set(r.cluster, set.add(r.name));
    }
  }
  const mcp: Array<{
    facts: ObjectFacts;
    part: NonNullable<ReturnType<typeof backendFragment>['mcp']>;
  }> = [];
  for (const b of backends) {
    const fr = backendFragment(b, rel(b.key));
    add(fr);
    if (fr.mcp) mcp.push({ facts: b, part: fr.mcp });
  }
  for (const p of policies) {
    const policyEdges = p.targets.flatMap(t => {
      const section = t.section ? `${t.id}#${t.section}` : undefined;
      const to = section && nodeIds.has(section) ? section : t.id;
      return nodeIds.has(to) ? [structEdge(p.id, to, 'policy')] : [];
    });
    add({ nodes: [policyNode(p, rel(p.key))], edges: policyEdges });
  }

  // the join: one pass over every node and edge
  const EMPTY = new Set<string>();
  const routesOf = (key: string) => routesOfBackend.get(key) ?? EMPTY;
  const ctxOf = (cluster: string): JoinContext => {
    const m = input.metrics[cluster];
    const own =
      scope.type === 'entity' ? ownRoutes.get(cluster) ?? EMPTY : undefined;
    return { ix: new MetricsIndex(m, own), routesOf };
  };
  const ctx = new Map<string, JoinContext>();
  const ctxFor = (c: string) => ctx.get(c) ?? ctx.set(c, ctxOf(c)).get(c)!;
  const clusterOf = new Map(nodes.map(n => [n.node.id, n.node.cluster]));
  // the key order of the first version's join (the body compares bytes)
  const out: TopologyNode[] = nodes.map(({ node: n, metricsOf }) => {
    const { statusMessage, ref, ...rest } = n;
    const { id, type, label, cluster, relation, status, details } = rest;
    return {
      id,
      type,
      label,
      cluster,
      ...(ref !== undefined ? { ref } : {}),
      relation,
      status,
      details,
      metrics: metricsOf(ctxFor(n.cluster)),
      ...(statusMessage !== undefined ? { statusMessage } : {}),
    };
  });
  const outEdges: TopologyEdge[] = edges.map(({ edge, metricsOf }) => {
    const c = clusterOf.get(edge.source) ?? clusterOf.get(edge.target) ?? '';
    const numbers = metricsOf ? edgeNumbers(metricsOf(ctxFor(c))) : {};
    const { weight, ...rest } = edge;
    return { ...rest, ...numbers, ...(weight !== undefined ? { weight } : {}) };
  });
  const ids = new Set(out.map(n => n.id));
  const eids = new Set(outEdges.map(e => e.id));
  for (const { facts: f, part } of mcp) {
    const more = mcpNodes(
      part,
      f,
      ctxFor(part.base.cluster).ix,
      routesOf(part.bKey),
    );
    for (const n of more.nodes) {
      if (ids.has(n.id)) continue;
      ids.add(n.id);
      out.push(n);
    }
    for (const e of more.edges) {
      if (eids.has(e.id)) continue;
      eids.add(e.id);
      outEdges.push(e);
    }
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
  return {
    window: input.window,
    generatedAt: (input.now ?? new Date()).toISOString(),
    scope:
      scope.type === 'platform'
        ? { type: 'platform' }
        : { type: 'entity', entityRef: scope.entityRef },
    nodes: out,
    edges: outEdges,
    metrics,
    ...(times.length ? { metricsAt: times.sort()[0] } : {}),
  };
}
