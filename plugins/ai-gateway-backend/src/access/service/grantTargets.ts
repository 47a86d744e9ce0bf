import {
  AccessGrant,
  AiApiType,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { sharedPolicyName } from '../grants';
import { GrantTarget } from '../grants/types';

const SHARED_PREFIX = sharedPolicyName('');

/**
 * The target of a grant whose route is gone, from the objects it recorded: enough to delete its Secret and policy
 * (and the shared api-keys policy it created, whose name `aigw-apikeys-<route>` names the route).
 */
export function recordedTarget(
  grant: AccessGrant,
  apiType: AiApiType = 'llm',
): GrantTarget | undefined {
  const first = grant.objects[0];
  if (!first) return undefined;
  const shared = grant.objects.find(
    o => o.kind === 'AgentgatewayPolicy' && o.name.startsWith(SHARED_PREFIX),
  );
  return {
    cluster: first.cluster,
    namespace: first.namespace,
    apiType,
    route: {
      kind: 'HTTPRoute',
      name: shared ? shared.name.slice(SHARED_PREFIX.length) : '',
    },
    gateways: [],
    mcpBackends: [],
    apiKeys: shared
      ? { mode: 'shared', policy: shared.name, matchLabels: {} }
      : { mode: 'other', policy: '', kind: 'gone' },
    globalRateLimits: [],
    localLimits: {},
    ownerLabels: {},
  };
}

const objectKey = (o: AccessGrant['objects'][number]) =>
  `${o.cluster}|${o.kind}|${o.namespace}|${o.name}`;

export function mergeObjects(
  a: AccessGrant['objects'],
  b: AccessGrant['objects'],
): AccessGrant['objects'] {
  const seen = new Map(a.map(o => [objectKey(o), o]));
  for (const o of b) seen.set(objectKey(o), o);
  return [...seen.values()];
}
