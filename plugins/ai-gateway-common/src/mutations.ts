import type { KubeObject } from './registry/types';
import type { ResourceItem } from './api';

/**
 * Write API between the AI Gateway frontend and backend (create / edit / delete). `{ref}` below is
 * `/entity/{kind}/{namespace}/{name}` of the catalog entity; the browser never sends a namespace for
 * entity-scoped objects — the backend stamps it (and the entity's selecting label) and picks the cluster.
 */

/** A Secret value to create or rotate. Values are write-only: never returned, never logged. */
export interface SecretInput {
  name: string;
  /** defaults to `Opaque` */
  type?: string;
  stringData: Record<string, string>;
}

/** `POST {ref}/resources` */
export interface CreateResourceRequest {
  object: KubeObject;
  /** Secrets created together with the object (e.g. an AI backend's API key): both or neither. */
  secrets?: SecretInput[];
}

/** 201 answer of `POST {ref}/resources` (and `POST /platform/resources`). */
export interface CreateResourceResponse {
  item: ResourceItem;
  /** the Secrets created with it, without values */
  secrets: ResourceItem[];
}

/** `PUT {ref}/resources/{kind}/{name}`: the object must carry the `metadata.resourceVersion` it was based on. */
export interface UpdateResourceRequest {
  object: KubeObject;
}

export interface UpdateResourceResponse {
  item: ResourceItem;
}

/**
 * Body of a 409 answer: the Backstage error plus, for a stale update or delete (`ConflictError`), the object as
 * it is now; for `AmbiguousOwnership`, the entity refs of every entity that selects the object.
 */
export interface ConflictResponseBody {
  error: { name: string; message: string };
  current?: ResourceItem;
  claimants?: string[];
}

/** Body of a 422 answer (`error.name` `InputError`): every cause, also repeated under `error.causes`. */
export interface InvalidResponseBody {
  error: { name: string; message: string; causes?: ValidationCause[] };
  causes: ValidationCause[];
}

/** `POST /platform/resources`, `PUT /platform/resources/{kind}/{namespace}/{name}` body (namespace required). */
export interface PlatformObjectRequest {
  object: KubeObject;
}

/** The field manager of every write of the backend (visible in `metadata.managedFields`). */
export const AI_GATEWAY_FIELD_MANAGER = 'backstage-ai-gateway';

/** One validation failure, located by its field path (`spec.ai.provider.openai.model`, `metadata.name`). */
export interface ValidationCause {
  field: string;
  message: string;
  /** `FieldValueRequired`, `FieldValueInvalid`, `FieldValueNotSupported`, ... */
  reason?: string;
}

/** `POST {ref}/validate` → 200 */
export interface ValidateResponse {
  valid: boolean;
  causes: ValidationCause[];
}

/**
 * `GET {ref}/resources/{kind}/{name}/referrers`: the entity's own objects that reference the object, in full;
 * referrers the entity does not select are only counted in `others` (their names are not the caller's to see).
 */
export interface ReferrersResponse {
  items: ResourceItem[];
  /** always sent by the backend */
  others?: number;
}

/** `PUT {ref}/secrets/{name}` body */
export interface PutSecretRequest {
  type?: string;
  stringData: Record<string, string>;
}

/**
 * `PATCH {ref}/secrets/{name}` body: rotates only the keys sent (a JSON merge patch of `stringData`); the
 * Secret's other keys keep their values. The Secret must already exist and belong to the entity.
 */
export interface PatchSecretRequest {
  stringData: Record<string, string>;
}

/** `GET {ref}/secrets`: the entity's Secrets, without values (key names, type, labels). */
export interface SecretsResponse {
  items: ResourceItem[];
}

/** `GET /platform/capabilities`: whether the caller may manage platform objects (the backend enforces regardless). */
export interface PlatformCapabilities {
  managePlatform: boolean;
}

/** `GET {ref}/capabilities`: what the caller may do for this entity (the backend enforces regardless). */
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
