import {
  GEN_AI_SYSTEM_BY_PROVIDER,
  KubeObject,
  backendType,
  llmTargets,
  parentRefs,
  policyTargetRefs,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { hashString } from './prng';
import {
  customLabelNames,
  selectedMcpTargets,
  serviceBackendLabel,
} from './names';

/**
 * A traffic plan: one flow per (route rule, parent gateway, backendRef), derived from Kubernetes objects the
 * same way agentgateway labels its metrics (`gateway` / `route` as `namespace/name`; `backend` as
 * `namespace/name` for an AgentgatewayBackend and `hostname:port` for a Service, see `names.ts`).
 */
export interface LlmFlow {
  system: string;
  requestModel: string;
  responseModel: string;
  /** USD per 1M tokens */
  inputPrice: number;
  outputPrice: number;
}

export interface McpServer {
  name: string;
  tools: string[];
}

export interface Denial {
  status: string;
  reason: string;
  /** share of the flow's requests */
  share: number;
  /** denied before a backend is chosen: `backend="unknown"`, `protocol="http"` */
  beforeBackend: boolean;
}

export interface Flow {
  gateway: string;
  bind: string;
  listener: string;
  route: string;
  routeRule: string;
  backend: string;
  protocol: 'llm' | 'mcp' | 'http' | 'a2a';
  /** the backendRef names an object that does not exist: 500 NoHealthyBackend, `backend="unknown"` */
  missing: boolean;
  /** custom metric labels of the gateway's `frontend.metrics` policies, appended to every series */
  customLabels: string[];
  /** the listener terminates TLS (TCPLabels `protocol="https"`, TLS handshake histogram) */
  tls: boolean;
  /** an LLM prompt guard applies: guardrail checks on requests and responses */
  guardrail: boolean;
  /** mean requests per second */
  baseRps: number;
  /** median latency (seconds) */
  medianLatency: number;
  llm?: LlmFlow[];
  mcp?: McpServer[];
  denials: Denial[];
  /** share of 5xx upstream failures */
  failureShare: number;
}

const DEFAULT_MODELS: Record<string, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-sonnet-4-5',
  'aws.bedrock': 'anthropic.claude-3-haiku',
  'gcp.gemini': 'gemini-2.5-flash',
  'gcp.vertex_ai': 'gemini-2.5-pro',
  azure: 'gpt-4o',
  custom: 'llama-3.1-8b',
};

const TOOL_NAMES = [
  'fetch',
  'search',
  'read_file',
  'list_files',
  'create_issue',
  'get_weather',
  'run_query',
  'summarize',
];

const PROTOCOL_BY_TYPE: Partial<Record<string, Flow['protocol']>> = {
  ai: 'llm',
  mcp: 'mcp',
  a2a: 'a2a',
};

const key = (ns: string | undefined, name: string) =>
  `${ns ?? 'default'}/${name}`;

interface Listener {
  name?: string;
  port?: number;
  protocol?: string;
}

interface BackendRef {
  name?: string;
  namespace?: string;
  kind?: string;
  group?: string;
  port?: number;
}

interface Rule {
  name?: string;
  backendRefs?: BackendRef[];
}

const list = <T>(x: unknown): T[] => (Array.isArray(x) ? (x as T[]) : []);

function toolsFor(target: string): string[] {
  const h = hashString(target);
  const count = 2 + (h % 3);
  return Array.from(
    { length: count },
    (_, i) => TOOL_NAMES[(h + i * 3) % TOOL_NAMES.length],
  ).filter((t, i, all) => all.indexOf(t) === i);
}

function llmFlows(backend: KubeObject): LlmFlow[] {
  return llmTargets(backend).map(t => {
    const system = GEN_AI_SYSTEM_BY_PROVIDER[t.provider] ?? t.provider;
    const requestModel = t.model ?? DEFAULT_MODELS[system] ?? 'default';
    const h = hashString(`${system}/${requestModel}`);
    return {
      system,
      requestModel,
      responseModel: `${requestModel}-2025-0${1 + (h % 9)}-1${h % 10}`,
      inputPrice: 0.15 + (h % 300) / 100,
      outputPrice: 0.6 + (h % 1200) / 100,
    };
  });
}

/**
 * Which denials the policies targeting a gateway or route cause. Authentication, authorization and request
 * rate limits run in `apply_request_policies`, before the backend is resolved
 * (`crates/agentgateway/src/proxy/httpproxy.rs` L915-931), so those series carry `backend="unknown"` and the
 * `protocol="http"` set when the request entered `proxy_internal` (L731); prompt guards run on the backend call.
 */
function denialsFor(policies: KubeObject[]): Denial[] {
  const denials: Denial[] = [];
  for (const p of policies) {
    const traffic = p.spec?.traffic ?? {};
    if (traffic.jwtAuthentication)
      denials.push({
        status: '401',
        reason: 'JwtAuth',
        share: 0.03,
        beforeBackend: true,
      });
    if (traffic.apiKeyAuthentication)
      denials.push({
        status: '401',
        reason: 'APIKeyAuth',
        share: 0.02,
        beforeBackend: true,
      });
    if (traffic.basicAuthentication)
      denials.push({
        status: '401',
        reason: 'BasicAuth',
        share: 0.02,
        beforeBackend: true,
      });
    if (traffic.rateLimit)
      denials.push({
        status: '429',
        reason: 'RateLimit',
        share: 0.05,
        beforeBackend: true,
      });
    if (traffic.authorization)
      denials.push({
        status: '403',
        reason: 'Authorization',
        share: 0.01,
        beforeBackend: true,
      });
    if (p.spec?.backend?.ai?.promptGuard)
      denials.push({
        status: '403',
        reason: 'Guardrail',
        share: 0.01,
        beforeBackend: false,
      });
  }
  return denials;
}

export function buildPlan(objects: KubeObject[]): Flow[] {
  const gateways = new Map<string, KubeObject>();
  const backends = new Map<string, KubeObject>();
  const services = new Set<string>();
  const routes: KubeObject[] = [];
  const policiesByTarget = new Map<string, KubeObject[]>();
  for (const o of objects) {
    const k = key(o.metadata.namespace, o.metadata.name);
    if (o.kind === 'Gateway') gateways.set(k, o);
    else if (o.kind === 'AgentgatewayBackend') backends.set(k, o);
    else if (o.kind === 'Service') services.add(k);
    else if (o.kind === 'HTTPRoute' || o.kind === 'GRPCRoute') routes.push(o);
    else if (o.kind === 'AgentgatewayPolicy') {
      for (const t of policyTargetRefs(o)) {
        const tk = `${t.kind}|${t.namespace}/${t.name}`;
        policiesByTarget.set(tk, [...(policiesByTarget.get(tk) ?? []), o]);
      }
    }
  }

  const flows: Flow[] = [];
  for (const route of routes) {
    const routeKey = key(route.metadata.namespace, route.metadata.name);
    const rules = list<Rule>(route.spec?.rules);
    for (const parent of parentRefs(route)) {
      if (parent.kind !== 'Gateway') continue;
      const gatewayKey = `${parent.namespace}/${parent.name}`;
      const listeners = list<Listener>(
        gateways.get(gatewayKey)?.spec?.listeners,
      );
      const listener = listeners.find(l => l.name === parent.sectionName) ??
        listeners[0] ?? { name: 'http', port: 80 };
      const gatewayPolicies =
        policiesByTarget.get(`Gateway|${gatewayKey}`) ?? [];
      const policies = [
        ...gatewayPolicies,
        ...(policiesByTarget.get(`HTTPRoute|${routeKey}`) ?? []),
      ];
      const denials = denialsFor(policies);
      const customLabels = customLabelNames(gatewayPolicies);
      rules.forEach((rule, ruleIndex) => {
        for (const ref of list<BackendRef>(rule?.backendRefs)) {
          if (!ref?.name) continue;
          const ns = ref.namespace ?? route.metadata.namespace;
          const backendKey = key(ns, ref.name);
          const isService = !ref.kind || ref.kind === 'Service';
          const backend =
            ref.kind === 'AgentgatewayBackend'
              ? backends.get(backendKey)
              : undefined;
          const missing = isService ? !services.has(backendKey) : !backend;
          const type = backend ? backendType(backend) : 'static';
          const h = hashString(`${routeKey}|${ruleIndex}|${backendKey}`);
          const flow: Flow = {
            gateway: gatewayKey,
            bind: `${listener.port ?? 80}/${gatewayKey}`,
            listener: listener.name ?? 'http',
            route: routeKey,
            routeRule: rule?.name ?? 'unknown',
            backend: isService
              ? serviceBackendLabel(ref.name, ns ?? 'default', ref.port ?? 80)
              : backendKey,
            protocol: PROTOCOL_BY_TYPE[type] ?? 'http',
            missing,
            customLabels,
            tls: listener.protocol === 'HTTPS' || listener.protocol === 'TLS',
            guardrail: denials.some(d => d.reason === 'Guardrail'),
            baseRps: 0.5 + (h % 400) / 100,
            medianLatency:
              type === 'ai' ? 0.8 + (h % 20) / 10 : 0.02 + (h % 50) / 1000,
            denials,
            failureShare: 0.005 + (h % 30) / 1000,
          };
          if (type === 'ai' && backend) flow.llm = llmFlows(backend);
          if (type === 'mcp' && backend)
            flow.mcp = mcpServers(backend, objects);
          flows.push(flow);
        }
      });
    }
  }
  return flows;
}

interface McpTargetSpec {
  name?: string;
  selector?: unknown;
}

/** One MCP server per static target (its name) and per port a selector target selects (controller naming). */
function mcpServers(backend: KubeObject, objects: KubeObject[]): McpServer[] {
  const backendKey = key(backend.metadata.namespace, backend.metadata.name);
  const names = list<McpTargetSpec>(backend.spec?.mcp?.targets).flatMap(t =>
    t.selector
      ? selectedMcpTargets(backend, t.selector, objects)
      : [t.name ?? 'unknown'],
  );
  return names.map(name => ({
    name,
    tools: toolsFor(`${backendKey}/${name}`),
  }));
}
