import { InputError, NotFoundError } from '@backstage/errors';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AccessLimits,
  AiApiType,
  DiscoveryOwnership,
  GRANT_LABELS,
  KubeObject,
  backendType,
  parentRefs,
  routeBackendRefs,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../../cache/ResourceCaches';
import { PolicyIndex } from '../../discovery/policies';
import { target as policyTarget } from '../../discovery/apis';
import { resolveSelection } from '../../entities/selection';
import { stampLabels } from '../../mutations/ownership';
import {
  AGW,
  GATEWAY_API,
  labelValue,
  parseSource,
  sharedPolicyName,
} from './names';
import { ApiSource, GrantApiKeyAuth, GrantOwners, GrantTarget } from './types';

const TYPES: Record<string, AiApiType> = {
  ai: 'llm',
  mcp: 'mcp-server',
  a2a: 'a2a',
};
const AUTH = [
  'apiKeyAuthentication',
  'jwtAuthentication',
  'basicAuthentication',
  'extAuth',
] as const;
const PER_MINUTE: Record<string, number> = {
  Seconds: 60,
  Minutes: 1,
  Hours: 1 / 60,
  Days: 1 / 1440,
};

const ref = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;
const isGrantObject = (o: KubeObject) =>
  !!o.metadata.labels?.[GRANT_LABELS.grant];

/** How the route's clients authenticate: the first authentication of the attached policies (most specific first). */
function apiKeyAuth(
  policies: KubeObject[],
  route: KubeObject,
): GrantApiKeyAuth {
  const shared = sharedPolicyName(route.metadata.name);
  for (const p of policies) {
    const traffic = p.spec?.traffic;
    const section = AUTH.find(s => traffic?.[s]);
    if (!section) continue;
    if (section !== 'apiKeyAuthentication')
      return { mode: 'other', policy: ref(p), kind: section };
    const cfg = traffic.apiKeyAuthentication;
    const matchLabels = cfg.secretSelector?.matchLabels;
    if (matchLabels && typeof matchLabels === 'object') {
      const ours =
        p.metadata.name === shared &&
        p.metadata.namespace === route.metadata.namespace &&
        p.metadata.labels?.[GRANT_LABELS.apiKeysFor] ===
          labelValue(route.metadata.name);
      return {
        mode: ours ? 'shared' : 'selector',
        policy: ref(p),
        matchLabels,
      };
    }
    if (cfg.secretRef) return { mode: 'secretRef', policy: ref(p) };
    return {
      mode: 'other',
      policy: ref(p),
      kind: 'apiKeyAuthentication without secretSelector',
    };
  }
  return {
    mode: 'shared',
    policy: `${route.metadata.namespace}/${shared}`,
    matchLabels: {
      [GRANT_LABELS.apiKeysFor]: labelValue(route.metadata.name),
    },
  };
}

/** The lowest request / token budget per minute of the attached local rate limits. */
function localLimits(policies: KubeObject[]): AccessLimits {
  const out: AccessLimits = {};
  const lower = (k: keyof AccessLimits, v: number) => {
    out[k] = Math.min(out[k] ?? Infinity, Math.floor(v));
  };
  for (const p of policies) {
    const local: unknown = p.spec?.traffic?.rateLimit?.local;
    for (const l of Array.isArray(local) ? local : []) {
      const factor = PER_MINUTE[l?.unit];
      if (!factor) continue;
      if (typeof l.requests === 'number')
        lower('requestsPerMinute', l.requests * factor);
      if (typeof l.tokens === 'number')
        lower('tokensPerMinute', l.tokens * factor);
    }
  }
  return out;
}

/** The labels that make the owner entity select an object ({} when none, or its selector cannot be stamped). */
function ownerLabels(
  ownership: DiscoveryOwnership | undefined,
  logger?: LoggerService,
): Record<string, string> {
  if (!ownership?.entityRef || !ownership.kubernetesAnnotations) return {};
  const [kind, rest] = ownership.entityRef.split(':');
  const [namespace, name] = rest.split('/');
  try {
    return stampLabels(
      resolveSelection({
        apiVersion: 'backstage.io/v1alpha1',
        kind,
        metadata: {
          namespace,
          name,
          annotations: ownership.kubernetesAnnotations,
        },
      }),
    );
  } catch (e: unknown) {
    logger?.warn(
      `ai-gateway access: grant objects cannot carry the labels of ${ownership.entityRef}: ${e}`,
    );
    return {};
  }
}

/**
 * Resolves an API's grant target from the watch caches: the route (HTTPRoute or AgentgatewayModel), its Gateways,
 * its MCP backends, the policies attached to the route and its Gateways (discovery's {@link PolicyIndex}), and the
 * owner entity (discovery's ownership rule, through `owners`).
 */
export async function resolveTarget(
  reader: ResourceReader,
  owners: GrantOwners,
  api: ApiSource,
  logger?: LoggerService,
): Promise<GrantTarget> {
  const src = parseSource(api);
  if (src.kind !== 'HTTPRoute' && src.kind !== 'AgentgatewayModel')
    throw new InputError(
      `source: grants are for HTTPRoute and AgentgatewayModel APIs, not ${src.kind}`,
    );
  const route = reader.get(src.cluster, src.kind, src.namespace, src.name);
  if (!route)
    throw new NotFoundError(
      `${src.kind} ${src.namespace}/${src.name} is not in cluster ${src.cluster}`,
    );
  const gateways = parentRefs(route)
    .filter(r => r.kind === 'Gateway' && r.group === GATEWAY_API)
    .map(r => reader.get(src.cluster, 'Gateway', r.namespace, r.name))
    .filter((g): g is KubeObject => !!g);
  const backends =
    src.kind === 'HTTPRoute'
      ? routeBackendRefs(route)
          .filter(r => r.kind === 'AgentgatewayBackend' && r.group === AGW)
          .map(r =>
            reader.get(src.cluster, 'AgentgatewayBackend', r.namespace, r.name),
          )
          .filter((b): b is KubeObject => !!b)
      : [];
  const typed = backends.find(b => TYPES[backendType(b)]);
  const apiType: AiApiType =
    src.kind === 'AgentgatewayModel'
      ? 'llm'
      : TYPES[typed ? backendType(typed) : ''] ?? 'llm';
  const namespaces = [
    ...new Set([src.namespace, ...gateways.map(g => g.metadata.namespace!)]),
  ];
  const index = new PolicyIndex(
    reader
      .query(src.cluster, 'AgentgatewayPolicy', { namespaces })
      .filter(p => !isGrantObject(p)),
  );
  const attached = index.attachedTo([
    policyTarget(route),
    ...gateways.map(policyTarget),
  ]);
  const ownership = await owners.ownership(src.cluster, src);
  return {
    cluster: src.cluster,
    namespace: src.namespace,
    apiType,
    route: { kind: src.kind, name: src.name },
    gateways: gateways.map(ref),
    mcpBackends: backends
      .filter(b => backendType(b) === 'mcp')
      .map(b => b.metadata.name),
    apiKeys: apiKeyAuth(attached, route),
    globalRateLimits: attached
      .filter(p => p.spec?.traffic?.rateLimit?.global)
      .map(ref),
    localLimits: localLimits(attached),
    ownerLabels: ownerLabels(ownership, logger),
    ...(ownership?.entityRef ? { ownerEntityRef: ownership.entityRef } : {}),
  };
}
