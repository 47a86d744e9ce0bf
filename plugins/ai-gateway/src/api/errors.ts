import {
  AI_GATEWAY_ERRORS,
  ResourceItem,
  ValidationCause,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined;

function causesIn(raw: unknown): ValidationCause[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map(c => ({
    field: String(c.field ?? ''),
    message: String(c.message ?? ''),
    ...(str(c.reason) ? { reason: String(c.reason) } : {}),
  }));
}

/** the backend sends the object as it is now (a ResourceItem); its identifying fields are checked */
function isResourceItem(raw: unknown): raw is ResourceItem {
  return (
    isObject(raw) &&
    typeof raw.name === 'string' &&
    typeof raw.kind === 'string'
  );
}

/**
 * The one error the AI Gateway client throws for a non-2xx answer: the backend's error name and message, the
 * HTTP status, and the fields of the documented error body — validation `causes` (422), the `current` object
 * (409 stale), the `claimants` (409 ambiguous ownership) and the API server's `warnings`.
 */
export class AiGatewayApiError extends Error {
  readonly status: number;
  readonly causes: ValidationCause[];
  readonly current?: ResourceItem;
  readonly claimants: string[];
  readonly warnings: string[];

  constructor(init: {
    status: number;
    name: string;
    message: string;
    causes?: ValidationCause[];
    current?: ResourceItem;
    claimants?: string[];
    warnings?: string[];
  }) {
    super(init.message);
    this.name = init.name;
    this.status = init.status;
    this.causes = init.causes ?? [];
    this.current = init.current;
    this.claimants = init.claimants ?? [];
    this.warnings = init.warnings ?? [];
  }

  /**
   * Reads a Backstage error body (`{ error: { name, message, ... }, response: { statusCode } }`); the extra
   * fields may sit at the top level or inside `error` (both are accepted).
   */
  static fromBody(
    status: number,
    body: unknown,
    fallback = '',
  ): AiGatewayApiError {
    const top = isObject(body) ? body : {};
    const error = isObject(top.error) ? top.error : {};
    const pick = (k: string) => top[k] ?? error[k];
    const claimants = pick('claimants');
    const warnings = pick('warnings');
    const current = pick('current');
    return new AiGatewayApiError({
      status,
      name: str(error.name) ?? (status >= 500 ? 'Error' : `HTTP ${status}`),
      message:
        str(error.message) ??
        (fallback || `Request failed with status ${status}`),
      causes: causesIn(
        top.causes ??
          error.causes ??
          (isObject(error.details) ? error.details.causes : undefined),
      ),
      current: isResourceItem(current) ? current : undefined,
      claimants: Array.isArray(claimants) ? claimants.map(String) : [],
      warnings: Array.isArray(warnings) ? warnings.map(String) : [],
    });
  }

  static async fromResponse(response: Response): Promise<AiGatewayApiError> {
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return AiGatewayApiError.fromBody(
      response.status,
      body,
      text || response.statusText,
    );
  }
}

/** The HTTP status of a failed call, if it had one. */
export function statusOf(error: unknown): number | undefined {
  return error instanceof AiGatewayApiError ? error.status : undefined;
}

/** Validation causes of a failed write (422). */
export function causesOf(error: unknown): ValidationCause[] {
  return error instanceof AiGatewayApiError ? error.causes : [];
}

/** The message to show for any failure (errors of another realm included: checked by shape). */
export function messageOf(error: unknown): string {
  return isObject(error) && typeof error.message === 'string'
    ? error.message
    : String(error);
}

/** What the UI needs to show a failed call: the backend's error name and message, and a category. */
export interface ApiErrorInfo {
  /** `NotFoundError`, `EntityNotAnnotatedError`, `NotAllowedError`, ... or `Error` for network failures */
  name: string;
  message: string;
  statusCode?: number;
  category: 'notFound' | 'notAnnotated' | 'notAllowed' | 'other';
}

/** Reads an error thrown by the API client (an {@link AiGatewayApiError}, or any other error by its own name). */
export function describeApiError(error: unknown): ApiErrorInfo {
  const name = (isObject(error) && str(error.name)) || 'Error';
  const message = messageOf(error);
  const statusCode = statusOf(error);
  let category: ApiErrorInfo['category'] = 'other';
  if (name === AI_GATEWAY_ERRORS.entityNotAnnotated) category = 'notAnnotated';
  else if (name === AI_GATEWAY_ERRORS.notAllowed || statusCode === 403)
    category = 'notAllowed';
  else if (name === AI_GATEWAY_ERRORS.entityNotFound || statusCode === 404)
    category = 'notFound';
  return { name, message, ...(statusCode ? { statusCode } : {}), category };
}
