import { Request, Response, NextFunction } from 'express';
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

/** Replaces every secret value in a message (secret values must not reach errors, logs or audit events). */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const value of secrets) {
    if (value.length >= 1) out = out.split(value).join('[redacted]');
  }
  return out;
}

function causesOf(body: any): ValidationCause[] {
  const causes: any[] = Array.isArray(body?.details?.causes)
    ? body.details.causes
    : [];
  return causes.map(c => ({
    field: String(c.field ?? ''),
    message: String(c.message ?? ''),
    ...(c.reason ? { reason: String(c.reason) } : {}),
  }));
}

/**
 * Maps an error of a Kubernetes write to the answer of this API: 422 Invalid → 422 with causes, 409
 * Conflict / AlreadyExists → 409, 404 → 404, 400 → 400, 401 / 403 (the plugin's service account) → 502,
 * unreachable → 503. Messages pass through {@link redact}.
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
    case 400:
      return new InputError(message);
    case 401:
    case 403:
      return new ClusterAccessError(
        `Cluster ${cluster} refused the plugin's service account (${err.code}): ${message}`,
      );
    default:
      return new ServiceUnavailableError(
        `Cluster ${cluster} answered ${err.code}: ${message}`,
      );
  }
}

/**
 * Writes the extra fields of this API's errors into the Backstage error body (`causes`, `current`,
 * `claimants`); everything else goes on to Backstage's error handler.
 */
export function mutationErrorHandler() {
  return (err: any, req: Request, res: Response, next: NextFunction) => {
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
    } else if (err instanceof ClusterAccessError) {
      status = 502;
    }
    if (status === undefined || res.headersSent) {
      next(err);
      return;
    }
    res.status(status).json({
      error: { name: err.name, message: err.message, ...extra },
      ...extra,
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: status },
    });
  };
}

/** Runs one API server call, mapping its failure with {@link fromKubeError}. */
export async function kubeCall<T>(
  cluster: string,
  secrets: string[],
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw fromKubeError(e, cluster, secrets);
  }
}
