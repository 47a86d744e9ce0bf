import {
  A2aApiDefinition,
  AiApiPolicySummary,
  AiApiType,
  backendType,
  DiscoveredApi,
  KubeObject,
  KubeObjectOf,
  LABEL_LIFECYCLE,
  llmTargets,
  McpDiscoveryResult,
  McpServerDefinition,
  mcpTargets,
  parentRefs,
  routeBackendRefs,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { gatewayBaseUrl } from './baseUrl';
import { ClusterContext, isDiscoverable, nsName } from './context';
import { listOf } from './json';
import { llmOpenApi, routeEndpoints, routeRules } from './llm';
import { entityName, tags } from './names';
import { clientAuth, describeBackendGuards, describePolicy } from './policies';

const GATEWAY_API = 'gateway.networking.k8s.io';
const AGW = 'agentgateway.dev';
const TYPES: Record<string, AiApiType> = {
  ai: 'llm',
  mcp: 'mcp-server',
  a2a: 'a2a',
};
type Route = KubeObjectOf<'HTTPRoute'>;

const PENDING: McpDiscoveryResult = {
  status: 'pending',
  tools: [],
  prompts: [],
  resources: [],
};

/** An API plus what its Resource entities need: the backends it uses and the Gateways serving it. */
export interface BuiltApi {
  api: DiscoveredApi;
  backendKeys: string[];
  gatewayKeys: string[];
}

/** The Gateways an HTTPRoute / AgentgatewayModel attaches to (that exist in the cache), with the listener named. */
export function attachedGateways(ctx: ClusterContext, obj: KubeObject) {
  return parentRefs(obj)
    .filter(r => r.kind === 'Gateway' && r.group === GATEWAY_API)
    .map(r => ({
      gateway: ctx.gateways.get(`${r.namespace}/${r.name}`),
      sectionName: r.sectionName,
    }))
    .filter(
      (g): g is { gateway: KubeObject; sectionName: string | undefined } =>
        !!g.gateway && isDiscoverable(g.gateway),
    );
}

export const target = (o: KubeObject) => ({
  kind: o.kind,
  namespace: o.metadata.namespace ?? '',
  name: o.metadata.name,
  labels: o.metadata.labels,
});

export function summaries(
  policies: KubeObject[],
  guarded: KubeObject[],
): AiApiPolicySummary[] {
  return [
    ...policies.flatMap(describePolicy),
    ...guarded.flatMap(describeBackendGuards),
  ];
}

export function lifecycle(obj: KubeObject): string {
  return obj.metadata.labels?.[LABEL_LIFECYCLE]?.trim() || 'production';
}

/** The first path the route matches for one of the backends (`/support/mcp`), '' for `/`. */
function firstPath(route: Route, backendNames: Set<string>): string {
  for (const rule of routeRules(route)) {
    if (!listOf(rule.backendRefs).some(r => backendNames.has(String(r?.name))))
      continue;
    const m = listOf(rule.matches).find(
      x => x?.path?.type !== 'RegularExpression',
    );
    return String(m?.path?.value ?? '/').replace(/\/+$/, '');
  }
  return '';
}

function limitTools(
  result: McpDiscoveryResult,
  max: number,
): { discovery: McpDiscoveryResult; truncated: boolean } {
  if (result.tools.length <= max)
    return { discovery: result, truncated: false };
  return {
    discovery: { ...result, tools: result.tools.slice(0, max) },
    truncated: true,
  };
}

/** An `a2a` API: the agent card A2A discovery fetched (src/a2a), else what the gateway knows (no skills). */
function a2aApi(
  ctx: ClusterContext,
  base: Omit<
    DiscoveredApi,
    'description' | 'url' | 'searchTerms' | 'tags' | 'definition'
  >,
  backend: KubeObject,
  url: string,
  where: string,
  auth: DiscoveredApi['auth'],
  policies: AiApiPolicySummary[],
): DiscoveredApi {
  const upstream = `${backend.spec?.a2a?.host ?? ''}:${
    backend.spec?.a2a?.port ?? ''
  }`;
  const found = ctx.a2a?.getAgent(
    ctx.cluster,
    backend.metadata.namespace ?? '',
    backend.metadata.name,
  );
  const card = found?.card;
  const skills = card?.skills ?? [];
  const agentDescription = card?.description.trim()
    ? ` ${card.description.trim().slice(0, 300)}`
    : '';
  const description = card
    ? `A2A agent ${card.name} ${where}, ${skills.length} ${
        skills.length === 1 ? 'skill' : 'skills'
      }.${agentDescription}`
    : `A2A agent ${where} (agent ${nsName(backend)} at ${upstream}).`;
  const definition: A2aApiDefinition = {
    kind: 'a2a',
    url,
    agentCardUrl: `${url}/.well-known/agent-card.json`,
    agentCard: card ?? {
      name: base.title,
      description,
      url,
      preferredTransport: 'JSONRPC',
      capabilities: {},
      defaultInputModes: ['text'],
      defaultOutputModes: ['text'],
      skills: [],
    },
    discovery: {
      status: found?.status ?? 'pending',
      ...(found?.cardUrl ? { cardUrl: found.cardUrl } : {}),
      ...(found?.discoveredAt ? { discoveredAt: found.discoveredAt } : {}),
      ...(found?.error ? { error: found.error } : {}),
    },
    auth,
    policies,
  };
  return {
    ...base,
    description,
    url,
    searchTerms: [...new Set(skills.flatMap(s => [s.name, s.id]))],
    tags: tags(['a2a', ...skills.flatMap(s => s.tags)]).slice(0, 10),
    definition,
  };
}

/** The API of an HTTPRoute attached to a Gateway whose backends are AI, MCP or A2A backends; else undefined. */
export function routeApi(
  ctx: ClusterContext,
  route: KubeObject,
): BuiltApi | undefined {
  if (!isDiscoverable(route)) return undefined;
  const gateways = attachedGateways(ctx, route);
  if (!gateways.length) return undefined;
  const backends = routeBackendRefs(route)
    .filter(r => r.kind === 'AgentgatewayBackend' && r.group === AGW)
    .map(r => ctx.backends.get(`${r.namespace}/${r.name}`))
    .filter((b): b is KubeObject => !!b && isDiscoverable(b));
  const first = backends.find(b => TYPES[backendType(b)]);
  if (!first) return undefined;
  const kind = backendType(first);
  const type = TYPES[kind];
  const used = backends.filter(b => backendType(b) === kind);
  const ns = route.metadata.namespace ?? '';
  const baseUrl = gatewayBaseUrl(
    ctx.cluster,
    gateways[0].gateway,
    ctx.config.gateways,
    gateways[0].sectionName,
  );
  const gatewayTargets = gateways.map(g => target(g.gateway));
  const auth = clientAuth(
    ctx.policies.attachedTo([target(route), ...gatewayTargets]),
  );
  const policies = summaries(
    ctx.policies.attachedTo([
      target(route),
      ...used.map(target),
      ...gatewayTargets,
    ]),
    used,
  );
  const gatewayIds = gateways.map(g => nsName(g.gateway));
  const title = route.metadata.name;
  const where = `on gateway ${gatewayIds.join(', ')}`;
  const names = new Set(used.map(b => b.metadata.name));
  const path = firstPath(route, names);
  const url = `${baseUrl}${path}`;
  const base = {
    name: entityName(...ctx.prefix, ns, route.metadata.name),
    title,
    type,
    lifecycle: lifecycle(route),
    source: {
      cluster: ctx.cluster,
      kind: route.kind,
      namespace: ns,
      name: route.metadata.name,
    },
    ownership: ctx.owners.ownership(route),
    baseUrl,
    auth,
    gateways: gatewayIds,
    dependsOn: [] as string[],
  };
  let api: DiscoveredApi;
  if (type === 'llm') {
    const targets = used.flatMap(llmTargets);
    const models = [
      ...new Set(targets.map(t => t.model).filter((m): m is string => !!m)),
    ];
    const providers = [...new Set(targets.map(t => t.provider))];
    const byName = new Map(used.map(b => [b.metadata.name, b]));
    const { endpoints, sdkBaseUrl } = routeEndpoints(route, byName, baseUrl);
    const description = `LLM endpoint ${path || '/'} ${where}: ${
      targets
        .map(t => `${t.provider}${t.model ? ` ${t.model}` : ''}`)
        .join(', ') || 'AI backend'
    }.`;
    api = {
      ...base,
      description,
      url: endpoints[0]?.url ?? url,
      searchTerms: [...models, ...providers],
      tags: tags(['llm', ...providers]),
      definition: llmOpenApi({
        title,
        description,
        baseUrl,
        sdkBaseUrl,
        endpoints,
        models,
        providers,
        auth,
        policies,
      }),
    };
  } else if (type === 'mcp-server') {
    const backend = used[0];
    const stored = ctx.mcp?.getServer(
      ctx.cluster,
      backend.metadata.namespace ?? '',
      backend.metadata.name,
    );
    const { discovery, truncated } = limitTools(
      stored ?? PENDING,
      ctx.config.maxToolsPerEntity,
    );
    const targets = used.flatMap(mcpTargets).map(t => ({
      name: t.name,
      destination: t.destination,
      ...(t.protocol ? { protocol: t.protocol } : {}),
    }));
    const definition: McpServerDefinition = {
      kind: 'mcp-server',
      url,
      transport: 'streamable-http',
      discovery,
      auth,
      policies,
      targets,
      ...(truncated ? { truncated } : {}),
    };
    const tools = discovery.tools.length;
    api = {
      ...base,
      description: `MCP server ${where}${
        targets.length > 1
          ? `, federating ${targets.map(t => t.name).join(', ')}`
          : ''
      }${
        discovery.status === 'pending'
          ? ''
          : `: ${tools} ${tools === 1 ? 'tool' : 'tools'}`
      }.`,
      url,
      searchTerms: [
        ...discovery.tools.map(t => t.name),
        ...discovery.prompts.map(p => p.name),
      ],
      tags: tags(['mcp']),
      definition,
    };
  } else {
    api = a2aApi(ctx, base, used[0], url, where, auth, policies);
  }
  return {
    api,
    backendKeys: used.map(nsName),
    gatewayKeys: gatewayIds,
  };
}
