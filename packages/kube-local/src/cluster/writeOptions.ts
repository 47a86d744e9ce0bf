import { KubeObject } from '../types';

/** Options of a write through the Cluster. */
export interface WriteOptions {
  /** Field manager recorded in managedFields. */
  manager: string;
  dryRun?: boolean;
  /** Seeding keeps `.status` on kinds with a status subresource. */
  seeding?: boolean;
  subresource?: 'status';
  /** `fieldValidation`: Strict rejects fields the CRD schema prunes (400), Warn (default) reports them in `warnings`. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** Collects `Warning` header texts. */
  warnings?: string[];
  /** The requesting user (admission webhooks see it). */
  user?: string;
  /** The URL's version (named in strict decoding errors). */
  version?: string;
  /** Merge / JSON patches: the patched object, named in the 422 of fieldValidation=Strict. */
  patched?: KubeObject;
}
