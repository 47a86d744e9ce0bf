/**
 * The review kinds: create-only, answered from the request (201) and never stored, as kube-apiserver does.
 * SelfSubjectReview (authentication.k8s.io/v1), SelfSubjectAccessReview, SubjectAccessReview,
 * LocalSubjectAccessReview (./accessReviews.ts) and SelfSubjectRulesReview (./rulesReview.ts) of
 * authorization.k8s.io/v1.
 */
import { badRequest } from '../errors/StatusError';
import { KubeObject, ResourceType } from '../types';
import { Authorizer, User } from './Authorizer';
import { accessReview } from './accessReviews';
import { rulesReview } from './rulesReview';

const REVIEWS: Record<string, string[]> = {
  'authentication.k8s.io': ['selfsubjectreviews'],
  'authorization.k8s.io': [
    'selfsubjectaccessreviews',
    'subjectaccessreviews',
    'localsubjectaccessreviews',
    'selfsubjectrulesreviews',
  ],
};

export function isReviewType(type: ResourceType): boolean {
  return !!REVIEWS[type.group]?.includes(type.plural);
}

/** The answer to a review `body` of `user` (posted in `namespace` for LocalSubjectAccessReview). */
export function review(
  type: ResourceType,
  body: KubeObject,
  user: User,
  auth: Authorizer,
  namespace?: string,
): KubeObject {
  const apiVersion = `${type.group}/v1`;
  if (
    (body.kind && body.kind !== type.kind) ||
    (body.apiVersion && body.apiVersion !== apiVersion)
  )
    throw badRequest(
      `the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersion})`,
    );
  const metadata: KubeObject = { ...(body.metadata ?? {}) };
  if (namespace) {
    if (metadata.namespace && metadata.namespace !== namespace)
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    metadata.namespace = namespace;
  }
  const base = {
    kind: type.kind,
    apiVersion,
    metadata: { ...metadata, creationTimestamp: null },
  };
  if (type.kind === 'SelfSubjectReview')
    return {
      ...base,
      status: { userInfo: { username: user.name, groups: user.groups } },
    };
  if (type.kind === 'SelfSubjectRulesReview')
    return { ...base, ...rulesReview(body.spec ?? {}, user, auth) };
  return { ...base, ...accessReview(type.kind, body, user, auth, namespace) };
}
