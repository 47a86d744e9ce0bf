import {
  backendType,
  DiscoveredResource,
  KubeObject,
  KubeObjectOf,
  llmTargets,
  mcpTargets,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { gatewayBaseUrl } from './baseUrl';
import { ClusterContext, isDiscoverable, nsName } from './context';
import { entityName, tags } from './names';
import { isRecord } from './json';

/** Entity name of a Gateway's / backend's Resource. */
export const resourceName = (ctx: ClusterContext, key: string) =>
  entityName(...ctx.prefix, ...key.split('/'));

export function gatewayResource(
  ctx: ClusterContext,
  gateway: KubeObjectOf<'Gateway'>,
): DiscoveredResource | undefined {
  if (!isDiscoverable(gateway)) return undefined;
  const listeners: unknown[] = Array.isArray(gateway.spec?.listeners)
    ? gateway.spec.listeners
    : [];
  const baseUrl = gatewayBaseUrl(ctx.cluster, gateway, ctx.config.gateways);
  const listed = listeners
    .filter(isRecord)
    .map(
      l =>
        `${l.name} ${l.protocol}:${l.port}${
          l.hostname ? ` (${l.hostname})` : ''
        }`,
    )
    .join(', ');
  return {
    name: resourceName(ctx, nsName(gateway)),
    title: gateway.metadata.name,
    description: `agentgateway Gateway ${nsName(gateway)} in cluster ${
      ctx.cluster
    }, serving ${baseUrl}${listed ? `; listeners ${listed}` : ''}.`,
    type: 'ai-gateway',
    source: {
      cluster: ctx.cluster,
      kind: 'Gateway',
      namespace: gateway.metadata.namespace ?? '',
      name: gateway.metadata.name,
    },
    ownership: ctx.owners.ownership(gateway, ctx.config.platformOwner),
    dependsOn: [],
    tags: tags(['gateway', String(gateway.spec?.gatewayClassName ?? '')]),
    baseUrl,
  };
}

/** A Resource for an AI / MCP / A2A backend; it depends on the Gateways its routes attach to. */
export function backendResource(
  ctx: ClusterContext,
  backend: KubeObject,
  gatewayKeys: Iterable<string>,
): DiscoveredResource | undefined {
  const type = backendType(backend);
  if (!isDiscoverable(backend) || !['ai', 'mcp', 'a2a'].includes(type))
    return undefined;
  let what: string;
  let extraTags: string[] = [];
  if (type === 'ai') {
    const targets = llmTargets(backend);
    extraTags = ['llm', ...targets.map(t => t.provider)];
    what = `LLM backend: ${
      targets
        .map(t => `${t.provider}${t.model ? ` ${t.model}` : ''}`)
        .join(', ') || 'provider'
    }`;
  } else if (type === 'mcp') {
    const targets = mcpTargets(backend);
    extraTags = ['mcp'];
    what = `MCP backend: ${targets.map(t => t.name).join(', ')}`;
  } else {
    extraTags = ['a2a'];
    what = `A2A backend: ${backend.spec?.a2a?.host}:${backend.spec?.a2a?.port}`;
  }
  return {
    name: resourceName(ctx, nsName(backend)),
    title: backend.metadata.name,
    description: `${what} (${nsName(backend)} in cluster ${ctx.cluster}).`,
    type: 'ai-gateway-backend',
    source: {
      cluster: ctx.cluster,
      kind: 'AgentgatewayBackend',
      namespace: backend.metadata.namespace ?? '',
      name: backend.metadata.name,
    },
    ownership: ctx.owners.ownership(backend),
    dependsOn: [...new Set(gatewayKeys)]
      .filter(k => ctx.gateways.has(k) && isDiscoverable(ctx.gateways.get(k)!))
      .map(k => resourceName(ctx, k)),
    tags: sharedTags(extraTags),
  };
}

/** One (read-only) tag list per combination: 10⁵ backends have a handful of them. */
const TAG_LISTS = new Map<string, string[]>();
function sharedTags(values: string[]): string[] {
  const key = values.join('\u0000');
  let list = TAG_LISTS.get(key);
  if (!list) {
    if (TAG_LISTS.size >= 1000) TAG_LISTS.clear();
    list = tags(values);
    TAG_LISTS.set(key, list);
  }
  return list;
}
