import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * The label values agentgateway writes, derived from Kubernetes objects exactly as its controller and proxy
 * derive them (agentgateway/agentgateway @ 75b4e6ce):
 *
 * - `backend` of a Service backendRef: `Backend::name()` = `"{hostname}:{port}"`
 *   (`crates/agentgateway/src/types/agent.rs` L1754-1757), with the hostname the controller sends,
 *   `kubeutils.ServiceFQDN` = `{name}.{namespace}.svc.{clusterDomain}`
 *   (`controller/pkg/utils/kubeutils/dns.go`, `domain.go` L40-42; cluster domain `cluster.local` by default);
 * - `backend` of an AgentgatewayBackend: `"{namespace}/{name}"` (same function);
 * - `server` of an MCP target chosen by selector: the Service's `agentgateway.dev/mcp-target-name`
 *   annotation, else `{service}-{portName}`, else `{service}-{port}`, one target per port whose appProtocol is
 *   `agentgateway.dev/mcp` / `agentgateway.dev/mcp-sse` (or the legacy `kgateway.dev/...`)
 *   (`controller/pkg/syncer/backend/mcp.go` L95-138); a static target's `server` is its `name`.
 */
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';
export const MCP_TARGET_NAME_ANNOTATION = 'agentgateway.dev/mcp-target-name';
export const MCP_APP_PROTOCOLS = new Set([
  'agentgateway.dev/mcp',
  'agentgateway.dev/mcp-sse',
  'kgateway.dev/mcp',
  'kgateway.dev/mcp-sse',
]);

export function serviceBackendLabel(
  name: string,
  namespace: string,
  port: number | string,
  clusterDomain = DEFAULT_CLUSTER_DOMAIN,
): string {
  return `${name}.${namespace}.svc.${clusterDomain}:${port}`;
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

interface ServicePort {
  name?: string;
  port: number;
  appProtocol?: string;
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  !!x && typeof x === 'object' && !Array.isArray(x);

function asSelector(x: unknown): LabelSelector | undefined {
  return isRecord(x) ? (x as LabelSelector) : undefined;
}

/** `metav1.LabelSelectorAsSelector(...).Matches(labels)`; an empty selector matches everything. */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> = {},
): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {}))
    if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    const inValues = (e.values ?? []).includes(labels[e.key]);
    if (e.operator === 'In' && !(has && inValues)) return false;
    if (e.operator === 'NotIn' && has && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** The MCP target names the controller generates for one `mcp.targets[].selector`. */
export function selectedMcpTargets(
  backend: KubeObject,
  selector: unknown,
  objects: KubeObject[],
): string[] {
  if (!isRecord(selector)) return [];
  const services = asSelector(selector.services);
  const namespaces = asSelector(selector.namespaces);
  const namespaceLabels = new Map(
    objects
      .filter(o => o.kind === 'Namespace')
      .map(o => [o.metadata.name, o.metadata.labels ?? {}]),
  );
  const ns = backend.metadata.namespace ?? 'default';
  const names: string[] = [];
  for (const svc of objects) {
    if (svc.kind !== 'Service') continue;
    const svcNs = svc.metadata.namespace ?? 'default';
    if (namespaces) {
      if (!selectorMatches(namespaces, namespaceLabels.get(svcNs))) continue;
    } else if (svcNs !== ns) continue;
    if (!selectorMatches(services, svc.metadata.labels)) continue;
    const ports: ServicePort[] = Array.isArray(svc.spec?.ports)
      ? svc.spec.ports
      : [];
    for (const port of ports) {
      if (!MCP_APP_PROTOCOLS.has(port.appProtocol ?? '')) continue;
      const annotated = svc.metadata.annotations?.[MCP_TARGET_NAME_ANNOTATION];
      names.push(
        annotated ||
          `${svc.metadata.name}-${port.name ? port.name : port.port}`,
      );
    }
  }
  return names;
}

/**
 * The custom metric labels (`spec.frontend.metrics.attributes.add[].name`) of the policies targeting a
 * Gateway, in order; agentgateway appends them after the route labels of every HTTP / LLM / MCP series.
 */
export function customLabelNames(policies: KubeObject[]): string[] {
  const names: string[] = [];
  for (const p of policies) {
    const add: unknown = p.spec?.frontend?.metrics?.attributes?.add;
    if (!Array.isArray(add)) continue;
    for (const a of add)
      if (isRecord(a) && typeof a.name === 'string' && !names.includes(a.name))
        names.push(a.name);
  }
  return names.slice(0, 16);
}
