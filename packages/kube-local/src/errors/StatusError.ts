/**
 * Kubernetes `Status` failures (meta/v1 Status), shaped and worded like kube-apiserver's
 * (k8s.io/apimachinery/pkg/api/errors).
 */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** An error that is answered as a `Status` object with its HTTP code. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'StatusError';
  }

  /** Answered as `text/plain` (the not-found handler's page) instead of a Status. */
  plainText = false;

  toStatus(): StatusBody {
    const body: StatusBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      code: this.code,
    };
    // Go omits empty strings (omitempty): a Status with an unknown reason has no `reason`
    if (this.reason) body.reason = this.reason;
    if (this.details) body.details = this.details;
    return body;
  }
}

/** A resource as errors name it: plural + group (`secrets`, `gateways.gateway.networking.k8s.io`). */
export interface QualifiedResource {
  group: string;
  plural: string;
}

const qualified = (r: QualifiedResource) =>
  r.group ? `${r.plural}.${r.group}` : r.plural;

export function notFound(r: QualifiedResource, name: string): StatusError {
  return new StatusError(
    404,
    'NotFound',
    `${qualified(r)} "${name}" not found`,
    { name, group: r.group || undefined, kind: r.plural },
  );
}

export function pathNotFound(): StatusError {
  return new StatusError(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );
}

/**
 * The plain-text `404 page not found` of the server's not-found handler: what paths no API group serves get
 * (unknown groups / versions, anything a CRD does not define). `plainText` tells the sender.
 */
export function pageNotFound(): StatusError {
  const e = new StatusError(404, 'NotFound', '404 page not found');
  e.plainText = true;
  return e;
}

export function alreadyExists(r: QualifiedResource, name: string): StatusError {
  return new StatusError(
    409,
    'AlreadyExists',
    `${qualified(r)} "${name}" already exists`,
    { name, group: r.group || undefined, kind: r.plural },
  );
}

export function conflict(
  r: QualifiedResource,
  name: string,
  why: string,
): StatusError {
  return new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(r)} "${name}": ${why}`,
    {
      name,
      group: r.group || undefined,
      kind: r.plural,
    },
  );
}

export const STALE =
  'the object has been modified; please apply your changes to the latest version and try again';

/** 422 Invalid: `Kind.group "name" is invalid: [a: msg, b: msg]`. */
export function invalid(
  kind: string,
  group: string,
  name: string,
  causes: StatusCause[],
): StatusError {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const parts = causes.map(c =>
    c.field ? `${c.field}: ${c.message}` : `${c.message}`,
  );
  const list = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return new StatusError(
    422,
    'Invalid',
    `${qualifiedKind} "${name}" is invalid: ${list}`,
    {
      name: name || undefined,
      group: group || undefined,
      kind: kind || undefined,
      causes,
    },
  );
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

export function unauthorized(): StatusError {
  return new StatusError(401, 'Unauthorized', 'Unauthorized');
}

/** 403 worded like the RBAC authorizer's denial. */
export function forbidden(opts: {
  user: string;
  verb: string;
  group: string;
  plural: string;
  subresource?: string;
  name?: string;
  namespace?: string;
}): StatusError {
  const { user, verb, group, plural, subresource, name, namespace } = opts;
  const resource = subresource ? `${plural}/${subresource}` : plural;
  const subject = `${group ? `${plural}.${group}` : plural}${
    name ? ` "${name}"` : ''
  }`;
  const scope = namespace
    ? `in the namespace "${namespace}"`
    : 'at the cluster scope';
  return new StatusError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" ${scope}`,
    { name, group: group || undefined, kind: plural },
  );
}

export function methodNotAllowed(): StatusError {
  return new StatusError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
    {},
  );
}

/** apierrors.NewMethodNotSupported: `<verb> is not supported on resources of kind "<plural>.<group>"`. */
export function methodNotSupported(
  group: string,
  plural: string,
  verb: string,
): StatusError {
  const kind = group ? `${plural}.${group}` : plural;
  return new StatusError(
    405,
    'MethodNotAllowed',
    `${verb} is not supported on resources of kind "${kind}"`,
    { group, kind: plural },
  );
}

export function unsupportedMediaType(
  contentType: string,
  accepted: string[],
): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format${
      contentType ? ` (${contentType})` : ''
    } - accepted media types include: ${accepted.join(', ')}`,
    {},
  );
}

export function notAcceptable(accepted: string[]): StatusError {
  return new StatusError(
    406,
    'NotAcceptable',
    `only the following media types are accepted: ${accepted.join(', ')}`,
    {},
  );
}

export function expired(message: string): StatusError {
  return new StatusError(410, 'Expired', message, {});
}

export function internalError(message: string): StatusError {
  return new StatusError(
    500,
    'InternalError',
    `Internal error occurred: ${message}`,
    { causes: [{ message }] },
  );
}

/** Any thrown value as a Status error (unknown errors become 500 InternalError). */
export function toStatusError(e: unknown): StatusError {
  if (e instanceof StatusError) return e;
  return internalError(e instanceof Error ? e.message : String(e));
}
