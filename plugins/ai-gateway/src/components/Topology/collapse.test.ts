import {
  TopologyEdge,
  TopologyNode,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { GROUP_ABOVE, SHOW_FIRST, collapseTopology } from './collapse';

const node = (
  id: string,
  type: TopologyNode['type'],
  extra: Partial<TopologyNode> = {},
): TopologyNode => ({
  id,
  type,
  label: id,
  cluster: 'dev',
  relation: 'owned',
  status: 'ok',
  details: {},
  metrics: { available: true, rps: 1, errorRate: 0 },
  ...extra,
});
const edge = (
  source: string,
  target: string,
  type: TopologyEdge['type'],
): TopologyEdge => ({ id: `${source}->${target}`, source, target, type });

/** A gateway, a listener and `n` routes, each to its own backend, each backend targeted by a policy. */
function fanOut(n: number) {
  const nodes = [node('gw', 'gateway'), node('l', 'listener')];
  const edges = [edge('gw', 'l', 'listener')];
  for (let i = 0; i < n; i++) {
    const id = String(i).padStart(4, '0');
    nodes.push(
      node(`r${id}`, 'route'),
      node(`b${id}`, 'backend'),
      node(`p${id}`, 'policy'),
    );
    edges.push(
      edge('l', `r${id}`, 'route'),
      edge(`r${id}`, `b${id}`, 'backend'),
      edge(`p${id}`, `b${id}`, 'policy'),
    );
  }
  return { nodes, edges };
}

describe('collapseTopology', () => {
  it('leaves a graph without large fan-outs as it is', () => {
    const { nodes, edges } = fanOut(GROUP_ABOVE);
    const view = collapseTopology(nodes, edges);
    expect(view.nodes).toHaveLength(nodes.length);
    expect(view.edges).toHaveLength(edges.length);
    expect(view.groups.size).toBe(0);
  });

  it('groups the rest of a large fan-out with what hangs only off it, and merges their edges', () => {
    const { nodes, edges } = fanOut(1000);
    const view = collapseTopology(nodes, edges);
    const group = view.nodes.find(n => n.id === 'group:l:route')!;
    expect(group.label).toBe(`${1000 - SHOW_FIRST} more routes`);
    expect(group.details).toEqual({
      routes: 1000 - SHOW_FIRST,
      backends: 1000 - SHOW_FIRST,
      policies: 1000 - SHOW_FIRST,
    });
    expect(group.metrics).toEqual({
      available: true,
      rps: 1000 - SHOW_FIRST,
      errorRate: 0,
    });
    // gateway, listener, 20 × (route, backend, policy), the group
    expect(view.nodes).toHaveLength(2 + 3 * SHOW_FIRST + 1);
    expect(view.edges.filter(e => e.target === group.id)).toEqual([
      expect.objectContaining({ source: 'l', type: 'route' }),
    ]);
    const ids = new Set(view.nodes.map(n => n.id));
    for (const e of view.edges) {
      expect(ids.has(e.source)).toBe(true);
      expect(ids.has(e.target)).toBe(true);
    }
  });

  it('shows failing and busy members first and more of a group on request', () => {
    const { nodes, edges } = fanOut(100);
    const failing = nodes.find(n => n.id === 'r0099')!;
    failing.status = 'error';
    const view = collapseTopology(nodes, edges);
    expect(view.nodes.some(n => n.id === 'r0099')).toBe(true);
    expect(view.nodes.find(n => n.id === 'group:l:route')!.status).toBe('ok');
    const more = collapseTopology(nodes, edges, () => 90);
    expect(more.nodes.find(n => n.id === 'group:l:route')!.label).toBe(
      '10 more routes',
    );
    const all = collapseTopology(nodes, edges, () => 100);
    expect(all.groups.size).toBe(0);
    expect(all.nodes).toHaveLength(nodes.length);
  });

  it('keeps a node visible while another parent still shows it', () => {
    const { nodes, edges } = fanOut(100);
    // a second listener routes to one of the hidden routes' backends
    nodes.push(node('l2', 'listener'), node('rx', 'route'));
    edges.push(
      edge('gw', 'l2', 'listener'),
      edge('l2', 'rx', 'route'),
      edge('rx', 'b0050', 'backend'),
    );
    const view = collapseTopology(nodes, edges);
    expect(view.nodes.some(n => n.id === 'b0050')).toBe(true);
    expect(view.nodes.some(n => n.id === 'r0050')).toBe(false);
    expect(view.edges).toContainEqual(
      expect.objectContaining({
        source: 'group:l:route',
        target: 'b0050',
        type: 'backend',
      }),
    );
  });
});
