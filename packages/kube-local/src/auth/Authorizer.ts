import { StatusError, forbidden, unauthorized } from '../errors/StatusError';
import { ObjectStore } from '../store/ObjectStore';
import {
  CLUSTER_ADMIN_RULES,
  PolicyRule,
  RbacAuthorizer,
  ResourceAttributes,
} from './rbac';

/** An allow rule: verbs × resources × namespaces; `'*'` is a wildcard everywhere. */
export interface AccessRule {
  verbs: string[];
  /** `plural`, `group/plural`, `plural/subresource`, `group/plural/subresource` or `'*'`. */
  resources: string[];
  /** Namespaces; cluster-scoped requests (and all-namespace lists) need `'*'`. */
  namespaces: string[];
}

export interface UserSpec {
  name: string;
  token: string;
  /** Static allow rules (in addition to what RBAC objects grant the user). */
  rules?: AccessRule[];
  /** Groups besides `system:authenticated` (RBAC subjects of kind Group). */
  groups?: string[];
}

export interface User {
  name: string;
  groups: string[];
  admin: boolean;
  rules: AccessRule[];
}

export type AccessRequest = ResourceAttributes;

export const ANONYMOUS: User = {
  name: 'system:anonymous',
  groups: ['system:unauthenticated'],
  admin: false,
  rules: [],
};

/**
 * Authentication (bearer tokens; a request without credentials is `system:anonymous` when anonymous auth is on, as
 * kube-apiserver's default) and authorization: the admin (group `system:masters`) may do everything, users their
 * static rules plus what RBAC objects in the store grant them (./rbac.ts).
 */
export class Authorizer {
  private readonly byToken = new Map<string, User>();
  private readonly byName = new Map<string, User>();
  private readonly rbac: RbacAuthorizer;

  constructor(
    adminToken: string,
    users: UserSpec[] = [],
    private readonly opts: { anonymous?: boolean; store?: ObjectStore } = {},
  ) {
    this.rbac = new RbacAuthorizer(opts.store);
    this.byToken.set(adminToken, {
      name: 'admin',
      groups: ['system:masters', 'system:authenticated'],
      admin: true,
      rules: [],
    });
    for (const u of users) {
      const sa = /^system:serviceaccount:([^:]+):/.exec(u.name);
      const saGroups = sa
        ? ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`]
        : [];
      const user: User = {
        name: u.name,
        groups: [...(u.groups ?? []), ...saGroups, 'system:authenticated'],
        admin: false,
        rules: u.rules ?? [],
      };
      this.byToken.set(u.token, user);
      this.byName.set(u.name, user);
    }
  }

  /** The user of an `Authorization` header; 401 for a token nobody has (or no credentials without anonymous auth). */
  authenticate(header: string | undefined): User {
    if (!header && this.opts.anonymous !== false) return ANONYMOUS;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    const user = m ? this.byToken.get(m[1]) : undefined;
    if (!user) throw unauthorized();
    return user;
  }

  /** Whether the user may; `reason` as a SubjectAccessReview reports it. */
  decide(
    user: User,
    req: AccessRequest,
  ): { allowed: boolean; reason?: string } {
    if (user.admin) return { allowed: true };
    if (staticAllows(user, req)) return { allowed: true };
    const reason = this.rbac.allowsResource(user, req);
    return reason ? { allowed: true, reason } : { allowed: false };
  }

  allows(user: User, req: AccessRequest): boolean {
    return this.decide(user, req).allowed;
  }

  allowsPath(user: User, verb: string, path: string): boolean {
    return this.pathReason(user, verb, path) !== undefined;
  }

  /** RBAC's reason for allowing a non-resource request ('' for the admin), undefined when denied. */
  pathReason(user: User, verb: string, path: string): string | undefined {
    return user.admin ? '' : this.rbac.allowsPath(user, verb, path);
  }

  /**
   * The user a SubjectAccessReview names: exactly its `user` and `groups` (nothing is added); a configured user of
   * that name keeps its static rules, group `system:masters` may do everything.
   */
  subject(name: string, groups: string[]): User {
    return {
      name,
      groups,
      admin: groups.includes('system:masters'),
      rules: this.byName.get(name)?.rules ?? [],
    };
  }

  /** What SelfSubjectRulesReview lists for `user` in `namespace` (./rulesReview.ts). */
  rulesFor(user: User, namespace: string): PolicyRule[] {
    if (user.admin) return CLUSTER_ADMIN_RULES;
    return [
      ...staticRules(user, namespace),
      ...this.rbac.rulesFor(user, namespace),
    ];
  }

  /** Throws 403 Forbidden worded like RBAC's denial. */
  authorize(user: User, req: AccessRequest): void {
    if (!this.allows(user, req)) throw forbidden({ user: user.name, ...req });
  }

  /** Non-resource URLs (discovery, /version, /openapi...): `forbidden: User "u" cannot get path "/api"`. */
  authorizePath(user: User, verb: string, path: string): void {
    if (this.allowsPath(user, verb, path)) return;
    throw new StatusError(
      403,
      'Forbidden',
      `forbidden: User "${user.name}" cannot ${verb} path "${path}"`,
      {},
    );
  }
}

/** The static rules of a user that apply in `namespace`, as RBAC rules. */
function staticRules(user: User, namespace: string): PolicyRule[] {
  return user.rules
    .filter(r => r.namespaces.includes('*') || r.namespaces.includes(namespace))
    .flatMap(r =>
      r.resources.map(res => {
        if (res === '*')
          return { verbs: r.verbs, apiGroups: ['*'], resources: ['*'] };
        const parts = res.split('/');
        // `plural`, `plural/sub`, `group/plural`, `group/plural/sub` (a group has a dot, a subresource none)
        const grouped = parts.length === 3 || parts[0].includes('.');
        const group = grouped ? parts[0] : '';
        const rest = grouped ? parts.slice(1) : parts;
        return {
          verbs: r.verbs,
          apiGroups: grouped ? [group] : ['*'],
          resources: [rest.join('/')],
        };
      }),
    );
}

function staticAllows(user: User, req: AccessRequest): boolean {
  const names = [req.plural, `${req.group}/${req.plural}`];
  const resources = req.subresource
    ? names.map(n => `${n}/${req.subresource}`)
    : names;
  return user.rules.some(
    r =>
      (r.verbs.includes('*') || r.verbs.includes(req.verb)) &&
      (r.resources.includes('*') ||
        resources.some(n => r.resources.includes(n))) &&
      (r.namespaces.includes('*') ||
        (!!req.namespace && r.namespaces.includes(req.namespace))),
  );
}
