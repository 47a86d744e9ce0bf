import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';
import {
  AI_GATEWAY_API_ANNOTATIONS,
  GRANT_LABELS,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { Entity } from '@backstage/catalog-model';
import { ApiSource } from './types';

export const GATEWAY_API = 'gateway.networking.k8s.io';
export const AGW = 'agentgateway.dev';
export const AGW_VERSION = `${AGW}/v1alpha1`;

const ID = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The grant id as it goes into object names: lowercase letters, digits and `-` (else 400). */
export function checkedGrantId(grantId: string): string {
  if (typeof grantId !== 'string' || !ID.test(grantId) || grantId.length > 50)
    throw new InputError(
      `grantId: '${grantId}' cannot name Kubernetes objects (lowercase letters, digits, '-', at most 50)`,
    );
  return grantId;
}

/** `aigw-grant-<id>`: the grant's Secret and its AgentgatewayPolicy. */
export const grantObjectName = (grantId: string) =>
  `aigw-grant-${checkedGrantId(grantId)}`;

/** `aigw-apikeys-<route>`: the api-key policy the grants of a route share when the route had none. */
export const sharedPolicyName = (route: string) => `aigw-apikeys-${route}`;

/** A label value (at most 63 characters: longer names end in a short hash). */
export function labelValue(value: string): string {
  if (value.length <= 63) return value;
  const hash = createHash('sha1').update(value).digest('hex').slice(0, 8);
  return `${value.slice(0, 54).replace(/[-._]+$/, '')}-${hash}`;
}

/** The labels of every object of a grant (besides the owner's and the key selector's). */
export function grantLabels(
  grantId: string,
  route: string,
): Record<string, string> {
  return {
    [GRANT_LABELS.grant]: checkedGrantId(grantId),
    [GRANT_LABELS.apiKeysFor]: labelValue(route),
  };
}

/** `<Kind>:<namespace>/<name>` → its parts (400 naming `source` when malformed). */
export function parseSource(api: ApiSource): {
  cluster: string;
  kind: string;
  namespace: string;
  name: string;
} {
  const m = /^([A-Za-z]+):([^/\s]+)\/([^/\s]+)$/.exec(api.source ?? '');
  if (!m || !api.cluster)
    throw new InputError(
      `source: '${api.source}' is not <Kind>:<namespace>/<name> of a cluster`,
    );
  return { cluster: api.cluster, kind: m[1], namespace: m[2], name: m[3] };
}

/** The API entity's source annotations (400 when it has none: not an API of the gateway). */
export function apiSourceOf(entity: Entity): ApiSource {
  const a = entity.metadata.annotations ?? {};
  const cluster = a[AI_GATEWAY_API_ANNOTATIONS.cluster];
  const source = a[AI_GATEWAY_API_ANNOTATIONS.source];
  if (!cluster || !source)
    throw new InputError(
      `apiRef: ${entity.metadata.name} is not an API of the AI gateway (no ${AI_GATEWAY_API_ANNOTATIONS.source} annotation)`,
    );
  return { cluster, source };
}
