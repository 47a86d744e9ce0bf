import Ajv from 'ajv';
import request from 'supertest';
import addFormats from 'ajv-formats';
import { spec } from '../schema/openapi.generated';

/*
 * The typed router checks requests against `openapi.yaml` and types the handlers' answers, but does not check
 * the bytes it sends (pre-serialized bodies, JSON's dropped `undefined`s, numbers that became `null`): tests
 * check real answers against the same document with this.
 */
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec, 'openapi');

const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Why `body` is not a valid `status` answer of `method path` (the path as `openapi.yaml` writes it, e.g.
 * `/entity/{kind}/{namespace}/{name}/topology`); empty when it is.
 */
export function responseSchemaErrors(
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  path: string,
  body: unknown,
  status = '200',
): string[] {
  const ref = `openapi#/paths/${pointer(
    path,
  )}/${method}/responses/${status}/content/application~1json/schema`;
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`openapi.yaml has no schema at ${ref}`);
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    e =>
      `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation = {
  responses: Record<string, { $ref?: string; content?: object }>;
};
const paths = spec.paths as unknown as Record<
  string,
  Partial<Record<Method, Operation>>
>;

/** The spec's paths as patterns, the most literal first (`/access/inbox` before a `/access/{...}` pattern). */
const patterns = Object.keys(paths)
  .map(path => ({
    path,
    re: new RegExp(
      `^${path
        .split('/')
        .map(s =>
          /^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
        )
        .join('/')}$`,
    ),
    literal: path.split('/').filter(s => s && !s.startsWith('{')).length,
  }))
  .sort((a, b) => b.literal - a.literal);

/** The path of `openapi.yaml` an URL (under `base`, query allowed) is served by; undefined for none. */
export function specPathOf(
  url: string,
  base = '/api/ai-gateway',
): string | undefined {
  const path = url.split('?')[0];
  const rest = path.startsWith(base) ? path.slice(base.length) : path;
  return patterns.find(p => p.re.test(rest))?.path;
}

/**
 * Why an answer (`status`, parsed `body`, raw `text`) is not one `openapi.yaml` allows for `method url`: the path
 * and operation must exist, the status must be documented, and the body must match that status's schema (no
 * body where the spec has no content). Empty when it is.
 */
export function answerSchemaErrors(
  method: Method,
  url: string,
  answer: { status: number; body: unknown; text?: string },
): string[] {
  const path = specPathOf(url);
  if (!path) return [`no path of openapi.yaml serves ${url}`];
  const op = paths[path][method];
  if (!op) return [`openapi.yaml has no ${method} ${path}`];
  const status = String(answer.status);
  const response = op.responses[status];
  if (!response)
    return [`${method} ${path} does not document status ${status}`];
  const ref = response.$ref
    ? `openapi#/${response.$ref.slice(2)}/content/application~1json/schema`
    : `openapi#/paths/${pointer(
        path,
      )}/${method}/responses/${status}/content/application~1json/schema`;
  const content = response.$ref ? true : response.content !== undefined;
  if (!content)
    return answer.text
      ? [
          `${method} ${path} ${status} has no content, got ${answer.text.slice(
            0,
            200,
          )}`,
        ]
      : [];
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`openapi.yaml has no schema at ${ref}`);
  if (validate(answer.body)) return [];
  return (validate.errors ?? []).map(
    e =>
      `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

/** `METHOD path` of every operation of `openapi.yaml`. */
export const specOperations = (): string[] =>
  Object.entries(paths).flatMap(([path, ops]) =>
    (Object.keys(ops) as Method[])
      .filter(m => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(m => `${m.toUpperCase()} ${path}`),
  );

/**
 * A drop-in for supertest's `request(server)` whose every answer is checked against `openapi.yaml` (the request
 * fails with the schema errors when it breaks it); each checked operation is added to `covered` as
 * `METHOD path`. URLs outside the spec (`/health`, the MCP registry) are not checked.
 */
export function checkedRequest(
  server: Parameters<typeof request>[0],
  covered?: Set<string>,
) {
  const agent = request(server);
  const wrap = (method: Method) => (url: string) =>
    agent[method](url).expect(res => {
      if (!specPathOf(url)) return;
      const errors = answerSchemaErrors(method, url, res);
      if (errors.length)
        throw new Error(
          `${method.toUpperCase()} ${url} → ${
            res.status
          } breaks openapi.yaml:\n${errors.join('\n')}`,
        );
      covered?.add(`${method.toUpperCase()} ${specPathOf(url)}`);
    });
  return {
    get: wrap('get'),
    post: wrap('post'),
    put: wrap('put'),
    patch: wrap('patch'),
    delete: wrap('delete'),
  };
}

/** Why `value` is not a valid `components/schemas/<name>` of `openapi.yaml`; empty when it is. */
export function componentSchemaErrors(name: string, value: unknown): string[] {
  const validate = ajv.getSchema(`openapi#/components/schemas/${name}`);
  if (!validate) throw new Error(`openapi.yaml has no schema ${name}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    e =>
      `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}
