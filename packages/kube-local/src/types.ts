/** A Kubernetes object as stored and served (plain JSON). */
export type KubeObject = Record<string, any> & {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, any>;
};

/** One served resource type (core kind or custom resource). */
export interface ResourceType {
  group: string; // '' for the core group
  /** Served versions; the first is the preferred / storage version. */
  versions: string[];
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** The kind declares a `status` subresource. */
  hasStatus: boolean;
  /** True for custom resources (validated with the shared CRD validator). */
  custom: boolean;
  /** Verbs announced in discovery. */
  verbs: string[];
}

/** `group/plural` (core: `plural`). */
export function typeKey(group: string, plural: string): string {
  return group ? `${group}/${plural}` : plural;
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function splitApiVersion(apiVersion: string): {
  group: string;
  version: string;
} {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function deepClone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}
