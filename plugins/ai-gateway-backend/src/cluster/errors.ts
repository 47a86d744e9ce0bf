import { ClusterErrorReason } from '@ai-gateway-backstage/plugin-ai-gateway-common';

export interface ClassifiedError {
  reason: ClusterErrorReason;
  message: string;
  /** HTTP status from the API server, when it answered */
  status?: number;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The HTTP status an error carries: client-node `ApiException.code`, a Status body's `code`, or `statusCode`. */
export function statusOf(err: any): number | undefined {
  if (!err || typeof err !== 'object') return undefined;
  for (const v of [
    err.code,
    err.statusCode,
    err.status,
    err.body?.code,
    err.response?.status,
  ]) {
    if (typeof v === 'number' && v >= 100 && v < 600) return v;
  }
  return undefined;
}

function networkCode(err: any): string | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (
      typeof e.code === 'string' &&
      (NETWORK_CODES.has(e.code) || e.code.startsWith('E'))
    )
      return e.code;
    if (typeof e.errno === 'string') return e.errno;
    if (e.type === 'system' || e.type === 'request-timeout')
      return e.code ?? e.type;
  }
  return undefined;
}

/** The Kubernetes `Status.message` when the API server sent one, else the error's own message. */
function messageOf(err: any): string {
  const body = err?.body;
  if (body && typeof body === 'object' && typeof body.message === 'string')
    return body.message;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body);
      if (typeof parsed?.message === 'string') return parsed.message;
    } catch {
      // not JSON
    }
  }
  return String(err?.message ?? err);
}

/**
 * Maps an error from LIST / WATCH to the reason the UI shows: the API server could not be reached
 * (network, DNS, TLS), rejected the token (401), forbade the kind (403), or anything else.
 */
export function classifyClusterError(err: unknown): ClassifiedError {
  const status = statusOf(err);
  const message = messageOf(err);
  if (status === 401) return { reason: 'Unauthorized', status, message };
  if (status === 403) return { reason: 'Forbidden', status, message };
  if (status !== undefined) return { reason: 'Unknown', status, message };
  const code = networkCode(err);
  if (code)
    return {
      reason: 'Unreachable',
      message: `${message}${message.includes(code) ? '' : ` (${code})`}`,
    };
  if (err instanceof TypeError && /fetch failed/i.test(message))
    return { reason: 'Unreachable', message };
  return { reason: 'Unknown', message };
}
