import {
  KubeObjectOf,
  ObjectReference,
  ResourceSummary,
} from '../registry/types';
import type { AgentgatewayBackendSpec } from '../generated/crds';
import { JsonRecord, isRecord, recordsOf, stringOf } from '../util/json';
import { dedupe, secretReferences, toObjectReference } from './references';
import { listReferences } from '../references/walker';
import { sortedKeys, sortedPairs } from './order';

/** The LLM providers agentgateway knows, by their key under `spec.ai.provider`. */
export const AI_PROVIDERS = [
  'openai',
  'anthropic',
  'bedrock',
  'gemini',
  'vertexai',
  'azureopenai',
  'azure',
  'custom',
] as const;
export type AiProvider = (typeof AI_PROVIDERS)[number];

export type BackendType =
  | 'ai'
  | 'mcp'
  | 'static'
  | 'a2a'
  | 'aws'
  | 'dynamicForwardProxy'
  | 'unknown';

type Backend = KubeObjectOf<'AgentgatewayBackend'>;
type Ai = NonNullable<AgentgatewayBackendSpec['ai']>;
type Provider = NonNullable<Ai['provider']>;
type McpTargetSpec = NonNullable<
  AgentgatewayBackendSpec['mcp']
>['targets'][number];

const BACKEND_TYPES = [
  'ai',
  'mcp',
  'static',
  'a2a',
  'aws',
  'dynamicForwardProxy',
] as const;

export function backendType(obj: Backend): BackendType {
  const spec = obj.spec ?? {};
  return BACKEND_TYPES.find(t => spec[t]) ?? 'unknown';
}

export interface LlmTarget {
  provider: string;
  model?: string;
  /** priority group index for failover backends */
  group?: number;
  name?: string;
}

function llmTarget(
  p: Provider | undefined,
  extra: Partial<LlmTarget>,
): LlmTarget | undefined {
  if (!isRecord(p)) return undefined;
  const byKey: JsonRecord = p;
  const provider =
    AI_PROVIDERS.find(k => byKey[k] !== undefined) ??
    sortedKeys(byKey).find(k => isRecord(byKey[k]));
  if (!provider) return undefined;
  const cfg = byKey[provider];
  const model = isRecord(cfg)
    ? stringOf(cfg.model) ?? stringOf(cfg.deploymentName)
    : undefined;
  return { provider, ...(model ? { model } : {}), ...extra };
}

/** Every provider of an AI backend: the single `provider`, or each provider of each priority group. */
export function llmTargets(obj: Backend): LlmTarget[] {
  const ai = obj.spec?.ai;
  if (!ai) return [];
  if (ai.provider) {
    const t = llmTarget(ai.provider, {});
    return t ? [t] : [];
  }
  return (Array.isArray(ai.groups) ? ai.groups : []).flatMap((g, gi) =>
    (Array.isArray(g?.providers) ? g.providers : []).flatMap(p => {
      const t = llmTarget(p, {
        group: gi,
        ...(p?.name ? { name: p.name } : {}),
      });
      return t ? [t] : [];
    }),
  );
}

export interface McpTarget {
  name: string;
  /** `host:port/path`, `Service name:port`, or a selector description */
  destination: string;
  protocol?: string;
  selected?: boolean;
}

function selectorText(sel: unknown): string {
  const s = isRecord(sel) ? sel : {};
  const labels = sortedPairs(isRecord(s.matchLabels) ? s.matchLabels : {});
  const exprs = recordsOf(s.matchExpressions).map(e => {
    const values = Array.isArray(e.values) ? ` (${e.values.join(',')})` : '';
    return `${String(e.key)} ${String(e.operator)}${values}`;
  });
  return [...labels, ...exprs].join(', ') || 'everything';
}

function mcpTarget(t: McpTargetSpec): McpTarget {
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
    if (t.selector.namespaces)
      parts.push(`namespaces ${selectorText(t.selector.namespaces)}`);
    return { name: t.name, destination: parts.join('; '), selected: true };
  }
  return { name: t.name, destination: 'unknown' };
}

export function mcpTargets(obj: Backend): McpTarget[] {
  const targets = obj.spec?.mcp?.targets;
  return (Array.isArray(targets) ? targets : [])
    .filter(isRecord)
    .map(mcpTarget);
}

export function summarizeBackend(obj: Backend): ResourceSummary {
  const spec = obj.spec ?? {};
  switch (backendType(obj)) {
    case 'ai': {
      const targets = llmTargets(obj);
      return {
        type: targets.length > 1 ? 'LLM (failover)' : 'LLM',
        provider: [...new Set(targets.map(t => t.provider))],
        model: targets.map(t => t.model).filter((m): m is string => !!m),
        targets: targets.map(
          t => `${t.provider}${t.model ? ` ${t.model}` : ''}`,
        ),
      };
    }
    case 'mcp': {
      const targets = mcpTargets(obj);
      return {
        type: targets.length > 1 ? 'MCP (federated)' : 'MCP',
        targets: targets.map(t => `${t.name}: ${t.destination}`),
      };
    }
    case 'static': {
      const s = spec.static;
      return {
        type: 'Static',
        targets: [`${s?.host ?? s?.unixPath}${s?.port ? `:${s.port}` : ''}`],
      };
    }
    case 'a2a':
      return { type: 'A2A', targets: [`${spec.a2a?.host}:${spec.a2a?.port}`] };
    case 'aws':
      return {
        type: 'AWS AgentCore',
        targets: [spec.aws?.agentCore?.agentRuntimeArn ?? 'AgentCore'],
      };
    case 'dynamicForwardProxy':
      return { type: 'Dynamic forward proxy' };
    default:
      return { type: 'Unknown' };
  }
}

export function backendReferences(obj: Backend): ObjectReference[] {
  const mcpServices = listReferences(obj.kind, obj)
    .filter(r => r.field === 'spec.mcp.targets[].static.backendRef')
    .map(r => toObjectReference('backend', r, obj));
  return dedupe([...secretReferences(obj), ...mcpServices]);
}
