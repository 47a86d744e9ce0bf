import { ObjectFacts } from './facts';
import {
  backendFragment,
  gatewayFragment,
  policyNode,
  routeFragment,
  structEdge,
} from './fragments';
import { Fragment, Relation, StructEdge, StructNode } from './graphTypes';
import { ROUTE_KINDS } from './scope';

const EMPTY: ReadonlySet<string> = new Set();
const NO_DEPS: unknown[] = [];

/** Where an object's segment goes: gateways, routes, backends, policies (-1: no fragment). */
export function phaseOf(kind: string): number {
  if (kind === 'Gateway') return 0;
  if (ROUTE_KINDS.has(kind)) return 1;
  if (kind === 'AgentgatewayBackend') return 2;
  if (kind === 'AgentgatewayPolicy') return 3;
  return -1;
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The fragment of a visible object: `old` again while its facts, its relation and what it depends on
 * (`deps`: for a route, the facts of the Gateways it names and whether the scope sees what it names) stay.
 */
export function fragmentOf(
  facts: ReadonlyMap<string, ObjectFacts>,
  key: string,
  relation: Relation | undefined,
  old: Fragment | undefined,
  isVisible: (key: string) => boolean,
): Fragment | undefined {
  const f = facts.get(key);
  if (!f || !relation) return undefined;
  const phase = phaseOf(f.object.kind);
  if (phase < 0) return undefined;
  const gateway = (k: string) => {
    const g = facts.get(k);
    return g?.object.kind === 'Gateway' ? g : undefined;
  };
  let deps = NO_DEPS;
  if (phase === 1) {
    deps = [];
    for (const p of f.parents) deps.push(gateway(p.key), isVisible(p.key));
    for (const b of f.backends) deps.push(isVisible(b.key));
  }
  if (
    old &&
    old.facts === f &&
    old.relation === relation &&
    sameItems(old.deps, deps)
  )
    return old;
  if (phase === 0)
    return { facts: f, relation, deps, ...gatewayFragment(f, relation) };
  if (phase === 1)
    return {
      facts: f,
      relation,
      deps,
      ...routeFragment(f, relation, gateway, isVisible),
    };
  if (phase === 2)
    return { facts: f, relation, deps, ...backendFragment(f, relation) };
  return {
    facts: f,
    relation,
    deps,
    nodes: [policyNode(f, relation)],
    edges: [],
  };
}

const byFirst = (a: [string, string], b: [string, string]) => {
  if (a[0] === b[0]) return 0;
  return a[0] < b[0] ? -1 : 1;
};

/** The names (values) of a route key → name map, in route key order (the order of a build from scratch). */
const namesInKeyOrder = (m: Map<string, string>): ReadonlySet<string> =>
  new Set([...m.entries()].sort(byFirst).map(([, name]) => name));

const sameOrder = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
  if (a.size !== b.size) return false;
  const x = [...a];
  const y = [...b];
  return x.every((v, i) => v === y[i]);
};

function addTo(m: Map<string, Set<string>>, k: string, v: string) {
  const set = m.get(k);
  if (set) set.add(v);
  else m.set(k, new Set([v]));
}

function removeFrom(m: Map<string, Set<string>>, k: string, v: string) {
  const set = m.get(k);
  if (!set) return;
  set.delete(v);
  if (!set.size) m.delete(k);
}

const refKeys = (f: ObjectFacts | undefined) =>
  f ? [...f.parents.map(p => p.key), ...f.backends.map(b => b.key)] : [];

const targetIds = (f: Fragment | undefined) =>
  (f?.facts.targets ?? []).flatMap(t =>
    t.section ? [t.id, `${t.id}#${t.section}`] : [t.id],
  );

/**
 * What the fragments of one scope say about each other, kept per change: which routes name a key, the
 * routes of each backend and the entity's own routes (the numbers join on them), which objects emit each
 * node and edge id (the first in graph order shows it, as a build from scratch would), and which policies
 * target a node (a policy has an edge to a target only if a node before it has that id).
 */
export class GraphIndex {
  private readonly naming = new Map<string, Set<string>>();
  /** backend key → route key → route name */
  private readonly backendRoutes = new Map<string, Map<string, string>>();
  private readonly routeSets = new Map<string, ReadonlySet<string>>();
  /** cluster → owned route key → route name */
  private readonly ownByCluster = new Map<string, Map<string, string>>();
  /** a new map whenever the entity's own routes change */
  ownRoutes: ReadonlyMap<string, ReadonlySet<string>> = new Map();
  private readonly nodeEmitters = new Map<string, Set<string>>();
  private readonly edgeEmitters = new Map<string, Set<string>>();
  private readonly targeting = new Map<string, Set<string>>();
  private readonly policyEdges = new Map<string, StructEdge[]>();
  private readonly nodeIdsMoved = new Set<string>();
  private readonly edgeIdsMoved = new Set<string>();
  private readonly policies = new Set<string>();

  constructor(
    private readonly fragment: (key: string) => Fragment | undefined,
    /** entity scope: keep its own routes (the platform joins every route's numbers) */
    private readonly entity: boolean,
  ) {}

  /** The visible routes that name a key as parent or backend. */
  routesNaming(key: string): Iterable<string> {
    return this.naming.get(key) ?? EMPTY;
  }

  /** A backend's visible routes (`namespace/name`); the same set object until they change. */
  routesOf(key: string): ReadonlySet<string> {
    return this.routeSets.get(key) ?? EMPTY;
  }

  /** Records that `key`'s fragment went from `old` to `next`; adds the segments that must be redone. */
  replace(
    key: string,
    old: Fragment | undefined,
    next: Fragment | undefined,
    refresh: Set<string>,
  ) {
    const kind = (old ?? next)!.facts.object.kind;
    if (ROUTE_KINDS.has(kind)) this.route(key, old, next, refresh);
    this.emit(
      this.nodeEmitters,
      key,
      old?.nodes,
      next?.nodes,
      this.nodeIdsMoved,
    );
    this.emit(
      this.edgeEmitters,
      key,
      old?.edges,
      next?.edges,
      this.edgeIdsMoved,
    );
    if (kind !== 'AgentgatewayPolicy') return;
    this.policies.add(key);
    if (old?.facts === next?.facts) return;
    for (const id of targetIds(old)) removeFrom(this.targeting, id, key);
    for (const id of targetIds(next)) addTo(this.targeting, id, key);
  }

  /**
   * After the changed fragments are recorded: the policies whose targets appeared or disappeared get their
   * edges again, and every object whose nodes or edges another object now shows (or stops showing) first is
   * added to `refresh`.
   */
  settle(refresh: Set<string>) {
    for (const id of this.nodeIdsMoved) {
      for (const k of this.nodeEmitters.get(id) ?? EMPTY) refresh.add(k);
      for (const p of this.targeting.get(id) ?? EMPTY) this.policies.add(p);
    }
    for (const p of this.policies) {
      const old = this.policyEdges.get(p) ?? [];
      const f = this.fragment(p);
      const next = f ? this.edgesOfPolicy(f, old) : [];
      if (sameItems(old, next)) continue;
      this.emit(this.edgeEmitters, p, old, next, this.edgeIdsMoved);
      if (next.length) this.policyEdges.set(p, next);
      else this.policyEdges.delete(p);
      refresh.add(p);
    }
    for (const id of this.edgeIdsMoved)
      for (const k of this.edgeEmitters.get(id) ?? EMPTY) refresh.add(k);
    this.nodeIdsMoved.clear();
    this.edgeIdsMoved.clear();
    this.policies.clear();
  }

  /** The nodes of `key`'s fragment it shows: the first of each id, unless an object before it has the id. */
  ownNodes(key: string, nodes: StructNode[]): StructNode[] {
    return this.own(this.nodeEmitters, key, nodes, n => n.node.id);
  }

  /** Likewise for its edges (a policy's included). */
  ownEdges(key: string, edges: StructEdge[]): StructEdge[] {
    const extra = this.policyEdges.get(key);
    return this.own(
      this.edgeEmitters,
      key,
      extra ? edges.concat(extra) : edges,
      e => e.edge.id,
    );
  }

  private own<T>(
    emitters: Map<string, Set<string>>,
    key: string,
    items: T[],
    idOf: (item: T) => string,
  ): T[] {
    const seen = new Set<string>();
    const out: T[] = [];
    for (const item of items) {
      const id = idOf(item);
      if (seen.has(id)) continue;
      seen.add(id);
      const by = emitters.get(id);
      if (!by || by.size === 1 || this.first(by) === key) out.push(item);
    }
    return out.length === items.length ? items : out;
  }

  /** The first of some objects in graph order (phase, then key). */
  private first(keys: Iterable<string>): string | undefined {
    let best: string | undefined;
    for (const k of keys) if (!best || this.precedes(k, best)) best = k;
    return best;
  }

  private precedes(a: string, b: string): boolean {
    const pa = phaseOf(this.fragment(a)!.facts.object.kind);
    const pb = phaseOf(this.fragment(b)!.facts.object.kind);
    return pa === pb ? a < b : pa < pb;
  }

  /** The policy's edges: to a target's listener or the target itself, if a node before the policy has it. */
  private edgesOfPolicy(f: Fragment, old: StructEdge[]): StructEdge[] {
    const key = f.facts.key;
    const before = (id: string) => {
      const by = this.nodeEmitters.get(id);
      return !!by && [...by].some(k => k !== key && this.precedes(k, key));
    };
    const out: StructEdge[] = [];
    for (const t of f.facts.targets) {
      const section = t.section ? `${t.id}#${t.section}` : undefined;
      const to = section && before(section) ? section : t.id;
      if (!before(to)) continue;
      const id = `${f.facts.id}->${to}`;
      out.push(
        old.find(e => e.edge.id === id) ?? structEdge(f.facts.id, to, 'policy'),
      );
    }
    return out;
  }

  private emit<T extends StructNode | StructEdge>(
    emitters: Map<string, Set<string>>,
    key: string,
    old: readonly T[] | undefined,
    next: readonly T[] | undefined,
    moved: Set<string>,
  ) {
    const idOf = (x: T) => ('node' in x ? x.node.id : x.edge.id);
    const before = new Set((old ?? []).map(idOf));
    const after = new Set((next ?? []).map(idOf));
    for (const id of before)
      if (!after.has(id)) {
        removeFrom(emitters, id, key);
        moved.add(id);
      }
    for (const id of after)
      if (!before.has(id)) {
        addTo(emitters, id, key);
        moved.add(id);
      }
  }

  private route(
    key: string,
    old: Fragment | undefined,
    next: Fragment | undefined,
    refresh: Set<string>,
  ) {
    const was = old?.facts;
    const is = next?.facts;
    if (was !== is) {
      for (const k of refKeys(was)) removeFrom(this.naming, k, key);
      for (const k of refKeys(is)) addTo(this.naming, k, key);
      const backends = new Set<string>();
      for (const b of was?.backends ?? []) {
        this.backendRoutes.get(b.key)?.delete(key);
        backends.add(b.key);
      }
      for (const b of is?.backends ?? []) {
        const m = this.backendRoutes.get(b.key) ?? new Map<string, string>();
        m.set(key, is!.name);
        this.backendRoutes.set(b.key, m);
        backends.add(b.key);
      }
      for (const b of backends) if (this.syncRoutes(b)) refresh.add(b);
    }
    if (!this.entity) return;
    const ownWas = old?.relation === 'owned' ? was : undefined;
    const ownIs = next?.relation === 'owned' ? is : undefined;
    if (ownWas?.name === ownIs?.name && ownWas?.cluster === ownIs?.cluster)
      return;
    if (ownWas) this.ownByCluster.get(ownWas.cluster)?.delete(key);
    if (ownIs) {
      const m = this.ownByCluster.get(ownIs.cluster) ?? new Map();
      m.set(key, ownIs.name);
      this.ownByCluster.set(ownIs.cluster, m);
    }
    const own = new Map<string, ReadonlySet<string>>();
    for (const [c, m] of this.ownByCluster)
      if (m.size) own.set(c, namesInKeyOrder(m));
    this.ownRoutes = own;
  }

  /** Updates a backend's route set; true if it changed. */
  private syncRoutes(backend: string): boolean {
    const m = this.backendRoutes.get(backend);
    const now = m?.size ? namesInKeyOrder(m) : EMPTY;
    if (sameOrder(now, this.routesOf(backend))) return false;
    if (now.size) this.routeSets.set(backend, now);
    else {
      this.routeSets.delete(backend);
      this.backendRoutes.delete(backend);
    }
    return true;
  }
}
