import {
  NodeMetrics,
  TopologyEdge,
  TopologyNode,
  mcpTargets,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ObjectFacts } from './facts';
import { Fragment } from './graphTypes';
import { MetricsIndex } from './metricsIndex';
import { edgeNumbers } from './status';

/**
 * The MCP targets of one backend with this scrape's numbers: servers named in the spec, one node per
 * selector, the servers a selector chose (their names exist only in the metrics: `{service}-{port}`), and
 * the tools called on each server.
 */
export function mcpNodes(
  part: NonNullable<Fragment['mcp']>,
  facts: ObjectFacts,
  ix: MetricsIndex,
  routes: ReadonlySet<string>,
): { nodes: TopologyNode[]; edges: TopologyEdge[] } {
  const { bId, base } = part;
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const addEdge = (
    source: string,
    target: string,
    type: TopologyEdge['type'],
    m: NodeMetrics,
  ) =>
    edges.push({
      id: `${source}->${target}`,
      source,
      target,
      type,
      ...edgeNumbers(m),
    });
  const addServer = (
    parentId: string,
    server: string,
    details: TopologyNode['details'],
  ) => {
    const m = ix.mcpServer(routes, server);
    const id = `${bId}#mcp:${server}`;
    nodes.push({
      id,
      type: 'target',
      label: `MCP ${server}`,
      ...base,
      details,
      metrics: m,
    });
    addEdge(parentId, id, 'target', m);
    for (const tool of ix.tools(routes, server)) {
      const toolId = `${id}#tool:${tool.tool}`;
      const tm: NodeMetrics = {
        available: true,
        mcpCallsPerMinute: tool.perMinute,
      };
      nodes.push({
        id: toolId,
        type: 'tool',
        label: tool.tool,
        ...base,
        status: 'unknown',
        details: { kind: 'MCP tool', server },
        metrics: tm,
      });
      addEdge(id, toolId, 'tool', tm);
    }
  };
  const targets = mcpTargets(facts.object);
  const named = new Set(targets.filter(t => !t.selected).map(t => t.name));
  const selectors = targets.filter(t => t.selected);
  // selector targets: the controller names one server per selected Service port; take them from metrics
  const selectedServers = selectors.length
    ? ix.mcpServerNames(routes).filter(n => !named.has(n))
    : [];
  for (const t of targets) {
    if (!t.selected) {
      addServer(bId, t.name, {
        kind: 'MCP',
        destination: t.destination,
        protocol: t.protocol,
      });
      continue;
    }
    const id = `${bId}#selector:${t.name}`;
    const calls = selectedServers
      .map(n => ix.mcpServer(routes, n))
      .reduce((a, m) => a + (m.available ? m.mcpCallsPerMinute ?? 0 : 0), 0);
    const m: NodeMetrics =
      ix.unavailable ??
      (selectors.length === 1
        ? { available: true, mcpCallsPerMinute: calls }
        : {
            available: false,
            reason:
              'Servers chosen by several selectors are shown under the backend',
          });
    nodes.push({
      id,
      type: 'target',
      label: `MCP ${t.name} (selector)`,
      ...base,
      details: {
        kind: 'MCP (selector)',
        destination: t.destination,
        servers: selectedServers,
      },
      metrics: m,
    });
    addEdge(bId, id, 'target', m);
  }
  const selectorParent =
    selectors.length === 1 ? `${bId}#selector:${selectors[0].name}` : bId;
  for (const server of selectedServers)
    addServer(selectorParent, server, {
      kind: 'MCP (selected Service port)',
      selectedBy: selectors.map(t => t.name),
    });
  return { nodes, edges };
}
