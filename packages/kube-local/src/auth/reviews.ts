/**
 * SelfSubjectReview (authentication.k8s.io/v1) and SelfSubjectAccessReview (authorization.k8s.io/v1): create-only
 * kinds answered from the request (201) and never stored, as kube-apiserver does.
 */
import { badRequest, invalid } from '../errors/StatusError';
import { KubeObject, ResourceType } from '../types';
import { Authorizer, User } from './Authorizer';

export function isReviewType(type: ResourceType): boolean {
  return (
    (type.group === 'authentication.k8s.io' &&
      type.plural === 'selfsubjectreviews') ||
    (type.group === 'authorization.k8s.io' &&
      type.plural === 'selfsubjectaccessreviews')
  );
}

/** The answer to a review `body` of `user`. */
export function review(
  type: ResourceType,
  body: KubeObject,
  user: User,
  auth: Authorizer,
): KubeObject {
  const apiVersion = `${type.group}/v1`;
  if (
    (body.kind && body.kind !== type.kind) ||
    (body.apiVersion && body.apiVersion !== apiVersion)
  )
    throw badRequest(
      `the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersion})`,
    );
  const base = {
    kind: type.kind,
    apiVersion,
    metadata: { creationTimestamp: null },
  };
  if (type.kind === 'SelfSubjectReview')
    return {
      ...base,
      status: { userInfo: { username: user.name, groups: user.groups } },
    };
  const spec = body.spec ?? {};
  const r = spec.resourceAttributes;
  const nr = spec.nonResourceAttributes;
  if (!r === !nr) {
    const [field, detail] = r
      ? [
          'spec.nonResourceAttributes',
          'cannot be specified in combination with resourceAttributes',
        ]
      : [
          'spec.resourceAttributes',
          'exactly one of nonResourceAttributes or resourceAttributes must be specified',
        ];
    throw invalid(type.kind, type.group, '', [
      {
        field,
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(
          r ? JSON.stringify(nr) : 'null',
        )}: ${detail}`,
      },
    ]);
  }
  let status: { allowed: boolean; reason?: string };
  if (r) {
    status = auth.decide(user, {
      verb: String(r.verb ?? ''),
      group: String(r.group ?? ''),
      plural: String(r.resource ?? ''),
      subresource: r.subresource || undefined,
      namespace: r.namespace || undefined,
      name: r.name || undefined,
    });
  } else {
    status = {
      allowed: auth.allowsPath(
        user,
        String(nr.verb ?? ''),
        String(nr.path ?? ''),
      ),
    };
  }
  return { ...base, spec, status };
}
