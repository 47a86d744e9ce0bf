import {
  GEN_AI_SYSTEM_BY_PROVIDER,
  KubeObject,
  MetricsResult,
  MetricsWindow,
  NodeMetrics,
  TopologyEdge,
  TopologyEdgeType,
  TopologyNode,
  TopologyNodeStatus,
  TopologyResponse,
  backendType,
  findKind,
  llmTargets,
  mcpTargets,
  parentRefs,
  policyTargetRefs,
  routeBackendRefs,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { MetricsIndex } from './metricsIndex';
import { backendRefIdentity } from './labels';
import {
  ROUTE_KINDS,
  TopologyObject,
  TopologyScope,
  keyOf,
  nsName,
  objectKey,
  visibleObjects,
} from './scope';

export interface BuildTopologyInput {
  objects: TopologyObject[];
  /** one metrics result per cluster; a missing cluster counts as unavailable */
  metrics: Record<string, MetricsResult>;
  scope: TopologyScope;
  window: MetricsWindow;
  now?: Date;
}

const nodeId = (key: string) => key.replace(/\|/g, ':');

function statusOf(obj: KubeObject): {
  status: TopologyNodeStatus;
  statusMessage?: string;
} {
  const d = findKind(obj.kind);
  if (!d) return { status: 'unknown' };
  const conditions = d
    .conditions(obj)
    .filter(c => d.conditionTypes.includes(c.type));
  const bad = conditions.find(c => c.status === 'False');
  if (bad)
    return {
      status: 'error',
      statusMessage: `${bad.type}: ${[bad.reason, bad.message]
        .filter(Boolean)
        .join(' - ')}`,
    };
  if (conditions.some(c => c.status === 'Unknown'))
    return { status: 'warning', statusMessage: 'Some conditions are Unknown' };
  return conditions.length
    ? { status: 'ok' }
    : { status: 'unknown', statusMessage: 'No status written yet' };
}

function listenerStatus(
  gateway: KubeObject,
  listener: string,
): TopologyNodeStatus {
  const statuses: Array<{ name?: string; conditions?: unknown }> =
    Array.isArray(gateway.status?.listeners) ? gateway.status.listeners : [];
  const l = statuses.find(x => x?.name === listener);
  const conds: Array<{ status?: string }> = Array.isArray(l?.conditions)
    ? l.conditions
    : [];
  if (!conds.length) return 'unknown';
  return conds.some(c => c.status === 'False') ? 'error' : 'ok';
}

function edgeNumbers(m: NodeMetrics): Partial<TopologyEdge> {
  if (!m.available) return {};
  const perMinute =
    m.mcpCallsPerMinute ??
    (m.tokensInPerMinute !== undefined
      ? m.tokensInPerMinute + (m.tokensOutPerMinute ?? 0)
      : undefined);
  return {
    ...(m.rps !== undefined ? { rps: m.rps } : {}),
    ...(m.errorRate !== undefined ? { errorRate: m.errorRate } : {}),
    ...(m.p95Ms !== undefined ? { p95Ms: m.p95Ms } : {}),
    ...(perMinute !== undefined ? { perMinute } : {}),
  };
}

/**
 * The live topology of the objects a scope sees: Gateways → listeners → routes → backends → targets (LLM
 * provider/model, MCP servers and their tools, static hosts), with the policies attached to each, and the
 * window's numbers on nodes and edges. Pure: same input, same output. Without metrics the graph is still
 * complete and every node says why it has no numbers.
 */
export function buildTopology(input: BuildTopologyInput): TopologyResponse {
  const { objects, scope } = input;
  const visible = visibleObjects(objects, scope);
  const byKey = new Map(objects.map(o => [keyOf(o), o]));
  const clusters = [
    ...new Set([...objects.map(o => o.cluster), ...Object.keys(input.metrics)]),
  ].sort();

  // entity scope: numbers only from the entity's own routes
  const ownRoutes = new Map<string, Set<string>>();
  for (const o of objects) {
    if (
      ROUTE_KINDS.has(o.object.kind) &&
      visible.relation.get(keyOf(o)) === 'owned'
    ) {
      const set = ownRoutes.get(o.cluster) ?? new Set<string>();
      set.add(nsName(o.object));
      ownRoutes.set(o.cluster, set);
    }
  }
  const index = new Map(
    clusters.map(c => [
      c,
      new MetricsIndex(
        input.metrics[c],
        scope.type === 'entity' ? ownRoutes.get(c) ?? new Set() : undefined,
      ),
    ]),
  );

  const nodes = new Map<string, TopologyNode>();
  const edges = new Map<string, TopologyEdge>();
  const addEdge = (
    source: string,
    target: string,
    type: TopologyEdgeType,
    m?: NodeMetrics,
    weight?: number,
  ) => {
    const id = `${source}->${target}`;
    if (!edges.has(id))
      edges.set(id, {
        id,
        source,
        target,
        type,
        ...(m ? edgeNumbers(m) : {}),
        ...(weight !== undefined ? { weight } : {}),
      });
  };
  const addObjectNode = (
    key: string,
    type: TopologyNode['type'],
    metrics: () => NodeMetrics,
  ): string => {
    const id = nodeId(key);
    if (nodes.has(id)) return id;
    const o = byKey.get(key);
    const [cluster, kind, namespace, name] = key.split('|');
    const relation = visible.relation.get(key) ?? 'external';
    const d = findKind(kind);
    nodes.set(id, {
      id,
      type,
      label: `${namespace ? `${namespace}/` : ''}${name}`,
      cluster,
      ref: { kind, ...(namespace ? { namespace } : {}), name },
      relation,
      ...(o && relation !== 'external'
        ? statusOf(o.object)
        : { status: 'unknown' as const }),
      details: o && relation !== 'external' && d ? d.summarize(o.object) : {},
      metrics: metrics(),
    });
    return id;
  };

  // Gateways and listeners
  const visibleOf = (kind: (k: string) => boolean) =>
    objects.filter(o => kind(o.object.kind) && visible.relation.has(keyOf(o)));
  for (const g of visibleOf(k => k === 'Gateway')) {
    const ix = index.get(g.cluster)!;
    const gwName = nsName(g.object);
    const gwId = addObjectNode(keyOf(g), 'gateway', () => ix.gateway(gwName));
    for (const l of Array.isArray(g.object.spec?.listeners)
      ? g.object.spec.listeners
      : []) {
      const id = `${gwId}#${l.name}`;
      const m = ix.listener(gwName, l.name);
      nodes.set(id, {
        id,
        type: 'listener',
        label: `${l.name} ${l.protocol ?? ''}/${l.port ?? ''}`.trim(),
        cluster: g.cluster,
        ref: {
          kind: 'Gateway',
          namespace: g.object.metadata.namespace,
          name: g.object.metadata.name,
        },
        relation: nodes.get(gwId)!.relation,
        status: listenerStatus(g.object, l.name),
        details: { hostname: l.hostname, protocol: l.protocol, port: l.port },
        metrics: m,
      });
      addEdge(gwId, id, 'listener', m);
    }
  }

  // Routes and their backendRefs
  const routesOfBackend = new Map<string, Set<string>>();
  for (const r of visibleOf(k => ROUTE_KINDS.has(k))) {
    const ix = index.get(r.cluster)!;
    const routeName = nsName(r.object);
    const routeId = addObjectNode(keyOf(r), 'route', () => ix.route(routeName));
    for (const p of parentRefs(r.object)) {
      const gwKey = objectKey(r.cluster, p.kind, p.namespace, p.name);
      const gwName = `${p.namespace}/${p.name}`;
      const gwId = addObjectNode(gwKey, 'gateway', () => ix.gateway(gwName));
      const gw = byKey.get(gwKey)?.object;
      const listeners: Array<{ name?: string }> = Array.isArray(
        gw?.spec?.listeners,
      )
        ? gw?.spec.listeners
        : [];
      const attached = listeners.filter(
        l => !p.sectionName || l.name === p.sectionName,
      );
      if (!attached.length)
        addEdge(gwId, routeId, 'route', ix.route(routeName));
      for (const l of attached)
        addEdge(
          `${gwId}#${l.name}`,
          routeId,
          'route',
          ix.listenerRoute(gwName, l.name, routeName),
        );
    }
    for (const b of routeBackendRefs(r.object)) {
      const bKey = objectKey(r.cluster, b.kind, b.namespace, b.name);
      const backendName = backendRefIdentity(b);
      const bId = addObjectNode(bKey, 'backend', () => ix.backend(backendName));
      addEdge(
        routeId,
        bId,
        'backend',
        ix.routeBackend(routeName, backendName),
        b.weight,
      );
      const set = routesOfBackend.get(bKey) ?? new Set<string>();
      set.add(routeName);
      routesOfBackend.set(bKey, set);
    }
  }

  // Backends and their targets
  for (const b of visibleOf(k => k === 'AgentgatewayBackend')) {
    const ix = index.get(b.cluster)!;
    const bKey = keyOf(b);
    const backendMetrics = ix.backend(nsName(b.object));
    const bId = addObjectNode(bKey, 'backend', () => backendMetrics);
    const routes = routesOfBackend.get(bKey) ?? new Set<string>();
    const base = {
      cluster: b.cluster,
      ref: nodes.get(bId)!.ref,
      relation: nodes.get(bId)!.relation,
      status: nodes.get(bId)!.status,
    };
    const type = backendType(b.object);
    if (type === 'ai') {
      llmTargets(b.object).forEach((t, i) => {
        const system = GEN_AI_SYSTEM_BY_PROVIDER[t.provider] ?? t.provider;
        const m = ix.llm(routes, system, t.model);
        const id = `${bId}#llm${i}`;
        nodes.set(id, {
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
          metrics: m,
        });
        addEdge(bId, id, 'target', m);
      });
    } else if (type === 'mcp') {
      const addServer = (
        parentId: string,
        server: string,
        details: TopologyNode['details'],
      ) => {
        const m = ix.mcpServer(routes, server);
        const id = `${bId}#mcp:${server}`;
        nodes.set(id, {
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
          nodes.set(toolId, {
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
      const targets = mcpTargets(b.object);
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
          .reduce(
            (a, m) => a + (m.available ? m.mcpCallsPerMinute ?? 0 : 0),
            0,
          );
        const m: NodeMetrics =
          ix.unavailable ??
          (selectors.length === 1
            ? { available: true, mcpCallsPerMinute: calls }
            : {
                available: false,
                reason:
                  'Servers chosen by several selectors are shown under the backend',
              });
        nodes.set(id, {
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
    } else if (type === 'static' || type === 'a2a') {
      const s = b.object.spec[type];
      const host = `${s.host ?? s.unixPath}${s.port ? `:${s.port}` : ''}`;
      const id = `${bId}#host`;
      nodes.set(id, {
        id,
        type: 'target',
        label: host,
        ...base,
        details: { kind: type === 'a2a' ? 'A2A agent' : 'Static host', host },
        metrics: backendMetrics,
      });
      addEdge(bId, id, 'target', backendMetrics);
    }
  }

  // Policies, attached to the nodes they target
  for (const p of visibleOf(k => k === 'AgentgatewayPolicy')) {
    const pId = addObjectNode(keyOf(p), 'policy', () => ({
      available: false,
      reason: 'Policies carry no traffic of their own',
    }));
    for (const t of policyTargetRefs(p.object)) {
      const target = nodeId(objectKey(p.cluster, t.kind, t.namespace, t.name));
      const section = t.sectionName ? `${target}#${t.sectionName}` : undefined;
      const to = section && nodes.has(section) ? section : target;
      if (nodes.has(to)) addEdge(pId, to, 'policy');
    }
  }

  return {
    window: input.window,
    generatedAt: (input.now ?? new Date()).toISOString(),
    scope:
      scope.type === 'platform'
        ? { type: 'platform' }
        : { type: 'entity', entityRef: scope.entityRef },
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    // the clusters the caller asked metrics of (an entity: those where it has objects)
    metrics: Object.keys(input.metrics)
      .sort()
      .map(c => {
        const m = input.metrics[c];
        return m?.available
          ? { cluster: c, available: true, source: m.source }
          : {
              cluster: c,
              available: false,
              reason:
                m && !m.available ? m.reason : 'No metrics for this cluster',
            };
      }),
  };
}
