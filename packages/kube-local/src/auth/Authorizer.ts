import { forbidden, unauthorized } from '../errors/StatusError';

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
  rules: AccessRule[];
}

export interface User {
  name: string;
  admin: boolean;
  rules: AccessRule[];
}

export interface AccessRequest {
  verb: string;
  group: string;
  plural: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** Bearer-token authentication and rule-based authorization (allow rules only, like RBAC). */
export class Authorizer {
  private readonly byToken = new Map<string, User>();

  constructor(adminToken: string, users: UserSpec[] = []) {
    this.byToken.set(adminToken, { name: 'admin', admin: true, rules: [] });
    for (const u of users)
      this.byToken.set(u.token, { name: u.name, admin: false, rules: u.rules });
  }

  /** The user of an `Authorization` header; throws 401 Unauthorized. */
  authenticate(header: string | undefined): User {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    const user = m ? this.byToken.get(m[1]) : undefined;
    if (!user) throw unauthorized();
    return user;
  }

  allows(user: User, req: AccessRequest): boolean {
    if (user.admin) return true;
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

  /** Throws 403 Forbidden worded like RBAC's denial. */
  authorize(user: User, req: AccessRequest): void {
    if (!this.allows(user, req)) throw forbidden({ user: user.name, ...req });
  }
}
