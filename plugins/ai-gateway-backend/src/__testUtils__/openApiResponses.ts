import Ajv from 'ajv';
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
