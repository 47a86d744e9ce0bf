import express, {
  NextFunction,
  Request,
  RequestHandler,
  Response,
} from 'express';
import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, isError } from '@backstage/errors';
import { PayloadTooLargeError, errorExtras } from './errors';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './request';

/** The largest request body accepted (413 above it). */
export const MAX_BODY_BYTES = 512 * 1024;

const STATUS_BY_NAME: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotModifiedError: 304,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

function statusOf(err: unknown): number {
  const e = (err ?? {}) as {
    statusCode?: unknown;
    status?: unknown;
    name?: unknown;
  };
  for (const v of [e.statusCode, e.status])
    if (typeof v === 'number' && Number.isInteger(v) && v >= 400 && v <= 599)
      return v;
  return STATUS_BY_NAME[String(e.name)] ?? 500;
}

/**
 * Sends the plugin's one error body: Backstage's `ErrorResponseBody` (`error: {name, message}`, `request`,
 * `response.statusCode`) plus, when they apply, `causes`, `current`, `claimants`, `warnings` (also under
 * `error` for older clients). Never a stack or a source path — also with NODE_ENV=development — and an
 * unexpected (500) error is answered without its message (logged instead).
 */
export function sendError(
  err: unknown,
  req: Request,
  res: Response,
  logger?: LoggerService,
): void {
  const { status: own, extra } = errorExtras(err);
  const status = own ?? statusOf(err);
  const known = isError(err) && status < 500 ? err : undefined;
  if (status >= 500 && status !== 502 && status !== 503)
    logger?.error(
      `ai-gateway: ${req.method} ${req.baseUrl} failed`,
      isError(err) ? err : undefined,
    );
  const name =
    isError(err) && (known || status === 502 || status === 503)
      ? err.name
      : 'Error';
  const message =
    isError(err) && (known || status === 502 || status === 503)
      ? err.message
      : 'Internal error';
  // a throttled cluster (ClusterBusyError) or a dependency down after retries (DependencyUnavailableError)
  const retryAfter = (err as { retryAfterSeconds?: unknown } | undefined)
    ?.retryAfterSeconds;
  if (status === 503 && typeof retryAfter === 'number')
    res.setHeader('Retry-After', String(retryAfter));
  res
    .status(status)
    .type('application/json')
    .send(
      JSON.stringify({
        error: { name, message, ...extra },
        ...extra,
        request: { method: req.method, url: req.originalUrl.split('?')[0] },
        response: { statusCode: status },
      }),
    );
}

/** The last error handler of the plugin's router (nothing goes on to Backstage's, which adds stacks in development). */
export function apiErrorHandler(logger?: LoggerService) {
  return (err: Error, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    sendError(err, req, res, logger);
  };
}

/**
 * The JSON body parser of the API: at most {@link MAX_BODY_BYTES} (413), parse errors without any fragment of
 * the body (400), nesting deeper than {@link MAX_JSON_DEPTH} refused (400) before anything recurses over it.
 */
export function jsonBody(): RequestHandler {
  const parse = express.json({ limit: MAX_BODY_BYTES });
  return (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      if (err) {
        const type = (err as { type?: unknown }).type;
        sendError(
          type === 'entity.too.large'
            ? new PayloadTooLargeError(
                `request body: larger than ${MAX_BODY_BYTES} bytes`,
              )
            : new InputError(
                type === 'entity.parse.failed'
                  ? 'request body: not valid JSON'
                  : `request body: cannot be read (${String(
                      type ?? 'unknown',
                    )})`,
              ),
          req,
          res,
        );
        return;
      }
      if (nestsDeeperThan(req.body, MAX_JSON_DEPTH)) {
        sendError(
          new InputError(
            `request body: nested deeper than ${MAX_JSON_DEPTH} levels`,
          ),
          req,
          res,
        );
        return;
      }
      next();
    });
}

/** Answers JSON compactly (Backstage pretty-prints every `res.json` in development). */
export function compactJson(): RequestHandler {
  return (_req, res, next) => {
    res.json = body => {
      if (!res.get('Content-Type')) res.type('application/json');
      return res.send(JSON.stringify(body));
    };
    next();
  };
}
