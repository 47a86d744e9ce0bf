/**
 * SelfSubjectAccessReview, SubjectAccessReview and LocalSubjectAccessReview (authorization.k8s.io/v1; the registry's
 * rest.go and pkg/apis/authorization/validation): the spec is validated (422 `<Kind>.authorization.k8s.io "" is
 * invalid`), then the authorizer decides for the spec's attributes — of the requester for the self review, of
 * `spec.user` / `spec.groups` for the others — and the request comes back with `status.allowed` and RBAC's reason.
 */
import { StatusCause, badRequest, invalid } from '../errors/StatusError';
import { KubeObject } from '../types';
import { Authorizer, User } from './Authorizer';

const GROUP = 'authorization.k8s.io';

const invalidValue = (field: string, value: unknown, detail: string) => ({
  field,
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${value}: ${detail}`,
});

/** A Go `%v`-ish rendering of the value named in a cause (enough to read it; nil as `null`). */
const shown = (v: unknown) =>
  v === undefined || v === null ? 'null' : JSON.stringify(JSON.stringify(v));

function validate(kind: string, body: KubeObject): StatusCause[] {
  const spec = body.spec ?? {};
  const r = spec.resourceAttributes;
  const nr = spec.nonResourceAttributes;
  const causes: StatusCause[] = [];
  if (r && nr)
    causes.push(
      invalidValue(
        'spec.nonResourceAttributes',
        shown(nr),
        'cannot be specified in combination with resourceAttributes',
      ),
    );
  if (!r && !nr)
    causes.push(
      invalidValue(
        'spec.resourceAttributes',
        '"null"',
        'exactly one of nonResourceAttributes or resourceAttributes must be specified',
      ),
    );
  if (kind !== 'SelfSubjectAccessReview') {
    if (!spec.user && !(spec.groups ?? []).length)
      causes.push(
        invalidValue(
          'spec.user',
          '""',
          'at least one of user or group must be specified',
        ),
      );
    const { namespace, creationTimestamp, managedFields, ...meta } =
      body.metadata ?? {};
    const extra =
      Object.keys(meta).length > 0 ||
      (kind === 'SubjectAccessReview' && !!namespace) ||
      !!creationTimestamp;
    if (extra)
      causes.push(
        invalidValue('metadata', shown(body.metadata), 'must be empty'),
      );
    if (kind === 'LocalSubjectAccessReview' && nr)
      causes.push(
        invalidValue(
          'spec.nonResourceAttributes',
          shown(nr),
          'disallowed on this kind of request',
        ),
      );
  }
  return causes;
}

export function accessReview(
  kind: string,
  body: KubeObject,
  requester: User,
  auth: Authorizer,
  namespace?: string,
): KubeObject {
  const causes = validate(kind, body);
  if (causes.length > 0) throw invalid(kind, GROUP, '', causes);
  if (kind === 'LocalSubjectAccessReview' && !namespace)
    throw badRequest('namespace is required on this type: ');
  const spec = body.spec;
  const who =
    kind === 'SelfSubjectAccessReview'
      ? requester
      : auth.subject(String(spec.user ?? ''), (spec.groups ?? []).map(String));
  const r = spec.resourceAttributes;
  const nr = spec.nonResourceAttributes;
  let status: { allowed: boolean; reason?: string };
  if (r) {
    status = auth.decide(who, {
      verb: String(r.verb ?? ''),
      group: String(r.group ?? ''),
      plural: String(r.resource ?? ''),
      subresource: r.subresource || undefined,
      namespace: r.namespace || undefined,
      name: r.name || undefined,
    });
  } else {
    const reason = auth.pathReason(
      who,
      String(nr.verb ?? ''),
      String(nr.path ?? ''),
    );
    status = reason === undefined ? { allowed: false } : { allowed: true };
    if (reason) status.reason = reason;
  }
  return { spec, status };
}
