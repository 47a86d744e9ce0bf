import type { ResourceItem, WithRefinedModels } from '../api';
import type { AiGatewayApiSchemas as Schemas } from '../models';
import type { ValidationCause } from '../mutations';

/**
 * The one error body of the AI Gateway API (the generated `Error` model): Backstage's `ErrorResponseBody`
 * (`error.name`, `error.message`, `request`, `response.statusCode`) plus, at the top level, the write answers'
 * details — `causes` (422: every field), `current` (409 `ConflictError`: the object as it is now), `claimants`
 * (409 `AmbiguousOwnership`), `warnings` (the API server's).
 */
export type AiGatewayErrorBody = WithRefinedModels<Schemas['Error']>;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined;

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function causesIn(raw: unknown): ValidationCause[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map(c => {
    const reason = str(c.reason);
    return {
      field: str(c.field) ?? '',
      message: str(c.message) ?? '',
      ...(reason ? { reason } : {}),
    };
  });
}

/** The backend sends the object as it is now (a ResourceItem): its identifying fields are checked. */
function isResourceItem(raw: unknown): raw is ResourceItem {
  return (
    isObject(raw) &&
    typeof raw.name === 'string' &&
    typeof raw.kind === 'string' &&
    typeof raw.cluster === 'string' &&
    isObject(raw.object)
  );
}

/**
 * The one error of a failed AI Gateway API call, in the browser and in Node: the HTTP status, the backend's
 * error name and message, and the fields of {@link AiGatewayErrorBody}.
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
   * Reads an error body of any shape without throwing. The documented fields sit at the top level; bodies of
   * older backends that put them inside `error` (or `error.details.causes`) are read too. A body that is not a
   * Backstage error body gives `HTTP <status>` / `fallback`.
   */
  static fromBody(
    status: number,
    body: unknown,
    fallback = '',
  ): AiGatewayApiError {
    const top = isObject(body) ? body : {};
    const error = isObject(top.error) ? top.error : {};
    const pick = (k: string) => top[k] ?? error[k];
    const details = isObject(error.details) ? error.details : {};
    const current = pick('current');
    return new AiGatewayApiError({
      status,
      name: str(error.name) ?? (status >= 500 ? 'Error' : `HTTP ${status}`),
      message:
        str(error.message) ||
        fallback ||
        `Request failed with status ${status}`,
      causes: causesIn(pick('causes') ?? details.causes),
      current: isResourceItem(current) ? current : undefined,
      claimants: strings(pick('claimants')),
      warnings: strings(pick('warnings')),
    });
  }

  /** Reads a failed `fetch` answer (its body is consumed). */
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
      body === undefined ? text || response.statusText : response.statusText,
    );
  }

  /** The body this error is read from (what the backend sends for the request `request`). */
  toBody(request: AiGatewayErrorBody['request']): AiGatewayErrorBody {
    return {
      error: { name: this.name, message: this.message },
      request,
      response: { statusCode: this.status },
      ...(this.causes.length ? { causes: this.causes } : {}),
      ...(this.current ? { current: this.current } : {}),
      ...(this.claimants.length ? { claimants: this.claimants } : {}),
      ...(this.warnings.length ? { warnings: this.warnings } : {}),
    };
  }
}
