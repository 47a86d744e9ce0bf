import {
  AI_GATEWAY_ERRORS,
  AiGatewayApiError,
  ValidationCause,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined;

/**
 * The one error the client throws for a non-2xx answer is `AiGatewayApiError` of `-common` (the documented
 * error body: `status`, `name`, `message`, `causes`, `current`, `claimants`, `warnings`).
 */
export { AiGatewayApiError };

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
