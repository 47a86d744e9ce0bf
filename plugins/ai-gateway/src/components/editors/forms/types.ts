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
