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

/** Body of a 409 answer to an update: the Backstage error plus the object as it is now. */
export interface ConflictResponseBody {
  error: { name: string; message: string };
  current?: ResourceItem;
}

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

/** `GET {ref}/resources/{kind}/{name}/referrers` */
export interface ReferrersResponse {
  items: ResourceItem[];
}

/** `PUT {ref}/secrets/{name}` body */
export interface PutSecretRequest {
  type?: string;
  stringData: Record<string, string>;
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
  /** 409: more than one catalog entity selects the object */
  ambiguousOwnership: 'AmbiguousOwnership',
} as const;
