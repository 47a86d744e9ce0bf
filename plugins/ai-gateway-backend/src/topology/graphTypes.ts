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
  routesOf: (backendKey: string) => ReadonlySet<string>;
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

/**
 * What one visible object puts in the graph: the nodes and edges of its fragment that no object before it
 * (in graph order) put there already, a policy's edges, and for a backend the visible routes naming it
 * (its LLM and MCP numbers come from them). The same object while none of that changes, so the numbers
 * joined onto it and their JSON are reused (`joinMetrics.ts`, `bodyChunks.ts`).
 */
export interface Segment {
  key: string;
  cluster: string;
  facts: ObjectFacts;
  nodes: StructNode[];
  edges: StructEdge[];
  routes: ReadonlySet<string>;
  mcp?: Fragment['mcp'];
  /** whether a body chunk ends after this segment: from the key alone, so chunks survive insertions */
  boundary: boolean;
}
