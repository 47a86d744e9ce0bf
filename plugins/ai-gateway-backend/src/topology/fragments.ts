import {
  GEN_AI_SYSTEM_BY_PROVIDER,
  NodeMetrics,
  TopologyNode,
  backendType,
  llmTargets,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ObjectFacts, RefFacts } from './facts';
import { trafficKey } from './metricsIndex';
import {
  Fragment,
  MetricsOf,
  Relation,
  StructEdge,
  StructNode,
} from './graphTypes';

const edge = (
  source: string,
  target: string,
  type: StructEdge['edge']['type'],
  metricsOf?: MetricsOf,
  weight?: number,
): StructEdge => ({
  edge: {
    id: `${source}->${target}`,
    source,
    target,
    type,
    ...(weight !== undefined ? { weight } : {}),
  },
  ...(metricsOf ? { metricsOf } : {}),
});

/** The node of an object; an object the scope does not see is `external`: no status, no details. */
export function objectNode(
  f: ObjectFacts,
  type: TopologyNode['type'],
  relation: Relation,
  metricsOf: MetricsOf,
): StructNode {
  const visible = relation !== 'external';
  return {
    node: {
      id: f.id,
      type,
      label: f.label,
      cluster: f.cluster,
      ref: f.ref,
      relation,
      ...(visible ? f.status : { status: 'unknown' as const }),
      details: visible ? f.details : {},
    },
    metricsOf,
  };
}

/** The node of a referenced object that is missing or not visible to the scope. */
export function externalNode(
  ref: RefFacts,
  type: TopologyNode['type'],
  metricsOf: MetricsOf,
): StructNode {
  const [cluster, kind, namespace, name] = ref.key.split('|');
  return {
    node: {
      id: ref.id,
      type,
      label: `${namespace ? `${namespace}/` : ''}${name}`,
      cluster,
      ref: { kind, ...(namespace ? { namespace } : {}), name },
      relation: 'external',
      status: 'unknown',
      details: {},
    },
    metricsOf,
  };
}

/** A Gateway, its listeners and the edges between them. */
export function gatewayFragment(
  f: ObjectFacts,
  relation: Relation,
): Pick<Fragment, 'nodes' | 'edges'> {
  const gw = f.name;
  const gk = trafficKey.gateway(gw);
  const nodes = [objectNode(f, 'gateway', relation, c => c.ix.traffic(gk))];
  const edges: StructEdge[] = [];
  for (const l of f.listeners) {
    const id = `${f.id}#${l.name}`;
    const lk = trafficKey.listener(gw, l.name);
    const metricsOf: MetricsOf = c => c.ix.traffic(lk);
    nodes.push({
      node: {
        id,
        type: 'listener',
        label: l.label,
        cluster: f.cluster,
        ref: {
          kind: 'Gateway',
          namespace: f.object.metadata.namespace,
          name: f.object.metadata.name,
        },
        relation,
        status: l.status,
        details: { hostname: l.hostname, protocol: l.protocol, port: l.port },
      },
      metricsOf,
    });
    edges.push(edge(f.id, id, 'listener', metricsOf));
  }
  return { nodes, edges };
}

/**
 * A route, its edges from the listeners (or gateways) it attaches to and to its backends, and the nodes of
 * referenced objects the scope does not see. `gateway(key)`: the facts of an existing Gateway, if any;
 * `visible(key)`: whether the scope sees an object.
 */
export function routeFragment(
  f: ObjectFacts,
  relation: Relation,
  gateway: (key: string) => ObjectFacts | undefined,
  visible: (key: string) => boolean,
): Pick<Fragment, 'nodes' | 'edges'> {
  const route = f.name;
  const rk = trafficKey.route(route);
  const nodes = [objectNode(f, 'route', relation, c => c.ix.traffic(rk))];
  const edges: StructEdge[] = [];
  for (const p of f.parents) {
    const gw = gateway(p.key);
    const gk = trafficKey.gateway(p.name);
    if (!visible(p.key))
      nodes.push(externalNode(p, 'gateway', c => c.ix.traffic(gk)));
    const attached = (gw?.listeners ?? []).filter(
      l => !p.section || l.name === p.section,
    );
    if (!attached.length)
      edges.push(edge(p.id, f.id, 'route', c => c.ix.traffic(rk)));
    for (const l of attached) {
      const k = trafficKey.listenerRoute(p.name, l.name, route);
      edges.push(
        edge(`${p.id}#${l.name}`, f.id, 'route', c => c.ix.traffic(k)),
      );
    }
  }
  for (const b of f.backends) {
    const bk = trafficKey.backend(b.identity);
    const rbk = trafficKey.routeBackend(route, b.identity);
    if (!visible(b.key))
      nodes.push(externalNode(b, 'backend', c => c.ix.traffic(bk)));
    edges.push(edge(f.id, b.id, 'backend', c => c.ix.traffic(rbk), b.weight));
  }
  return { nodes, edges };
}

/** An AgentgatewayBackend and its LLM / static / A2A targets (MCP targets are joined per scrape). */
export function backendFragment(
  f: ObjectFacts,
  relation: Relation,
): Pick<Fragment, 'nodes' | 'edges' | 'mcp'> {
  const bk = trafficKey.backend(f.name);
  const backend: MetricsOf = c => c.ix.traffic(bk);
  const b = objectNode(f, 'backend', relation, backend);
  const nodes = [b];
  const edges: StructEdge[] = [];
  const base = {
    cluster: f.cluster,
    ref: b.node.ref,
    relation,
    status: b.node.status,
  };
  const type = backendType(f.object);
  if (type === 'ai') {
    llmTargets(f.object).forEach((t, i) => {
      const system = GEN_AI_SYSTEM_BY_PROVIDER[t.provider] ?? t.provider;
      const metricsOf: MetricsOf = c =>
        c.ix.llm(c.routesOf(f.key), system, t.model);
      const id = `${f.id}#llm${i}`;
      nodes.push({
        node: {
          id,
          type: 'target',
          label: `${t.provider}${t.model ? ` ${t.model}` : ''}`,
          ...base,
          details: {
            kind: 'LLM',
            provider: t.provider,
            model: t.model ?? '(provider default)',
            system,
            ...(t.group !== undefined ? { priorityGroup: t.group } : {}),
          },
        },
        metricsOf,
      });
      edges.push(edge(f.id, id, 'target', metricsOf));
    });
  } else if (type === 'mcp') {
    return { nodes, edges, mcp: { bKey: f.key, bId: f.id, base } };
  } else if (type === 'static' || type === 'a2a') {
    const s = f.object.spec[type];
    const host = `${s.host ?? s.unixPath}${s.port ? `:${s.port}` : ''}`;
    const id = `${f.id}#host`;
    nodes.push({
      node: {
        id,
        type: 'target',
        label: host,
        ...base,
        details: { kind: type === 'a2a' ? 'A2A agent' : 'Static host', host },
      },
      metricsOf: backend,
    });
    edges.push(edge(f.id, id, 'target', backend));
  }
  return { nodes, edges };
}

const NO_TRAFFIC: NodeMetrics = {
  available: false,
  reason: 'Policies carry no traffic of their own',
};

/** A policy's node; its edges depend on which nodes exist and are drawn when the graph is assembled. */
export function policyNode(f: ObjectFacts, relation: Relation): StructNode {
  return objectNode(f, 'policy', relation, () => NO_TRAFFIC);
}

export { edge as structEdge };
