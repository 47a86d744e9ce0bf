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

type Fields = Record<string, unknown>;

/** The value as a record of fields, or undefined when it is not an object. */
function fields(v: unknown): Fields | undefined {
  return v !== null && typeof v === 'object' ? (v as Fields) : undefined;
}

/** The HTTP status an error carries: client-node `ApiException.code`, a Status body's `code`, or `statusCode`. */
export function statusOf(err: unknown): number | undefined {
  const e = fields(err);
  if (!e) return undefined;
  for (const v of [
    e.code,
    e.statusCode,
    e.status,
    fields(e.body)?.code,
    fields(e.response)?.status,
  ]) {
    if (typeof v === 'number' && v >= 100 && v < 600) return v;
  }
  return undefined;
}

function networkCode(err: unknown): string | undefined {
  let e = fields(err);
  for (let depth = 0; e && depth < 5; e = fields(e.cause), depth++) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code && (NETWORK_CODES.has(code) || code.startsWith('E'))) return code;
    if (typeof e.errno === 'string') return e.errno;
    if (e.type === 'system' || e.type === 'request-timeout')
      return code ?? e.type;
  }
  return undefined;
}

/** The Kubernetes `Status.message` when the API server sent one, else the error's own message. */
function messageOf(err: unknown): string {
  const body = fields(err)?.body;
  const message = fields(body)?.message;
  if (typeof message === 'string') return message;
  if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body);
      const m = fields(parsed)?.message;
      if (typeof m === 'string') return m;
    } catch {
      // not JSON
    }
  }
  return String(fields(err)?.message ?? err);
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
