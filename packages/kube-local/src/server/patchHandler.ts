import { applyPatch } from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import {
  StatusError,
  badRequest,
  unsupportedMediaType,
} from '../errors/StatusError';
import { mergePatch } from '../patch/mergePatch';
import { KubeObject, deepClone } from '../types';
import { HandlerContext, sendWritten, writeOptions } from './handlerContext';
import { mediaType, parseObject, readBody } from './http';

const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];
const CR_PATCH_TYPES = PATCH_TYPES.filter(
  t => !t.startsWith('application/strategic'),
);
/** PATCH: JSON, merge, strategic merge (core kinds, as a merge patch) and apply patches. */
export async function handlePatch(ctx: HandlerContext): Promise<void> {
  const { cluster, type, path, url } = ctx;
  const ct = mediaType(ctx.req.headers['content-type']);
  const accepted = type.custom ? CR_PATCH_TYPES : PATCH_TYPES;
  if (!accepted.includes(ct)) throw unsupportedMediaType(ct, accepted);
  const body = await readBody(ctx.req);
  const opts = writeOptions(ctx);
  if (ct === 'application/apply-patch+yaml') {
    const manager = url.searchParams.get('fieldManager');
    if (!manager) {
      throw new StatusError(
        422,
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        {
          group: 'meta.k8s.io',
          kind: 'PatchOptions',
          causes: [
            {
              reason: 'FieldValueRequired',
              message: 'Required value: is required for apply patch',
              field: 'fieldManager',
            },
          ],
        },
      );
    }
    const force = url.searchParams.get('force') === 'true';
    const existed = !!cluster.find(type, path.namespace, path.name!);
    const result = cluster.apply(
      type,
      path.version,
      path.namespace,
      path.name!,
      parseObject(body, 'yaml'),
      { ...opts, manager, force },
    );
    return sendWritten(ctx, existed ? 200 : 201, opts, result);
  }
  if (url.searchParams.get('force'))
    throw badRequest('force is only allowed with an apply patch');
  const existing = cluster.get(type, path.namespace, path.name!);
  let patched: KubeObject;
  if (ct === 'application/json-patch+json') {
    let ops: unknown;
    try {
      ops = JSON.parse(body.toString('utf8'));
    } catch (e) {
      throw badRequest(`error decoding patch: ${(e as Error).message}`);
    }
    if (!Array.isArray(ops))
      throw badRequest(
        'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
      );
    try {
      // the operations are checked by applyPatch itself (validateOperation: a bad one is a 422 below)
      patched = applyPatch(deepClone(existing), ops as Operation[], true, true)
        .newDocument as KubeObject;
    } catch (e) {
      throw new StatusError(
        422,
        'Invalid',
        `the server rejected our request due to an error in our request: ${
          (e as Error).message.split('\n')[0]
        }`,
        {},
      );
    }
  } else {
    patched = mergePatch(existing, parseObject(body, 'json')) as KubeObject;
  }
  return sendWritten(
    ctx,
    200,
    opts,
    cluster.patched(type, existing, patched, path.version, {
      ...opts,
      patched,
    }),
  );
}
