import { KubeObject, ObjectReference, SummaryValues } from '../registry/types';
import { collectSecretRefs, dedupe, gatewayApiRef } from './references';

/** The LLM providers agentgateway knows, by their key under `spec.ai.provider`. */
export const AI_PROVIDERS = ['openai', 'anthropic', 'bedrock', 'gemini', 'vertexai', 'azureopenai', 'azure', 'custom'] as const;
export type AiProvider = (typeof AI_PROVIDERS)[number];

export type BackendType = 'ai' | 'mcp' | 'static' | 'a2a' | 'aws' | 'dynamicForwardProxy' | 'unknown';

export function backendType(obj: KubeObject): BackendType {
  const spec = obj.spec ?? {};
  for (const t of ['ai', 'mcp', 'static', 'a2a', 'aws', 'dynamicForwardProxy'] as const) {
    if (spec[t]) return t;
  }
  return 'unknown';
}

export interface LlmTarget {
  provider: string;
  model?: string;
  /** priority group index for failover backends */
  group?: number;
  name?: string;
}

/** Every provider of an AI backend: the single `provider`, or each provider of each priority group. */
export function llmTargets(obj: KubeObject): LlmTarget[] {
  const ai = obj.spec?.ai;
  if (!ai) return [];
  const one = (p: any, extra: Partial<LlmTarget>): LlmTarget | undefined => {
    if (!p || typeof p !== 'object') return undefined;
    const provider = AI_PROVIDERS.find(k => p[k] !== undefined) ?? Object.keys(p).find(k => typeof p[k] === 'object');
    if (!provider) return undefined;
    const cfg = p[provider] ?? {};
    const model = cfg.model ?? cfg.deploymentName;
    return { provider, ...(model ? { model } : {}), ...extra };
  };
  if (ai.provider) {
    const t = one(ai.provider, {});
    return t ? [t] : [];
  }
  const groups: any[] = Array.isArray(ai.groups) ? ai.groups : [];
  return groups.flatMap((g, gi) =>
    (Array.isArray(g?.providers) ? g.providers : [])
      .map((p: any) => one(p, { group: gi, ...(p?.name ? { name: p.name } : {}) }))
      .filter((t: LlmTarget | undefined): t is LlmTarget => !!t),
  );
}

export interface McpTarget {
  name: string;
  /** `host:port/path`, `Service name:port`, or a selector description */
  destination: string;
  protocol?: string;
  selected?: boolean;
}

function selectorText(sel: any): string {
  const labels = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  const exprs = (sel?.matchExpressions ?? []).map(
    (e: any) => `${e.key} ${e.operator}${e.values ? ` (${e.values.join(',')})` : ''}`,
  );
  return [...labels, ...exprs].join(', ') || 'everything';
}

export function mcpTargets(obj: KubeObject): McpTarget[] {
  const targets: any[] = Array.isArray(obj.spec?.mcp?.targets) ? obj.spec.mcp.targets : [];
  return targets.map(t => {
    if (t.static) {
      const s = t.static;
      const where = s.backendRef ? `Service ${s.backendRef.name}` : s.host;
      return {
        name: t.name,
        destination: `${where}${s.port ? `:${s.port}` : ''}${s.path ?? ''}`,
        ...(s.protocol ? { protocol: s.protocol } : {}),
      };
    }
    if (t.selector) {
      const parts = [`services ${selectorText(t.selector.services)}`];
      if (t.selector.namespaces) parts.push(`namespaces ${selectorText(t.selector.namespaces)}`);
      return { name: t.name, destination: parts.join('; '), selected: true };
    }
    return { name: t.name, destination: 'unknown' };
  });
}

export function summarizeBackend(obj: KubeObject): SummaryValues {
  const type = backendType(obj);
  const spec = obj.spec ?? {};
  switch (type) {
    case 'ai': {
      const targets = llmTargets(obj);
      return {
        type: targets.length > 1 ? 'LLM (failover)' : 'LLM',
        provider: [...new Set(targets.map(t => t.provider))],
        model: targets.map(t => t.model).filter((m): m is string => !!m),
        targets: targets.map(t => `${t.provider}${t.model ? ` ${t.model}` : ''}`),
      };
    }
    case 'mcp': {
      const targets = mcpTargets(obj);
      return {
        type: targets.length > 1 ? 'MCP (federated)' : 'MCP',
        targets: targets.map(t => `${t.name}: ${t.destination}`),
      };
    }
    case 'static':
      return { type: 'Static', targets: [`${spec.static.host ?? spec.static.unixPath}${spec.static.port ? `:${spec.static.port}` : ''}`] };
    case 'a2a':
      return { type: 'A2A', targets: [`${spec.a2a.host}:${spec.a2a.port}`] };
    case 'aws':
      return { type: 'AWS AgentCore', targets: [spec.aws?.agentCore?.agentRuntimeArn ?? 'AgentCore'] };
    case 'dynamicForwardProxy':
      return { type: 'Dynamic forward proxy' };
    default:
      return { type: 'Unknown' };
  }
}

export function backendReferences(obj: KubeObject): ObjectReference[] {
  const refs: ObjectReference[] = collectSecretRefs(obj.spec, obj);
  for (const t of Array.isArray(obj.spec?.mcp?.targets) ? obj.spec.mcp.targets : []) {
    const r = gatewayApiRef('backend', t?.static?.backendRef, obj, { group: '', kind: 'Service' });
    if (r) refs.push(r);
  }
  return dedupe(refs);
}
