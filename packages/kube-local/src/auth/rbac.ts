/**
 * The RBAC authorizer (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac): Role / ClusterRole rules granted through
 * RoleBindings (in the request's namespace) and ClusterRoleBindings, read from the store on every request, plus the
 * bootstrap policy every cluster has for non-resource URLs (system:public-info-viewer, system:discovery) and for the
 * self reviews (system:basic-user). `cluster-admin` resolves even when no such ClusterRole object is stored.
 */
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject } from '../types';

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  name: string;
  groups: string[];
}

export interface ResourceAttributes {
  verb: string;
  group: string;
  plural: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

const RBAC = 'rbac.authorization.k8s.io';

const BOOTSTRAP: Array<{ group: string; role: string; rules: PolicyRule[] }> = [
  {
    group: 'system:unauthenticated',
    role: 'system:public-info-viewer',
    rules: [
      {
        verbs: ['get'],
        nonResourceURLs: [
          '/healthz',
          '/livez',
          '/readyz',
          '/version',
          '/version/',
        ],
      },
    ],
  },
  {
    group: 'system:authenticated',
    role: 'system:discovery',
    rules: [
      {
        verbs: ['get'],
        nonResourceURLs: [
          '/api',
          '/api/*',
          '/apis',
          '/apis/*',
          '/healthz',
          '/livez',
          '/openapi',
          '/openapi/*',
          '/readyz',
          '/version',
          '/version/',
        ],
      },
    ],
  },
  {
    group: 'system:authenticated',
    role: 'system:basic-user',
    rules: [
      {
        verbs: ['create'],
        apiGroups: ['authentication.k8s.io'],
        resources: ['selfsubjectreviews'],
      },
      {
        verbs: ['create'],
        apiGroups: ['authorization.k8s.io'],
        resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      },
    ],
  },
];

export const CLUSTER_ADMIN_RULES: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

const has = (list: string[] | undefined, v: string) =>
  !!list && (list.includes('*') || list.includes(v));

/** rbac/validation RuleAllows for a resource request. */
export function ruleAllows(rule: PolicyRule, a: ResourceAttributes): boolean {
  if (!has(rule.verbs, a.verb) || !has(rule.apiGroups, a.group)) return false;
  const combined = a.subresource ? `${a.plural}/${a.subresource}` : a.plural;
  const resourceOk = (rule.resources ?? []).some(
    r =>
      r === '*' ||
      r === combined ||
      (!!a.subresource && r === `*/${a.subresource}`),
  );
  if (!resourceOk) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (!!a.name && names.includes(a.name));
}

function urlAllows(rule: PolicyRule, verb: string, path: string): boolean {
  if (!has(rule.verbs, verb)) return false;
  return (rule.nonResourceURLs ?? []).some(
    u =>
      u === '*' ||
      u === path ||
      (u.endsWith('*') && path.startsWith(u.slice(0, -1))),
  );
}

function subjectMatches(s: KubeObject, who: Subject, ns: string): boolean {
  if (s.kind === 'User') return s.name === who.name;
  if (s.kind === 'Group') return who.groups.includes(s.name);
  if (s.kind === 'ServiceAccount')
    return who.name === `system:serviceaccount:${s.namespace || ns}:${s.name}`;
  return false;
}

export class RbacAuthorizer {
  constructor(private readonly store: ObjectStore | undefined) {}

  /** The reason RBAC allows a request (`RBAC: allowed by ...`), undefined when it does not. */
  allowsResource(who: Subject, a: ResourceAttributes): string | undefined {
    return this.find(who, a.namespace, rule => ruleAllows(rule, a));
  }

  allowsPath(who: Subject, verb: string, path: string): string | undefined {
    return this.find(who, undefined, rule => urlAllows(rule, verb, path));
  }

  /**
   * RBAC's RulesFor (what SelfSubjectRulesReview lists): the rules of the bootstrap bindings and ClusterRoleBindings
   * of the user, then of its RoleBindings in `namespace`.
   */
  rulesFor(who: Subject, namespace: string): PolicyRule[] {
    const out: PolicyRule[] = [];
    for (const b of this.bootstrap())
      if (who.groups.includes(b.group)) out.push(...b.rules);
    for (const { binding } of this.bindings(namespace)) {
      const ns = binding.metadata?.namespace ?? '';
      if (
        !(binding.subjects ?? []).some((s: KubeObject) =>
          subjectMatches(s, who, ns),
        )
      )
        continue;
      const ref = binding.roleRef ?? {};
      out.push(...this.rules(ref.kind, ref.name, ns));
    }
    return out;
  }

  /**
   * The built-in bootstrap grants, for an authorizer without a store only: kube-local stores the bootstrap policy as
   * objects at start (./bootstrapPolicy.ts), so deleting a binding takes its grant away as on a real cluster.
   */
  private bootstrap(): typeof BOOTSTRAP {
    return this.store ? [] : BOOTSTRAP;
  }

  private bindings(
    namespace: string | undefined,
  ): Array<{ binding: KubeObject; kind: string }> {
    return [
      ...this.list('clusterrolebindings').map(binding => ({
        binding,
        kind: 'ClusterRoleBinding',
      })),
      ...(namespace
        ? this.list('rolebindings', namespace).map(binding => ({
            binding,
            kind: 'RoleBinding',
          }))
        : []),
    ];
  }

  private find(
    who: Subject,
    namespace: string | undefined,
    allows: (r: PolicyRule) => boolean,
  ): string | undefined {
    for (const b of this.bootstrap())
      if (who.groups.includes(b.group) && b.rules.some(allows))
        return `RBAC: allowed by ClusterRoleBinding "${b.role}" of ClusterRole "${b.role}" to Group "${b.group}"`;
    for (const { binding, kind } of this.bindings(namespace)) {
      const ns = binding.metadata?.namespace ?? '';
      const subject = (binding.subjects ?? []).find((s: KubeObject) =>
        subjectMatches(s, who, ns),
      );
      if (!subject) continue;
      const ref = binding.roleRef ?? {};
      if (!this.rules(ref.kind, ref.name, ns).some(allows)) continue;
      const where = kind === 'RoleBinding' ? `${ns}/` : '';
      return `RBAC: allowed by ${kind} "${where}${binding.metadata?.name}" of ${ref.kind} "${ref.name}" to ${subject.kind} "${subject.name}"`;
    }
    return undefined;
  }

  private rules(kind: string, name: string, ns: string): PolicyRule[] {
    if (kind === 'ClusterRole') {
      const role = this.store?.get(`${RBAC}/clusterroles`, '', name);
      if (!role && name === 'cluster-admin') return CLUSTER_ADMIN_RULES;
      return role?.rules ?? [];
    }
    if (kind === 'Role')
      return this.store?.get(`${RBAC}/roles`, ns, name)?.rules ?? [];
    return [];
  }

  private list(plural: string, namespace?: string): KubeObject[] {
    return this.store?.listShared(`${RBAC}/${plural}`, namespace) ?? [];
  }
}
