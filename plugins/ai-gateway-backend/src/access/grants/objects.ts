import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, InputError } from '@backstage/errors';
import {
  AccessScope,
  GRANT_KEY_METADATA,
  GRANT_LABELS,
  KubeObject,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  checkPolicyExpression,
  grantAuthorizationExpression,
} from '@ai-gateway-backstage/plugin-ai-gateway-node';
import {
  AGW,
  AGW_VERSION,
  GATEWAY_API,
  grantLabels,
  grantObjectName,
  labelValue,
  sharedPolicyName,
} from './names';
import { GrantTarget } from './types';

/** 409 when grants cannot issue keys for the target (the owner's decision to change the route's auth first). */
export function assertGrantable(target: GrantTarget): void {
  const { apiKeys, route, namespace } = target;
  if (route.kind === 'AgentgatewayModel')
    throw new ConflictError(
      `AgentgatewayModel ${namespace}/${route.name}: agentgateway policies cannot target a model, so a grant ` +
        'cannot limit a key to it; expose the model through an HTTPRoute to grant access',
    );
  if (apiKeys.mode === 'secretRef')
    throw new ConflictError(
      `AgentgatewayPolicy ${apiKeys.policy} authenticates ${route.kind} ${namespace}/${route.name} with a single ` +
        'secretRef, so grants cannot add keys; its owner can switch it to apiKeyAuthentication.secretSelector',
    );
  if (apiKeys.mode === 'other')
    throw new ConflictError(
      `AgentgatewayPolicy ${apiKeys.policy} authenticates ${route.kind} ${namespace}/${route.name} with ` +
        `${apiKeys.kind}; grants issue API keys, which that route does not accept`,
    );
}

/** The `Require` expression of the grant (checked by the shared CEL checker; 400 naming the field if refused). */
export function grantExpression(
  grantId: string,
  scope: AccessScope,
  target: GrantTarget,
): string | undefined {
  const field = target.apiType === 'llm' ? 'models' : 'tools';
  const names = target.apiType === 'llm' ? scope.models : scope.tools;
  if (target.apiType === 'a2a' || !names?.length) return undefined;
  const expression = grantAuthorizationExpression({
    grantId,
    [field]: names,
  });
  const checked = checkPolicyExpression(expression);
  if (!checked.ok)
    throw new InputError(
      `${field}: the grant's authorization rule does not compile: ${checked.error}`,
    );
  return expression;
}

/** The AgentgatewayPolicy `aigw-grant-<id>`, or undefined when nothing limits the key (a2a, no list). */
export function grantPolicy(
  grantId: string,
  scope: AccessScope,
  target: GrantTarget,
): KubeObject | undefined {
  const expression = grantExpression(grantId, scope, target);
  if (!expression) return undefined;
  const rule = {
    action: 'Require',
    policy: { matchExpressions: [expression] },
  };
  const spec =
    target.apiType === 'llm'
      ? {
          targetRefs: [
            { group: GATEWAY_API, kind: 'HTTPRoute', name: target.route.name },
          ],
          traffic: { authorization: rule },
        }
      : {
          targetRefs: target.mcpBackends.map(name => ({
            group: AGW,
            kind: 'AgentgatewayBackend',
            name,
          })),
          backend: { mcp: { authorization: rule } },
        };
  if (target.apiType !== 'llm' && !target.mcpBackends.length)
    throw new ConflictError(
      `${target.route.kind} ${target.namespace}/${target.route.name} has no MCP backend to attach the grant's tools rule to`,
    );
  return {
    apiVersion: AGW_VERSION,
    kind: 'AgentgatewayPolicy',
    metadata: {
      name: grantObjectName(grantId),
      namespace: target.namespace,
      labels: {
        ...target.ownerLabels,
        ...grantLabels(grantId, target.route.name),
      },
    },
    spec,
  };
}

/** The labels of the shared api-key policy (the owner's, and which route it is for; no grant). */
export function sharedPolicyLabels(
  target: GrantTarget,
): Record<string, string> {
  return {
    ...target.ownerLabels,
    [GRANT_LABELS.apiKeysFor]: labelValue(target.route.name),
  };
}

/** The api-key policy `aigw-apikeys-<route>` the grants of a route share when the route had no key authentication. */
export function sharedPolicy(target: GrantTarget): KubeObject | undefined {
  if (target.apiKeys.mode !== 'shared') return undefined;
  return {
    apiVersion: AGW_VERSION,
    kind: 'AgentgatewayPolicy',
    metadata: {
      name: sharedPolicyName(target.route.name),
      namespace: target.namespace,
      labels: sharedPolicyLabels(target),
    },
    spec: {
      targetRefs: [
        { group: GATEWAY_API, kind: 'HTTPRoute', name: target.route.name },
      ],
      traffic: {
        apiKeyAuthentication: {
          mode: 'Strict',
          secretSelector: { matchLabels: target.apiKeys.matchLabels },
        },
      },
    },
  };
}

/** The labels of the grant's Secret: the grant's, the owner's, and the key selector's (so the route selects it). */
export function secretLabels(
  grantId: string,
  target: GrantTarget,
): Record<string, string> {
  const selector =
    target.apiKeys.mode === 'selector' || target.apiKeys.mode === 'shared'
      ? target.apiKeys.matchLabels
      : {};
  return {
    ...target.ownerLabels,
    ...selector,
    ...grantLabels(grantId, target.route.name),
  };
}

/** A new key: `agw_` + 32 random bytes (base64url). */
export function newKey(): string {
  return `agw_${randomBytes(32).toString('base64url')}`;
}

/** The Secret data entry of a key: its sha256 hash and the metadata agentgateway exposes as `apiKey.<field>`. */
export function keyEntry(key: string, consumerRef: string, grantId: string) {
  const hex = createHash('sha256').update(key).digest('hex');
  return JSON.stringify({
    keyHash: `sha256:${hex}`,
    metadata: {
      [GRANT_KEY_METADATA.consumer]: consumerRef,
      [GRANT_KEY_METADATA.grant]: grantId,
    },
  });
}

const keyNumbers = (ids: string[]) =>
  ids
    .map(k => /^key-(\d+)$/.exec(k)?.[1])
    .filter((n): n is string => !!n)
    .map(Number);

/** `key-<n>`: the next entry after the ones the Secret has. */
export function nextKeyId(existing: string[]): string {
  return `key-${Math.max(0, ...keyNumbers(existing)) + 1}`;
}

/** The newest `key-<n>` of the list (by number), if any. */
export function latestKeyId(existing: string[]): string | undefined {
  const numbers = keyNumbers(existing);
  return numbers.length ? `key-${Math.max(...numbers)}` : undefined;
}

/** Why per-consumer limits are recorded but not enforced (never pretend they are). */
export function unenforcedLimits(
  scope: AccessScope,
  target: GrantTarget,
): string | undefined {
  const { requestsPerMinute, tokensPerMinute } = scope.limits ?? {};
  if (!requestsPerMinute && !tokensPerMinute) return undefined;
  const global = target.globalRateLimits.length
    ? ` The route's global rate limit (${target.globalRateLimits.join(
        ', ',
      )}) can enforce them once its owner adds a descriptor entry {name: grant, expression: apiKey.grant} with these limits in the rate-limit service.`
    : ' The route has no global rate limit (rateLimit.global) that could count per grant.';
  return (
    'Recorded, not enforced: agentgateway merges rateLimit per field between policies, so a per-grant limit on ' +
    `the route would replace the route's own limits for every client.${global}`
  );
}
