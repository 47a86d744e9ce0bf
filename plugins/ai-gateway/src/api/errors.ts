import { AI_GATEWAY_ERRORS } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** What the UI needs to show a failed call: the backend's error name and message, and a category. */
export interface ApiErrorInfo {
  /** `NotFoundError`, `EntityNotAnnotatedError`, `NotAllowedError`, ... or `Error` for network failures */
  name: string;
  message: string;
  statusCode?: number;
  category: 'notFound' | 'notAnnotated' | 'notAllowed' | 'other';
}

/**
 * Reads an error thrown by the API client. A `ResponseError` carries the backend's serialized error in
 * `body.error` (its `cause` keeps the name); anything else is shown by its own name and message.
 */
export function describeApiError(error: unknown): ApiErrorInfo {
  const e = error as any;
  const remote = e?.body?.error ?? (e?.name === 'ResponseError' ? e?.cause : undefined);
  const name: string = remote?.name ?? e?.name ?? 'Error';
  const message: string = remote?.message ?? e?.message ?? String(error);
  const statusCode: number | undefined = e?.statusCode ?? e?.body?.response?.statusCode;
  let category: ApiErrorInfo['category'] = 'other';
  if (name === AI_GATEWAY_ERRORS.entityNotAnnotated) category = 'notAnnotated';
  else if (name === AI_GATEWAY_ERRORS.notAllowed || statusCode === 403) category = 'notAllowed';
  else if (name === AI_GATEWAY_ERRORS.entityNotFound || statusCode === 404) category = 'notFound';
  return { name, message, ...(statusCode ? { statusCode } : {}), category };
}
