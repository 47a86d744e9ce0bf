import {
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * 503 with `Retry-After`: another Backstage service this plugin asks (the catalog, the permission backend) could
 * not be reached even after retries. The caller is told to try again, not that the plugin failed.
 */
export class DependencyUnavailableError extends ServiceUnavailableError {
  readonly retryAfterSeconds = 2;
}

const TRANSIENT =
  /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|socket hang up|fetch failed|other side closed/i;

/**
 * Whether a failed call to another service may succeed when simply sent again: the connection was reset, refused
 * or hung up (in one process these are loopback keep-alive sockets closed by the server while the client reused
 * them — the soak's 5xx under load), or the other service answered 502 / 503 / 504, or a 500 that was itself such a
 * connection failure of its own downstream call (the catalog asking the permission backend, the permission backend
 * asking the catalog).
 */
export function isTransient(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    statusCode?: unknown;
    response?: { status?: unknown };
    body?: { error?: { message?: unknown; code?: unknown } };
  };
  const status = err.statusCode ?? err.response?.status;
  if (status === 502 || status === 503 || status === 504) return true;
  const texts = [
    err.code,
    err.message,
    err.body?.error?.code,
    err.body?.error?.message,
  ].filter((t): t is string => typeof t === 'string');
  if (status !== undefined && status !== 500) return false;
  return (
    texts.some(t => TRANSIENT.test(t)) ||
    (err.cause !== e && isTransient(err.cause))
  );
}

const DELAYS_MS = [50, 250, 1000];

/** Runs an idempotent call, again after a transient failure (up to 3 retries); then 503 with Retry-After. */
export async function withRetry<T>(
  what: string,
  call: () => Promise<T>,
  logger?: LoggerService,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!isTransient(e)) throw e;
      if (attempt >= DELAYS_MS.length) {
        logger?.warn(
          `ai-gateway: ${what} unavailable after ${attempt + 1} attempts: ${e}`,
        );
        throw new DependencyUnavailableError(
          `${what} is unavailable right now; try again`,
        );
      }
      await new Promise(r => setTimeout(r, DELAYS_MS[attempt]));
    }
  }
}

/** The catalog with its read calls retried on transient failures (the plugin only reads the catalog). */
export function resilientCatalog(
  catalog: CatalogService,
  logger?: LoggerService,
): CatalogService {
  return new Proxy(catalog, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const name = String(prop);
      const read = /^(get|query|validate)/.test(name);
      return (...args: unknown[]) =>
        read
          ? withRetry(
              `the catalog (${name})`,
              () => value.apply(target, args),
              logger,
            )
          : value.apply(target, args);
    },
  });
}

/** Permission decisions retried on transient failures (asking again is safe: a decision changes nothing). */
export function resilientPermissions(
  permissions: PermissionsService,
  logger?: LoggerService,
): PermissionsService {
  return {
    authorize: (requests, options) =>
      withRetry(
        'the permission backend',
        () => permissions.authorize(requests, options),
        logger,
      ),
    authorizeConditional: (requests, options) =>
      withRetry(
        'the permission backend',
        () => permissions.authorizeConditional(requests, options),
        logger,
      ),
  };
}
