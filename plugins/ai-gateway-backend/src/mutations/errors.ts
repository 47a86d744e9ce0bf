import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  AI_GATEWAY_WRITE_ERRORS,
  ResourceItem,
  ValidationCause,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { classifyClusterError } from '../cluster/errors';
import { KubeApiError } from './kubeClient';

/** 422: the object is invalid (schema, CEL, ownership or reference rules, or the API server said so). */
export class ValidationFailedError extends InputError {
  readonly statusCode = 422;
  constructor(message: string, readonly causes: ValidationCause[]) {
    super(message);
  }
}

/** 400 naming one field (`metadata.namespace: ...`); `/validate` answers it as a cause of that field. */
export class FieldInputError extends InputError {
  readonly causes: ValidationCause[];
  constructor(field: string, message: string, reason = 'FieldValueInvalid') {
    super(`${field}: ${message}`);
    this.causes = [{ field, message, reason }];
  }
}

/** 409 with the object as it is now: the update was based on a stale `resourceVersion`. */
export class StaleObjectError extends ConflictError {
  constructor(message: string, readonly current?: ResourceItem) {
    super(message);
  }
}

/** 409: more than one catalog entity selects the object, so it is read-only to all of them. */
export class AmbiguousOwnershipError extends CustomErrorBase {
  name = AI_GATEWAY_WRITE_ERRORS.ambiguousOwnership;
  readonly statusCode = 409;
  constructor(message: string, readonly claimants: string[]) {
    super(message);
  }
}

/** 502: the cluster refused the plugin's own credentials (401/403) — a configuration problem, not the caller's. */
export class ClusterAccessError extends CustomErrorBase {
  name = 'ClusterAccessError' as const;
  readonly statusCode = 502;
}

/**
 * 403: the cluster's admission refused the write (a ResourceQuota exceeded, a webhook or admission policy
 * denied it, the namespace is terminating): the caller's problem, with the server's message.
 */
export class AdmissionRefusedError extends CustomErrorBase {
  name = 'AdmissionRefused' as const;
  readonly statusCode = 403;
}

/** 413: a request body or the object to store is larger than this plugin accepts. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}

/** Replaces every secret value in a message (secret values must not reach errors, logs or audit events). */
/**
 * 503 with `Retry-After`: the cluster throttled the plugin (429, API priority and fairness or a webhook).
 * The caller is told when to try again rather than that the cluster is down.
 */
export class ClusterBusyError extends ServiceUnavailableError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const value of secrets) {
    if (value.length >= 1) out = out.split(value).join('[redacted]');
  }
  return out;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object'
    ? (value as Record<string, unknown>)
    : {};
}

function causesOf(body: unknown): ValidationCause[] {
  const causes = record(record(body).details).causes;
  return (Array.isArray(causes) ? causes : []).map(raw => {
    const c = record(raw);
    return {
      field: String(c.field ?? ''),
      message: String(c.message ?? ''),
      ...(c.reason ? { reason: String(c.reason) } : {}),
    };
  });
}

/** The API server's RBAC denial of the plugin's own identity (`User "..." cannot <verb> resource ...`). */
const RBAC_DENIAL = /\bUser "[^"]*" cannot \S+ (resource|path)\b/;
/** Admission refusals: quota, webhooks, admission policies, namespace lifecycle, pod security. */
const ADMISSION =
  /exceeded quota|admission webhook|denied the request|denied request|ValidatingAdmissionPolicy|admission plugin|because it is being terminated|violates PodSecurity/i;

/**
 * THE mapper from a Kubernetes answer to this API's errors (every Kubernetes call of the write path goes
 * through it, in {@link mappedClient}): 422 Invalid → 422 with causes, 409 Conflict / AlreadyExists → 409,
 * 404 → 404, 400 → 400, 403 from admission (quota, webhook) → 403 `AdmissionRefused` with the server's
 * message, 401 / other 403 (the plugin's service account) → 502, unreachable or 5xx → 503. Messages pass
 * through {@link redact}.
 */
export function fromKubeError(
  err: unknown,
  cluster: string,
  secrets: string[] = [],
): Error {
  if (!(err instanceof KubeApiError)) {
    const c = classifyClusterError(err);
    return new ServiceUnavailableError(
      redact(`Cluster ${cluster} could not be reached: ${c.message}`, secrets),
    );
  }
  const message = redact(err.message, secrets);
  switch (err.code) {
    case 422:
      return new ValidationFailedError(
        message,
        causesOf(err.body).map(c => ({
          ...c,
          message: redact(c.message, secrets),
        })),
      );
    case 409:
      return new ConflictError(message);
    case 404:
      return new NotFoundError(message);
    case 400: {
      // fieldValidation=Strict: `strict decoding error: unknown field "spec.burts", ...` → 422 at each field
      const unknown = [...message.matchAll(/unknown field "([^"]+)"/g)].map(
        m => m[1],
      );
      if (/strict decoding error/.test(message) && unknown.length > 0)
        return new ValidationFailedError(
          message,
          unknown.map(field => ({
            field,
            reason: 'FieldValueUnknown',
            message: 'unknown field',
          })),
        );
      return new InputError(message);
    }
    case 413:
      return new PayloadTooLargeError(message);
    case 403:
      if (ADMISSION.test(message) && !RBAC_DENIAL.test(message))
        return new AdmissionRefusedError(message);
      return new ClusterAccessError(
        `Cluster ${cluster} refused the plugin's service account (403): ${message}`,
      );
    case 429:
      return new ClusterBusyError(
        `Cluster ${cluster} is throttling requests (429): ${message}`,
        retryAfterOf(err.body),
      );
    case 401:
      return new ClusterAccessError(
        `Cluster ${cluster} refused the plugin's service account (${err.code}): ${message}`,
      );
    default:
      return new ServiceUnavailableError(
        `Cluster ${cluster} answered ${err.code}: ${message}`,
      );
  }
}

/** `details.retryAfterSeconds` of a Kubernetes `Status` (the server also sends it as `Retry-After`), else 1. */
function retryAfterOf(body: unknown): number {
  const details = record(record(body).details);
  const n = Number(details.retryAfterSeconds);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 600) : 1;
}

/** Server warnings (`Warning` headers) of a write, carried to the error body when the write then fails. */
export function withWarnings<E extends Error>(error: E, warnings: string[]): E {
  if (warnings.length > 0)
    Object.defineProperty(error, 'warnings', {
      value: [...warnings],
      enumerable: false,
    });
  return error;
}

/** The extra top-level fields of this API's error body (`causes`, `current`, `claimants`, `warnings`). */
export function errorExtras(err: unknown): {
  status?: number;
  extra: Record<string, unknown>;
} {
  const extra: Record<string, unknown> = {};
  let status: number | undefined;
  if (err instanceof ValidationFailedError) {
    status = 422;
    extra.causes = err.causes;
  } else if (err instanceof StaleObjectError) {
    status = 409;
    if (err.current) extra.current = err.current;
  } else if (err instanceof AmbiguousOwnershipError) {
    status = 409;
    extra.claimants = err.claimants;
  } else if (
    err instanceof ClusterAccessError ||
    err instanceof AdmissionRefusedError ||
    err instanceof PayloadTooLargeError
  ) {
    status = err.statusCode;
  }
  const warnings = record(err).warnings;
  if (Array.isArray(warnings) && warnings.length > 0) extra.warnings = warnings;
  return { status, extra };
}
