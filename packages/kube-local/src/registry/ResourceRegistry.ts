import type { CustomResourceDefinition } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { ResourceType, typeKey } from '../types';

export const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

function core(
  plural: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[],
  hasStatus: boolean,
): ResourceType {
  return {
    group: '',
    versions: ['v1'],
    plural,
    singular: kind.toLowerCase(),
    kind,
    listKind: `${kind}List`,
    namespaced,
    shortNames,
    categories: namespaced ? ['all'] : [],
    hasStatus,
    custom: false,
    verbs: ALL_VERBS,
  };
}

/** Built-in kinds served by kube-local (a small subset of the real core group, plus CRDs themselves). */
export const BUILTIN_TYPES: ResourceType[] = [
  core('namespaces', 'Namespace', false, ['ns'], true),
  core('secrets', 'Secret', true, [], false),
  core('configmaps', 'ConfigMap', true, ['cm'], false),
  core('services', 'Service', true, ['svc'], true),
  core('pods', 'Pod', true, ['po'], true),
  {
    ...core('resourcequotas', 'ResourceQuota', true, ['quota'], true),
    categories: [],
  },
  {
    group: 'apiextensions.k8s.io',
    versions: ['v1'],
    plural: 'customresourcedefinitions',
    singular: 'customresourcedefinition',
    kind: 'CustomResourceDefinition',
    listKind: 'CustomResourceDefinitionList',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    hasStatus: true,
    custom: false,
    verbs: ALL_VERBS,
  },
];

function rbac(plural: string, kind: string, namespaced: boolean): ResourceType {
  return {
    ...core(plural, kind, namespaced, [], false),
    group: 'rbac.authorization.k8s.io',
    categories: [],
  };
}

/** Create-only review kinds: answered from the request, never stored (./../auth/reviews.ts). */
function review(
  group: string,
  plural: string,
  kind: string,
  namespaced = false,
): ResourceType {
  return {
    ...core(plural, kind, namespaced, [], false),
    group,
    categories: [],
    verbs: ['create'],
  };
}

/** RBAC kinds (honoured by the authorizer) and the self reviews. */
export const AUTH_TYPES: ResourceType[] = [
  rbac('roles', 'Role', true),
  rbac('rolebindings', 'RoleBinding', true),
  rbac('clusterroles', 'ClusterRole', false),
  rbac('clusterrolebindings', 'ClusterRoleBinding', false),
  review('authentication.k8s.io', 'selfsubjectreviews', 'SelfSubjectReview'),
  review(
    'authorization.k8s.io',
    'selfsubjectaccessreviews',
    'SelfSubjectAccessReview',
  ),
  review('authorization.k8s.io', 'subjectaccessreviews', 'SubjectAccessReview'),
  review(
    'authorization.k8s.io',
    'localsubjectaccessreviews',
    'LocalSubjectAccessReview',
    true,
  ),
  review(
    'authorization.k8s.io',
    'selfsubjectrulesreviews',
    'SelfSubjectRulesReview',
  ),
];

/** The served resource type of a CRD (served versions, storage version first). */
export function typeFromCrd(crd: CustomResourceDefinition): ResourceType {
  const { group, names, scope, versions } = crd.spec;
  const served = versions.filter(v => v.served);
  const ordered = [
    ...served.filter(v => v.storage),
    ...served.filter(v => !v.storage),
  ];
  return {
    group,
    versions: ordered.map(v => v.name),
    plural: names.plural,
    singular: names.singular ?? names.kind.toLowerCase(),
    kind: names.kind,
    listKind: names.listKind ?? `${names.kind}List`,
    namespaced: scope === 'Namespaced',
    shortNames: names.shortNames ?? [],
    categories: names.categories ?? [],
    hasStatus: ordered.some(v => !!v.subresources?.status),
    custom: true,
    verbs: ALL_VERBS,
  };
}

/** Which resource types are served; CRD types come and go at runtime. */
export class ResourceRegistry {
  private readonly types = new Map<string, ResourceType>();

  constructor() {
    for (const t of [...BUILTIN_TYPES, ...AUTH_TYPES])
      this.types.set(typeKey(t.group, t.plural), t);
  }

  /** Register (or replace) the type a CRD defines. Returns it. */
  registerCrd(crd: CustomResourceDefinition): ResourceType {
    const t = typeFromCrd(crd);
    this.types.set(typeKey(t.group, t.plural), t);
    return t;
  }

  unregister(group: string, plural: string): void {
    const t = this.types.get(typeKey(group, plural));
    if (t?.custom) this.types.delete(typeKey(group, plural));
  }

  /** Resolve a URL's group/version/plural (version must be served). */
  lookup(
    group: string,
    version: string,
    plural: string,
  ): ResourceType | undefined {
    const t = this.types.get(typeKey(group, plural));
    return t && t.versions.includes(version) ? t : undefined;
  }

  byKey(key: string): ResourceType | undefined {
    return this.types.get(key);
  }

  /** Resolve an object's apiVersion + kind. */
  byKind(
    group: string,
    version: string,
    kind: string,
  ): ResourceType | undefined {
    for (const t of this.types.values())
      if (t.group === group && t.kind === kind && t.versions.includes(version))
        return t;
    return undefined;
  }

  all(): ResourceType[] {
    return [...this.types.values()];
  }

  /** Groups with their served versions, in registration order (core group excluded). */
  groups(): Array<{ name: string; versions: string[] }> {
    const out = new Map<string, string[]>();
    for (const t of this.types.values()) {
      if (!t.group) continue;
      const vs = out.get(t.group) ?? [];
      for (const v of t.versions) if (!vs.includes(v)) vs.push(v);
      out.set(t.group, vs);
    }
    return [...out.entries()].map(([name, versions]) => ({ name, versions }));
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.all().filter(
      t => t.group === group && t.versions.includes(version),
    );
  }
}
