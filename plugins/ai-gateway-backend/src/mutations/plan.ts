import {
  KubeObject,
  ResourceKindDescriptor,
  SecretInput,
  ValidationCause,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** What the route asks the object writer to do (the URL's kind / name / namespace, the body). */
export type WriteRequest =
  | { action: 'create'; object: KubeObject; secrets?: SecretInput[] }
  | {
      action: 'update';
      kind: string;
      name: string;
      /** the URL's namespace (platform routes) */
      namespace?: string;
      object: KubeObject;
      /** Secrets written with the object: existing ones get only the keys sent rotated, new ones created */
      secrets?: SecretInput[];
    }
  | {
      action: 'delete';
      kind: string;
      name: string;
      namespace?: string;
      resourceVersion?: string;
    }
  /** what a create or update of the object would answer (`/validate`), without writing */
  | { action: 'validate'; object: KubeObject }
  /** `PUT {ref}/secrets/{name}`: create, or replace every key */
  | {
      action: 'putSecret';
      name: string;
      secret: { type?: string; stringData: Record<string, string> };
    }
  /** `PATCH {ref}/secrets/{name}`: rotate only the keys sent */
  | {
      action: 'patchSecret';
      name: string;
      secret: {
        stringData: Record<string, string>;
        /** data keys removed by the same patch (each must exist) */
        remove?: string[];
        /** labels set by the same patch */
        labels?: Record<string, string>;
      };
    };

/** One API server call of a plan. Every step runs as a dry run before any runs for real. */
export interface WriteStep {
  role: 'object' | 'secret';
  kind: ResourceKindDescriptor;
  write: 'create' | 'replace' | 'merge' | 'delete';
  namespace: string;
  name: string;
  /** create / replace */
  object?: KubeObject;
  /** merge */
  patch?: Record<string, unknown>;
  /** delete precondition */
  resourceVersion?: string;
  /** the Secret exists: its values are read right before the write and put back if a later step fails */
  restore?: boolean;
}

/** What the audit record says about the write (never a secret value). */
export interface WriteTarget {
  action: 'create' | 'update' | 'delete';
  kind?: string;
  name?: string;
  cluster?: string;
  namespace?: string;
  /** the names of the Secrets written with the object */
  secrets?: string;
}

/** The answer of `plan()`: the causes (empty when valid), where it goes, and the steps `apply()` runs. */
export interface WritePlan {
  target: WriteTarget;
  /** `Kind name`, for messages */
  what: string;
  cluster: string;
  causes: ValidationCause[];
  /** Secrets first, the object last (so the object never names a Secret that is not there) */
  steps: WriteStep[];
  /** update: the object the edit is based on (a lost race answers 409 with it as it is then) */
  current?: KubeObject;
  /** delete of an object that is already terminating: answered with it (202), nothing written */
  terminating?: KubeObject;
}

/** What `apply()` answers: the object (for a pending delete, as it stays), the Secrets, server warnings. */
export interface WriteResult {
  item?: KubeObject;
  secrets: KubeObject[];
  /** delete accepted, object still there until its finalizers are removed */
  pending: boolean;
  warnings: string[];
}

/** Whether an object is terminating: deleted, waiting for its finalizers. */
export function isTerminating(object: KubeObject | undefined): boolean {
  return !!object?.metadata.deletionTimestamp;
}
