/**
 * SelfSubjectRulesReview (authorization.k8s.io/v1): the requester's rules in `spec.namespace` as the RBAC
 * authorizer's RulesFor lists them — resource rules (verbs, apiGroups, resources, resourceNames) and non-resource
 * rules (verbs, nonResourceURLs), `incomplete: false`. A missing namespace is a 400 `no namespace on request`.
 */
import { badRequest } from '../errors/StatusError';
import { KubeObject } from '../types';
import { Authorizer, User } from './Authorizer';

export function rulesReview(
  spec: KubeObject,
  user: User,
  auth: Authorizer,
): KubeObject {
  const namespace = spec.namespace;
  if (!namespace) throw badRequest('no namespace on request');
  const resourceRules: KubeObject[] = [];
  const nonResourceRules: KubeObject[] = [];
  for (const rule of auth.rulesFor(user, String(namespace))) {
    if ((rule.nonResourceURLs ?? []).length > 0)
      nonResourceRules.push({
        verbs: rule.verbs ?? [],
        nonResourceURLs: rule.nonResourceURLs,
      });
    if ((rule.resources ?? []).length > 0)
      resourceRules.push({
        verbs: rule.verbs ?? [],
        ...(rule.apiGroups?.length ? { apiGroups: rule.apiGroups } : {}),
        resources: rule.resources,
        ...(rule.resourceNames?.length
          ? { resourceNames: rule.resourceNames }
          : {}),
      });
  }
  return {
    spec,
    status: { resourceRules, nonResourceRules, incomplete: false },
  };
}
