/**
 * meta/v1 ListOptions from the query, decoded and validated as kube-apiserver does it (the parameter codec's
 * conversions in k8s.io/apimachinery/pkg/runtime/conversion.go, then ValidateListOptions of
 * apimachinery/pkg/apis/meta/internalversion/validation): booleans are true unless "0" / "false", integers that do
 * not parse are a 400, option combinations a 422 `ListOptions.meta.k8s.io "" is invalid`.
 */
import { StatusCause, badRequest, invalid } from '../errors/StatusError';

export interface ListOptions {
  watch: boolean;
  allowWatchBookmarks: boolean;
  /** undefined when the parameter is absent (the server tells "unset" from "false"). */
  sendInitialEvents?: boolean;
  resourceVersion?: string;
  resourceVersionMatch?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: string;
  continue?: string;
  timeoutSeconds?: number;
}

const NOT_OLDER_THAN = 'NotOlderThan';

/** Convert_Slice_string_To_bool. */
function bool(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  return !(v === '0' || v.toLowerCase() === 'false');
}

/** Convert_Slice_string_To_int64: a value that does not parse is a 400 with strconv's message. */
function int64(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^[+-]?\d+$/.test(v))
    throw badRequest(
      `strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`,
    );
  return Number(v);
}

/** The request info's reading of `watch` (any value but "0" / "false"). */
export function isWatch(q: URLSearchParams): boolean {
  return bool(q, 'watch') ?? false;
}

const str = (q: URLSearchParams, name: string) => q.get(name) ?? undefined;

/** `watchPath`: the legacy `/watch/` prefix, which makes any GET a watch. */
export function listOptions(
  q: URLSearchParams,
  watchPath = false,
): ListOptions {
  const limit = int64(q, 'limit');
  const o: ListOptions = {
    watch: watchPath || (bool(q, 'watch') ?? false),
    allowWatchBookmarks: bool(q, 'allowWatchBookmarks') ?? false,
    sendInitialEvents: bool(q, 'sendInitialEvents'),
    resourceVersion: str(q, 'resourceVersion'),
    resourceVersionMatch: str(q, 'resourceVersionMatch'),
    labelSelector: str(q, 'labelSelector'),
    fieldSelector: str(q, 'fieldSelector'),
    // a limit of 0 or less is no limit
    limit: limit !== undefined && limit > 0 ? String(limit) : undefined,
    continue: str(q, 'continue'),
    timeoutSeconds: int64(q, 'timeoutSeconds'),
  };
  const causes = o.watch ? watchCauses(o) : listCauses(o);
  if (causes.length > 0)
    throw invalid('ListOptions', 'meta.k8s.io', '', causes);
  return o;
}

const forbidden = (field: string, detail: string): StatusCause => ({
  field,
  reason: 'FieldValueForbidden',
  message: `Forbidden: ${detail}`,
});

const notSupported = (
  field: string,
  value: string,
  supported: string[],
): StatusCause => ({
  field,
  reason: 'FieldValueNotSupported',
  message: `Unsupported value: ${JSON.stringify(
    value,
  )}: supported values: ${supported.map(s => JSON.stringify(s)).join(', ')}`,
});

function listCauses(o: ListOptions): StatusCause[] {
  const causes: StatusCause[] = [];
  const match = o.resourceVersionMatch;
  if (match) {
    if (!o.resourceVersion)
      causes.push(
        forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden unless resourceVersion is provided',
        ),
      );
    if (o.continue)
      causes.push(
        forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden when continue is provided',
        ),
      );
    if (match !== 'Exact' && match !== NOT_OLDER_THAN)
      causes.push(
        notSupported('resourceVersionMatch', match, [
          'Exact',
          NOT_OLDER_THAN,
          '',
        ]),
      );
    if (match === 'Exact' && o.resourceVersion === '0')
      causes.push(
        forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
        ),
      );
  }
  if (o.sendInitialEvents !== undefined)
    causes.push(
      forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'),
    );
  return causes;
}

function watchCauses(o: ListOptions): StatusCause[] {
  const causes: StatusCause[] = [];
  const match = o.resourceVersionMatch;
  if (o.sendInitialEvents !== undefined && match !== NOT_OLDER_THAN)
    causes.push(
      forbidden(
        'resourceVersionMatch',
        `sendInitialEvents requires setting resourceVersionMatch to ${NOT_OLDER_THAN}`,
      ),
    );
  if (match) {
    if (o.sendInitialEvents === undefined)
      causes.push(
        forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
        ),
      );
    if (match !== NOT_OLDER_THAN)
      causes.push(
        notSupported('resourceVersionMatch', match, [NOT_OLDER_THAN]),
      );
    if (o.continue)
      causes.push(
        forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden when continue is provided',
        ),
      );
  }
  return causes;
}
