import {
  NodeMetrics,
  TopologyEdge,
  TopologyNode,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { MetricsIndex } from './metricsIndex';
import { ObjectFacts } from './facts';

/** What a node's or edge's numbers are joined from: one cluster's metrics index and the backends' routes. */
export interface JoinContext {
  ix: MetricsIndex;
  /** the visible routes (`namespace/name`) referencing a backend (object key) */
  routesOf: (backendKey: string) => Set<string>;
}

export type MetricsOf = (ctx: JoinContext) => NodeMetrics;

/** A node of the structural graph: everything but its numbers, and how to join them. */
export interface StructNode {
  node: Omit<TopologyNode, 'metrics'>;
  metricsOf: MetricsOf;
}

/** An edge of the structural graph; `metricsOf` absent for edges without numbers (policies). */
export interface StructEdge {
  edge: Pick<TopologyEdge, 'id' | 'source' | 'target' | 'type' | 'weight'>;
  metricsOf?: MetricsOf;
}

export type Relation = TopologyNode['relation'];

/**
 * The part of the graph one object contributes, reused while the object version (its facts), its relation
 * and what it depends on (`deps`: the facts and relations of the objects it references) stay the same.
 */
export interface Fragment {
  facts: ObjectFacts;
  relation: Relation;
  deps: unknown[];
  nodes: StructNode[];
  edges: StructEdge[];
  /** MCP backends: servers and tools come from the metrics too, so they are joined per scrape */
  mcp?: { bKey: string; bId: string; base: McpBase };
}

export interface McpBase {
  cluster: string;
  ref: TopologyNode['ref'];
  relation: Relation;
  status: TopologyNode['status'];
}
