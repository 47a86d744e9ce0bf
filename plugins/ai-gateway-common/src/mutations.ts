import type { WithRefinedModels } from './api';
import type { AiGatewayApiSchemas as Schemas } from './models';
import type { AiGatewayErrorBody } from './errors/AiGatewayApiError';

/**
 * Write API between the AI Gateway frontend and backend (create / edit / delete). `{ref}` below is
 * `/entity/{kind}/{namespace}/{name}` of the catalog entity; the browser never sends a namespace for
 * entity-scoped objects — the backend stamps it (and the entity's selecting label) and picks the cluster.
 */

/** A Secret value to create or rotate. Values are write-only: never returned, never logged. */
export type SecretInput = Schemas['SecretInput'];

/** `POST {ref}/resources` */
export type CreateResourceRequest = WithRefinedModels<
  Schemas['CreateResourceRequest']
>;

/** 201 answer of `POST {ref}/resources` (and `POST /platform/resources`). */
export type CreateResourceResponse = WithRefinedModels<
  Schemas['CreateResourceResponse']
>;

/** `PUT {ref}/resources/{kind}/{name}`: the object must carry the `metadata.resourceVersion` it was based on. */
export type UpdateResourceRequest = WithRefinedModels<Schemas['ObjectRequest']>;

export type UpdateResourceResponse = WithRefinedModels<Schemas['ItemResponse']>;

/** @deprecated the one error body is {@link AiGatewayErrorBody} */
export type ConflictResponseBody = AiGatewayErrorBody;

/** @deprecated the one error body is {@link AiGatewayErrorBody} */
export type InvalidResponseBody = AiGatewayErrorBody;

/** `POST /platform/resources`, `PUT /platform/resources/{kind}/{namespace}/{name}` body (namespace required). */
export type PlatformObjectRequest = WithRefinedModels<Schemas['ObjectRequest']>;

/** The field manager of every write of the backend (visible in `metadata.managedFields`). */
export const AI_GATEWAY_FIELD_MANAGER = 'backstage-ai-gateway';

/** One validation failure, located by its field path (`spec.ai.provider.openai.model`, `metadata.name`). */
export type ValidationCause = Schemas['ValidationCause'];

/** `POST {ref}/validate` → 200 */
export type ValidateResponse = Schemas['ValidateResponse'];

/**
 * `GET {ref}/resources/{kind}/{name}/referrers`: the entity's own objects that reference the object, in full;
 * referrers the entity does not select are only counted in `others` (their names are not the caller's to see).
 */
export type ReferrersResponse = WithRefinedModels<Schemas['ReferrersResponse']>;

/** `PUT {ref}/secrets/{name}` body */
export type PutSecretRequest = Schemas['PutSecretRequest'];

/**
 * `PATCH {ref}/secrets/{name}` body: rotates only the keys sent (a JSON merge patch of `stringData`); the
 * Secret's other keys keep their values. The Secret must already exist and belong to the entity.
 */
export type PatchSecretRequest = Schemas['PatchSecretRequest'];

/** `GET {ref}/secrets`: the entity's Secrets, without values (key names, type, labels). */
export type SecretsResponse = WithRefinedModels<Schemas['SecretsResponse']>;

/**
 * What a caller may do for an entity, one flag per permission of this plugin (create / update / delete objects,
 * write Secrets, manage the platform). The frontend asks each with `usePermission`; the backend enforces the same
 * permissions on every route regardless.
 */
export interface Capabilities {
  create: boolean;
  update: boolean;
  delete: boolean;
  writeSecrets: boolean;
  managePlatform: boolean;
}

/** Error names of write answers (Backstage error body `error.name`). */
export const AI_GATEWAY_WRITE_ERRORS = {
  /** 409: the object changed since it was read (body carries `current`) */
  conflict: 'ConflictError',
  /** 422: the object is invalid (body `error.causes` / `causes` lists every field) */
  invalid: 'InputError',
  /** 409: more than one catalog entity selects the object (body carries `claimants`); read-only to all of them */
  ambiguousOwnership: 'AmbiguousOwnership',
  /** 502: the cluster refused the plugin's own service account (401/403) — a configuration problem */
  clusterAccess: 'ClusterAccessError',
  /** 503: the cluster could not be reached */
  clusterUnavailable: 'ServiceUnavailableError',
} as const;
