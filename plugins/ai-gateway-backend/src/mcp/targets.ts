import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../cache/ResourceCaches';
import { LabelRequirement } from '../entities/labelSelector';
import { McpConfig, McpTransportKind } from './config';

/** One MCP endpoint discovery connects to. */
export interface McpConnection {
  /** data-plane target name (absent when the URL serves the whole backend: gateway or whole-backend override) */
  target?: string;
  url: string;
  transport: McpTransportKind;
  headers: Record<string, string>;
}

/** Where to discover one MCP backend, and whether names get the target prefix (as agentgateway exposes them). */
export interface McpDiscoveryPlan {
  /** `gateway`: the Gateway's URL (aiGateway.gateways); `endpoint`: aiGateway.mcp.endpoints; `targets`: each target */
  via: 'gateway' | 'endpoint' | 'targets';
  connections: McpConnection[];
  /** prefix tool / prompt names with `<target>_` and resource URIs with `<target>+` */
  prefix: boolean;
  /** FailOpen: a failing target is skipped; FailClosed (default): the whole backend fails */
  failOpen: boolean;
  /** targets that could not be resolved (e.g. a selector whose Services are not in the caches) */
  unresolved: string[];
}

// agentgateway's controller (controller/pkg/syncer/backend/mcp.go): Service ports with these appProtocols are targets
const MCP_APP_PROTOCOLS: Record<string, McpTransportKind> = {
  'agentgateway.dev/mcp': 'streamable-http',
  'kgateway.dev/mcp': 'streamable-http',
  'agentgateway.dev/mcp-sse': 'sse',
  'kgateway.dev/mcp-sse': 'sse',
};
const ANNOTATION_TARGET_NAME = 'agentgateway.dev/mcp-target-name';
const ANNOTATION_PATH = 'agentgateway.dev/mcp-path';
const ANNOTATION_PATH_LEGACY = 'kgateway.dev/mcp-path';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v ? v : undefined;

/** Data-plane default paths when a target has none (crates/agentgateway/src/types/agent_xds.rs). */
function defaultPath(transport: McpTransportKind): string {
  return transport === 'sse' ? '/sse' : '/mcp';
}

function hostPort(host: string, port: unknown): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return typeof port === 'number' ? `${h}:${port}` : h;
}

function requirementsOf(selector: unknown): LabelRequirement[] {
  if (!isObj(selector)) return [];
  const reqs: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(
    isObj(selector.matchLabels) ? selector.matchLabels : {},
  )) {
    reqs.push({ key, op: 'in', values: [String(value)] });
  }
  for (const e of Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions
    : []) {
    if (!isObj(e) || typeof e.key !== 'string') continue;
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    if (e.operator === 'In') reqs.push({ key: e.key, op: 'in', values });
    else if (e.operator === 'NotIn')
      reqs.push({ key: e.key, op: 'notin', values });
    else if (e.operator === 'Exists') reqs.push({ key: e.key, op: 'exists' });
    else if (e.operator === 'DoesNotExist')
      reqs.push({ key: e.key, op: 'doesnotexist' });
  }
  return reqs;
}

/** Targets of a selector: every matching Service port with an MCP appProtocol, named as the controller names them. */
function selectorTargets(
  reader: ResourceReader,
  cluster: string,
  namespace: string,
  selector: Obj,
): McpConnection[] {
  const services = reader.query(cluster, 'Service', {
    namespaces: [namespace],
    requirements: requirementsOf(selector.services),
  });
  const out: McpConnection[] = [];
  for (const svc of services) {
    const spec = isObj(svc.spec) ? svc.spec : {};
    const annotations = svc.metadata.annotations ?? {};
    for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
      if (!isObj(port)) continue;
      const transport = MCP_APP_PROTOCOLS[String(port.appProtocol)];
      if (!transport) continue;
      const name =
        annotations[ANNOTATION_TARGET_NAME] ??
        (str(port.name)
          ? `${svc.metadata.name}-${port.name}`
          : `${svc.metadata.name}-${port.port}`);
      const path =
        annotations[ANNOTATION_PATH] ??
        annotations[ANNOTATION_PATH_LEGACY] ??
        defaultPath(transport);
      const host = `${svc.metadata.name}.${svc.metadata.namespace}.svc.cluster.local`;
      out.push({
        target: name,
        url: `http://${hostPort(host, port.port)}${path}`,
        transport,
        headers: {},
      });
    }
  }
  return out;
}

function staticTarget(
  name: string,
  namespace: string,
  s: Obj,
): McpConnection | undefined {
  const transport: McpTransportKind =
    s.protocol === 'SSE' ? 'sse' : 'streamable-http';
  const ref = isObj(s.backendRef) ? str(s.backendRef.name) : undefined;
  const host =
    str(s.host) ?? (ref ? `${ref}.${namespace}.svc.cluster.local` : undefined);
  if (!host) return undefined;
  return {
    target: name,
    url: `http://${hostPort(host, s.port)}${
      str(s.path) ?? defaultPath(transport)
    }`,
    transport,
    headers: {},
  };
}

/** HTTPRoutes in the backend's namespace whose rules send traffic to it. */
function routesTo(
  reader: ResourceReader,
  cluster: string,
  backend: KubeObject,
): KubeObject[] {
  const ns = backend.metadata.namespace ?? '';
  return reader
    .query(cluster, 'HTTPRoute', { namespaces: [ns] })
    .filter(route => {
      const rules =
        isObj(route.spec) && Array.isArray(route.spec.rules)
          ? route.spec.rules
          : [];
      return rules.some(
        r =>
          isObj(r) &&
          Array.isArray(r.backendRefs) &&
          r.backendRefs.some(
            b =>
              isObj(b) &&
              b.kind === 'AgentgatewayBackend' &&
              b.name === backend.metadata.name &&
              (b.namespace === undefined || b.namespace === ns),
          ),
      );
    });
}

/** The first configured Gateway URL + route path prefix serving the backend, if any. */
export function gatewayUrlFor(
  reader: ResourceReader,
  cluster: string,
  backend: KubeObject,
  gateways: Map<string, string>,
): string | undefined {
  for (const route of routesTo(reader, cluster, backend)) {
    const spec = isObj(route.spec) ? route.spec : {};
    const parents = Array.isArray(spec.parentRefs)
      ? spec.parentRefs.filter(isObj)
      : [];
    for (const parent of parents) {
      if (parent.kind !== undefined && parent.kind !== 'Gateway') continue;
      const id = `${str(parent.namespace) ?? route.metadata.namespace}/${
        parent.name
      }`;
      const base = gateways.get(`${cluster}:${id}`) ?? gateways.get(id);
      if (!base) continue;
      const rules = Array.isArray(spec.rules) ? spec.rules.filter(isObj) : [];
      const match = rules
        .flatMap(r => (Array.isArray(r.matches) ? r.matches.filter(isObj) : []))
        .map(m => (isObj(m.path) ? str(m.path.value) : undefined))
        .find(Boolean);
      return `${base}${match && match !== '/' ? match : ''}`;
    }
  }
  return undefined;
}

/** Decides where discovery of one MCP backend (an AgentgatewayBackend with `spec.mcp`) connects. */
export function planMcpDiscovery(
  reader: ResourceReader,
  cluster: string,
  backend: KubeObject,
  config: Pick<McpConfig, 'endpoints' | 'gateways'>,
): McpDiscoveryPlan {
  const ns = backend.metadata.namespace ?? '';
  const id = `${ns}/${backend.metadata.name}`;
  const mcp =
    isObj(backend.spec) && isObj(backend.spec.mcp) ? backend.spec.mcp : {};
  const failOpen = mcp.failureMode === 'FailOpen';
  const overrides = config.endpoints.filter(
    e => e.backend === id && (!e.cluster || e.cluster === cluster),
  );
  const whole = overrides.find(e => !e.target);
  if (whole) {
    const { url, transport, headers } = whole;
    return {
      via: 'endpoint',
      connections: [{ url, transport, headers }],
      prefix: false,
      failOpen,
      unresolved: [],
    };
  }
  // explicit development endpoints win over the derived gateway URL (the gateway may not be reachable from here)
  const viaGateway = overrides.length
    ? undefined
    : gatewayUrlFor(reader, cluster, backend, config.gateways);
  if (viaGateway) {
    return {
      via: 'gateway',
      connections: [{ url: viaGateway, transport: 'auto', headers: {} }],
      prefix: false,
      failOpen,
      unresolved: [],
    };
  }
  const connections: McpConnection[] = [];
  const unresolved: string[] = [];
  for (const t of Array.isArray(mcp.targets) ? mcp.targets.filter(isObj) : []) {
    const name = str(t.name) ?? '';
    if (isObj(t.static)) {
      const c = staticTarget(name, ns, t.static);
      if (c) connections.push(c);
      else unresolved.push(name);
    } else if (isObj(t.selector)) {
      const found = selectorTargets(reader, cluster, ns, t.selector);
      if (!found.length) unresolved.push(name);
      connections.push(...found);
    }
  }
  // per-target overrides replace a target's URL, or add a target the caches cannot expand (selector Services)
  for (const o of overrides) {
    const c = {
      target: o.target,
      url: o.url,
      transport: o.transport,
      headers: o.headers,
    };
    const i = connections.findIndex(x => x.target === o.target);
    if (i >= 0) connections[i] = c;
    else connections.push(c);
  }
  const resolvedNames = new Set(connections.map(c => c.target));
  const stillUnresolved = unresolved.filter(u => !resolvedNames.has(u));
  const prefix =
    mcp.prefixMode === 'Always' ||
    (mcp.prefixMode !== 'Never' && connections.length !== 1);
  return {
    via: 'targets',
    connections,
    prefix,
    failOpen,
    unresolved: overrides.length ? [] : stillUnresolved,
  };
}
