import type { ComponentType } from 'react';
import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** A Secret a form fills with write-only values (an API key, AWS keys, client API keys). */
export interface CredentialSpec {
  /** path of the `{ name }` Secret reference in the object, e.g. `spec.policies.auth.secretRef` */
  refPath: string;
  /** the Secret name used when the reference has none yet */
  defaultName(objectName: string): string;
}

/** One guided form: a kind, or a variant of it (an AI provider, a policy section). */
export interface FormDescriptor {
  id: string;
  kind: string;
  /** menu label, e.g. "AI backend: OpenAI" */
  label: string;
  /** whether this form edits an existing object (first match wins) */
  matches(obj: KubeObject): boolean;
  /** a new object of this variant (no namespace: the backend stamps it) */
  template(): KubeObject;
  Form: ComponentType;
  credentials?: CredentialSpec;
}

/** the bucket of `SecretValues` the credential fields of a form write to */
export const CREDENTIALS = 'credentials';

/** What the forms read of a reference (`parentRefs[]`, `backendRefs[]`, `targetRefs[]`, `secretRef`). */
export interface ObjectRef {
  group?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  sectionName?: string;
  [field: string]: unknown;
}

/** A `traffic.rateLimit.local[]` entry. */
export interface LocalLimit {
  requests?: number;
  tokens?: number;
  burst?: number;
  unit?: string;
  [field: string]: unknown;
}

/** `jwtAuthentication.providers[].jwks`: inline keys or a remote URL. */
export interface Jwks {
  inline?: string;
  remote?: { url?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/** A `spec.mcp.targets[]` entry: a static host or a service selector. */
export interface McpTargetSpec {
  name?: string;
  static?: { host?: string; port?: number; path?: string; protocol?: string };
  selector?: { services?: { matchLabels?: Record<string, string> } };
  [field: string]: unknown;
}
