import {
  MetricsResult,
  MetricsWindow,
  TopologyResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { joinMetrics } from './joinMetrics';
import { buildStructure } from './structure';
import { TopologyObject, TopologyScope } from './scope';

export interface BuildTopologyInput {
  objects: TopologyObject[];
  /** one metrics result per cluster; a missing cluster counts as unavailable */
  metrics: Record<string, MetricsResult>;
  scope: TopologyScope;
  window: MetricsWindow;
  now?: Date;
}

/**
 * The live topology of the objects a scope sees: Gateways → listeners → routes → backends → targets (LLM
 * provider/model, MCP servers and their tools, static hosts), with the policies attached to each, and the
 * window's numbers on nodes and edges. Pure: same input, same output. Without metrics the graph is still
 * complete and every node says why it has no numbers.
 *
 * Two steps, so that each is redone only when its input changes (see `TopologyGraphs`): the structural
 * graph from the objects (`structure.ts`, per object fragments from `fragments.ts`), then the metrics
 * joined onto it (`joinMetrics.ts`). This is the from-scratch path of both.
 */
export function buildTopology(input: BuildTopologyInput): TopologyResponse {
  return joinMetrics(buildStructure(input.objects, input.scope), input);
}
