/**
 * DeleteOptions of a DELETE request: the JSON body, or (without a body) the query parameters, decoded as
 * kube-apiserver v1.32 decodes them. A body that does not decode is answered as v1.32 answers it: a 500 carrying
 * the decoder's message (kubernetes/kubernetes#132359; v1.35 turned these into 400s).
 */
import { DeleteOptions } from '../cluster/deletion';
import { StatusError, badRequest } from '../errors/StatusError';

const GO_TYPES: Record<string, [string, (v: unknown) => boolean]> = {
  propagationPolicy: ['v1.DeletionPropagation', v => typeof v === 'string'],
  gracePeriodSeconds: ['int64', v => Number.isInteger(v)],
  orphanDependents: ['bool', v => typeof v === 'boolean'],
  dryRun: [
    '[]string',
    v => Array.isArray(v) && v.every(x => typeof x === 'string'),
  ],
  preconditions: [
    'v1.Preconditions',
    v => typeof v === 'object' && !Array.isArray(v),
  ],
};

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

const decodeError = (message: string) => new StatusError(500, '', message);

/** Go's wording for the most common JSON syntax errors. */
function goSyntaxError(text: string, e: Error): string {
  if (/end of (JSON )?input/i.test(e.message))
    return 'unexpected end of JSON input';
  const pos = Number(/position (\d+)/.exec(e.message)?.[1] ?? NaN);
  const ch = Number.isNaN(pos) ? text.trim()[0] : text[pos];
  return `invalid character '${ch ?? ''}' looking for beginning of value`;
}

function fromBody(text: string): DeleteOptions {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw decodeError(
      `couldn't get version/kind; json parse error: ${goSyntaxError(
        text,
        e as Error,
      )}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw decodeError(
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonKind(
        parsed,
      )} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
    );
  }
  const body = parsed as Record<string, unknown>;
  for (const [field, [goType, ok]] of Object.entries(GO_TYPES)) {
    if (body[field] !== undefined && body[field] !== null && !ok(body[field])) {
      throw decodeError(
        `json: cannot unmarshal ${jsonKind(
          body[field],
        )} into Go struct field DeleteOptions.${field} of type ${goType}`,
      );
    }
  }
  const pre = body.preconditions as Record<string, unknown> | undefined;
  return {
    propagationPolicy:
      (body.propagationPolicy as string | undefined) ?? undefined,
    orphanDependents:
      (body.orphanDependents as boolean | undefined) ?? undefined,
    gracePeriodSeconds:
      (body.gracePeriodSeconds as number | undefined) ?? undefined,
    dryRun: (body.dryRun as string[] | undefined) ?? undefined,
    preconditions: pre
      ? {
          uid: pre.uid as string | undefined,
          resourceVersion: pre.resourceVersion as string | undefined,
        }
      : undefined,
  };
}

function fromQuery(q: URLSearchParams): DeleteOptions {
  const o: DeleteOptions = {};
  const policy = q.get('propagationPolicy');
  if (policy !== null) o.propagationPolicy = policy;
  const grace = q.get('gracePeriodSeconds');
  if (grace !== null) {
    if (!/^-?\d+$/.test(grace))
      throw badRequest(
        `strconv.ParseInt: parsing ${JSON.stringify(grace)}: invalid syntax`,
      );
    o.gracePeriodSeconds = Number(grace);
  }
  const orphan = q.get('orphanDependents');
  if (orphan !== null) {
    if (
      ![
        'true',
        'false',
        '1',
        '0',
        't',
        'f',
        'TRUE',
        'FALSE',
        'True',
        'False',
      ].includes(orphan)
    ) {
      throw badRequest(
        `strconv.ParseBool: parsing ${JSON.stringify(orphan)}: invalid syntax`,
      );
    }
    o.orphanDependents = ['true', '1', 't', 'TRUE', 'True'].includes(orphan);
  }
  const dryRun = q.getAll('dryRun');
  if (dryRun.length > 0) o.dryRun = dryRun;
  return o;
}

/** The request's DeleteOptions (body first; the query only when there is no body, as the real handler does). */
export function deleteOptions(
  body: string,
  query: URLSearchParams,
): DeleteOptions {
  return body.trim() ? fromBody(body) : fromQuery(query);
}
