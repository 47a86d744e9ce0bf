import { TopologyResponse } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  TopologyObject,
  TopologyScope,
  ROUTE_KINDS,
  visibleObjects,
} from './scope';
import { ObjectFacts, factsOf } from './facts';
import {
  backendFragment,
  gatewayFragment,
  policyNode,
  routeFragment,
  structEdge,
} from './fragments';
import { Fragment, Relation, StructEdge, StructNode } from './graphTypes';

/**
 * The structural graph of a scope: nodes and edges from the objects alone, without numbers. It changes only
 * on watch events; the numbers are joined per scrape (`joinMetrics`).
 */
export interface Structure {
  scope: TopologyResponse['scope'];
  nodes: StructNode[];
  edges: StructEdge[];
  /** MCP backends, whose servers and tools are joined per scrape */
  mcp: NonNullable<Fragment['mcp']>[];
  /** backend object key → the visible routes (`namespace/name`) referencing it */
  routesOfBackend: Map<string, Set<string>>;
  /** entity scope: per cluster, the entity's own routes (its numbers come only from them) */
  ownRoutes: Map<string, Set<string>>;
  /** the clusters of the objects */
  clusters: string[];
  /** per object key, the fragment it contributed (reused by the next build) */
  fragments: Map<string, Fragment>;
  /** how many fragments this build computed (the rest were reused) */
  rebuilt: string[];
}

const PHASES: Array<(kind: string) => boolean> = [
  k => k === 'Gateway',
  k => ROUTE_KINDS.has(k),
  k => k === 'AgentgatewayBackend',
  k => k === 'AgentgatewayPolicy',
];

const sameDeps = (a: unknown[], b: unknown[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Builds the structural graph of the objects a scope sees. With `previous` (the scope's last structure),
 * only the fragments of objects that changed — or whose referenced objects changed — are rebuilt; the
 * answer is the same as a build from scratch. Nodes come in a fixed order (gateways, routes, backends,
 * policies, each by object key), so it does not depend on the order of watch events.
 */
export function buildStructure(
  objects: TopologyObject[],
  scope: TopologyScope,
  previous?: Structure,
): Structure {
  const visible = visibleObjects(objects, scope);
  const rel = (key: string): Relation =>
    visible.relation.get(key) ?? 'external';
  const facts = new Map<string, ObjectFacts>();
  for (const o of objects) {
    const f = factsOf(o);
    facts.set(f.key, f);
  }
  const gateway = (key: string) => {
    const f = facts.get(key);
    return f?.object.kind === 'Gateway' ? f : undefined;
  };
  const isVisible = (key: string) => visible.relation.has(key);

  const phases: ObjectFacts[][] = PHASES.map(() => []);
  for (const [key, f] of facts) {
    if (!visible.relation.has(key)) continue;
    const phase = PHASES.findIndex(p => p(f.object.kind));
    if (phase >= 0) phases[phase].push(f);
  }
  for (const list of phases)
    list.sort((a, b) => {
      if (a.key === b.key) return 0;
      return a.key < b.key ? -1 : 1;
    });

  const fragments = new Map<string, Fragment>();
  const rebuilt: string[] = [];
  const fragment = (
    f: ObjectFacts,
    deps: unknown[],
    build: (
      relation: Relation,
    ) => Omit<Fragment, 'facts' | 'relation' | 'deps'>,
  ): Fragment => {
    const relation = rel(f.key);
    const prev = previous?.fragments.get(f.key);
    const reuse =
      prev &&
      prev.facts === f &&
      prev.relation === relation &&
      sameDeps(prev.deps, deps);
    const out = reuse ? prev : { facts: f, relation, deps, ...build(relation) };
    if (!reuse) rebuilt.push(f.key);
    fragments.set(f.key, out);
    return out;
  };

  const nodes: StructNode[] = [];
  const edges: StructEdge[] = [];
  const nodeIds = new Set<string>();
  const edgeIds = new Set<string>();
  const add = (fr: Pick<Fragment, 'nodes' | 'edges'>) => {
    for (const n of fr.nodes)
      if (!nodeIds.has(n.node.id)) {
        nodeIds.add(n.node.id);
        nodes.push(n);
      }
    for (const e of fr.edges)
      if (!edgeIds.has(e.edge.id)) {
        edgeIds.add(e.edge.id);
        edges.push(e);
      }
  };

  const [gateways, routes, backends, policies] = phases;
  for (const g of gateways) add(fragment(g, [], r => gatewayFragment(g, r)));

  const routesOfBackend = new Map<string, Set<string>>();
  const ownRoutes = new Map<string, Set<string>>();
  for (const r of routes) {
    // a route's edges depend on the listeners of its Gateways and on what the scope sees of its refs
    const deps: unknown[] = [];
    for (const p of r.parents) deps.push(gateway(p.key), isVisible(p.key));
    for (const b of r.backends) deps.push(isVisible(b.key));
    add(
      fragment(r, deps, relation =>
        routeFragment(r, relation, gateway, isVisible),
      ),
    );
    for (const b of r.backends) {
      const set = routesOfBackend.get(b.key) ?? new Set<string>();
      set.add(r.name);
      routesOfBackend.set(b.key, set);
    }
    if (rel(r.key) === 'owned') {
      const set = ownRoutes.get(r.cluster) ?? new Set<string>();
      set.add(r.name);
      ownRoutes.set(r.cluster, set);
    }
  }

  const mcp: Structure['mcp'] = [];
  for (const b of backends) {
    const fr = fragment(b, [], relation => backendFragment(b, relation));
    add(fr);
    if (fr.mcp) mcp.push(fr.mcp);
  }

  for (const p of policies) {
    const fr = fragment(p, [], relation => ({
      nodes: [policyNode(p, relation)],
      edges: [],
    }));
    // edges to the nodes the policy targets that are in the graph: the listener of a section, else the object
    const policyEdges = p.targets.flatMap(t => {
      const section = t.section ? `${t.id}#${t.section}` : undefined;
      const to = section && nodeIds.has(section) ? section : t.id;
      return nodeIds.has(to) ? [structEdge(p.id, to, 'policy')] : [];
    });
    add({ nodes: fr.nodes, edges: policyEdges });
  }

  return {
    scope:
      scope.type === 'platform'
        ? { type: 'platform' }
        : { type: 'entity', entityRef: scope.entityRef },
    nodes,
    edges,
    mcp,
    routesOfBackend,
    ownRoutes,
    clusters: [...new Set(objects.map(o => o.cluster))].sort(),
    fragments,
    rebuilt,
  };
}
