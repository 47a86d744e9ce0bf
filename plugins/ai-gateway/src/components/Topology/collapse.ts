import {
  NodeMetrics,
  TopologyEdge,
  TopologyNode,
  TopologyNodeStatus,
  TopologyNodeType,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** A node with more children of one type than this shows the first {@link SHOW_FIRST} and groups the rest. */
export const GROUP_ABOVE = 30;
export const SHOW_FIRST = 20;
/** Each click on a group node shows this many more of its members. */
export const SHOW_STEP = 100;

/** A group node stands for the hidden children of one parent (and whatever hangs only off them). */
export interface GroupInfo {
  /** the group node's id (`group:<parent id>:<child type>`) */
  id: string;
  parent: string;
  /** members hidden, by node type */
  counts: Partial<Record<TopologyNodeType, number>>;
}

export interface CollapsedTopology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  groups: Map<string, GroupInfo>;
}

const SEVERITY: Record<TopologyNodeStatus, number> = {
  error: 0,
  warning: 1,
  unknown: 2,
  ok: 3,
};
const NOUN: Record<TopologyNodeType, string> = {
  gateway: 'gateways',
  listener: 'listeners',
  route: 'routes',
  backend: 'backends',
  target: 'targets',
  tool: 'tools',
  policy: 'policies',
};
const rpsOf = (n: TopologyNode) => (n.metrics.available ? n.metrics.rps : 0);

/** The worst status first, then the busiest, then by label: what a reader should see before "N more". */
function byAttention(a: TopologyNode, b: TopologyNode): number {
  return (
    SEVERITY[a.status] - SEVERITY[b.status] ||
    (rpsOf(b) ?? 0) - (rpsOf(a) ?? 0) ||
    a.label.localeCompare(b.label)
  );
}

/** Summed traffic of the hidden members (request-weighted error rate); unavailable when none has numbers. */
function groupMetrics(members: TopologyNode[]): NodeMetrics {
  let rps = 0;
  let errors = 0;
  let any = false;
  for (const m of members) {
    if (!m.metrics.available) continue;
    any = true;
    rps += m.metrics.rps ?? 0;
    errors += (m.metrics.rps ?? 0) * (m.metrics.errorRate ?? 0);
  }
  if (!any) return { available: false, reason: 'no metrics' };
  return { available: true, rps, ...(rps > 0 && { errorRate: errors / rps }) };
}

/**
 * Pure: the graph as drawn. A node with more than {@link GROUP_ABOVE} children of one type (a listener with
 * 1,000 routes) keeps the `shown(groupId)` most relevant ones (default {@link SHOW_FIRST}) and one group node
 * for the rest. A node hangs off its anchors (the sources of its incoming edges; for a policy, what it
 * targets); when every anchor is hidden it is hidden in the same group (the backends of hidden routes).
 * Edges are redirected to the group nodes, merged per (source, target, type) with their traffic summed.
 */
export function collapseTopology(
  nodes: TopologyNode[],
  edges: TopologyEdge[],
  shown: (groupId: string) => number = () => SHOW_FIRST,
): CollapsedTopology {
  const byId = new Map(nodes.map(n => [n.id, n]));
  const children = new Map<string, Map<TopologyNodeType, TopologyNode[]>>();
  const anchors = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const e of edges) {
    const source = byId.get(e.source);
    const target = byId.get(e.target);
    if (!source || !target) continue;
    const [anchor, dependent] =
      e.type === 'policy' ? [target, source] : [source, target];
    push(anchors, dependent.id, anchor.id);
    push(dependents, anchor.id, dependent.id);
    if (e.type !== 'policy') {
      let perType = children.get(source.id);
      if (!perType) children.set(source.id, (perType = new Map()));
      const list = perType.get(target.type) ?? [];
      if (!list.includes(target)) list.push(target);
      perType.set(target.type, list);
    }
  }

  const groupOf = new Map<string, string>();
  const groups = new Map<string, GroupInfo>();
  const queue: string[] = [];
  for (const [parent, perType] of children) {
    for (const [type, list] of perType) {
      if (list.length <= GROUP_ABOVE) continue;
      const id = `group:${parent}:${type}`;
      const keep = shown(id);
      if (keep >= list.length) continue;
      const hidden = [...list].sort(byAttention).slice(keep);
      groups.set(id, { id, parent, counts: {} });
      for (const n of hidden) {
        if (groupOf.has(n.id)) continue;
        // a node another parent still shows stays visible
        const others = (anchors.get(n.id) ?? []).filter(a => a !== parent);
        if (others.some(a => !groupOf.has(a))) continue;
        groupOf.set(n.id, id);
        queue.push(n.id);
      }
    }
  }
  // whatever hangs only off hidden nodes is hidden with them
  while (queue.length) {
    const hiddenId = queue.pop()!;
    for (const d of dependents.get(hiddenId) ?? []) {
      if (groupOf.has(d)) continue;
      const all = anchors.get(d) ?? [];
      if (all.every(a => groupOf.has(a))) {
        groupOf.set(d, groupOf.get(hiddenId)!);
        queue.push(d);
      }
    }
  }

  const members = new Map<string, TopologyNode[]>();
  const out: TopologyNode[] = [];
  for (const n of nodes) {
    const g = groupOf.get(n.id);
    if (!g) out.push(n);
    else push(members, g, n);
  }
  for (const [id, list] of members) {
    const info = groups.get(id)!;
    for (const m of list) info.counts[m.type] = (info.counts[m.type] ?? 0) + 1;
    const first = list[0];
    const worst = list.reduce(
      (w, m) => (SEVERITY[m.status] < SEVERITY[w] ? m.status : w),
      'ok' as TopologyNodeStatus,
    );
    const type = id.slice(id.lastIndexOf(':') + 1) as TopologyNodeType;
    // the traffic of the grouped children (routes), not summed again over what hangs off them
    const own = list.filter(m => m.type === type);
    out.push({
      id,
      type,
      label: `${info.counts[type] ?? list.length} more ${NOUN[type]}`,
      cluster: first.cluster,
      relation: 'owned',
      status: worst,
      details: Object.fromEntries(
        Object.entries(info.counts).map(([t, c]) => [
          NOUN[t as TopologyNodeType],
          c,
        ]),
      ),
      metrics: groupMetrics(own),
    });
  }
  for (const id of [...groups.keys()]) if (!members.has(id)) groups.delete(id);

  const merged = new Map<string, TopologyEdge>();
  for (const e of edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    const source = groupOf.get(e.source) ?? e.source;
    const target = groupOf.get(e.target) ?? e.target;
    if (source === target) continue;
    if (source === e.source && target === e.target) {
      merged.set(e.id, e);
      continue;
    }
    const key = `${source}>${target}:${e.type}`;
    const prev = merged.get(key);
    if (!prev) {
      merged.set(key, { id: key, source, target, type: e.type, rps: e.rps });
    } else if (e.rps !== undefined) {
      prev.rps = (prev.rps ?? 0) + e.rps;
    }
  }
  return { nodes: out, edges: [...merged.values()], groups };
}
