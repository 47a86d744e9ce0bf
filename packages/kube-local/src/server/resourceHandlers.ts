import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyPatch } from 'fast-json-patch';
import { Cluster, WriteOptions } from '../cluster/Cluster';
import { listObjects } from '../cluster/listing';
import {
  StatusError,
  badRequest,
  methodNotAllowed,
  unsupportedMediaType,
} from '../errors/StatusError';
import { mergePatch } from '../patch/mergePatch';
import { KubeObject, ResourceType, apiVersionOf, deepClone } from '../types';
import { mediaType, parseObject, readBody, sendJson } from './http';
import { ResourcePath } from './requestInfo';
import { serveWatch } from './watch';
import { deleteOptions } from './deleteOptions';
import { ListOptions } from './listOptions';
import { Body, Representation, sendRepresented } from './representation';
import { columnsFor } from '../table/columns';

export interface HandlerContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  path: ResourcePath;
  type: ResourceType;
  verb: string;
  /** Decoded for list and watch. */
  options?: ListOptions;
  representation: Representation;
  cluster: Cluster;
  /** The authenticated user's name. */
  user: string;
  bookmarkIntervalMs: number;
  onWatchEnd: () => void;
}

const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];
const CR_PATCH_TYPES = PATCH_TYPES.filter(
  t => !t.startsWith('application/strategic'),
);
/** Kinds whose DELETE answers the deleted object (graceful kinds); others answer a Success Status. */
const DELETE_RETURNS_OBJECT = new Set([
  'Pod',
  'Namespace',
  'CustomResourceDefinition',
]);

function isDryRun(url: URL): boolean {
  const values = url.searchParams.getAll('dryRun');
  for (const v of values)
    if (v !== 'All')
      throw badRequest(`Invalid dry run value: ${v}; supported values: All`);
  return values.length > 0;
}

function fieldManager(ctx: HandlerContext): string {
  const given = ctx.url.searchParams.get('fieldManager');
  if (given) return given;
  return (
    String(ctx.req.headers['user-agent'] ?? 'unknown').split('/')[0] ||
    'unknown'
  );
}

async function bodyObject(ctx: HandlerContext): Promise<KubeObject> {
  const type = mediaType(ctx.req.headers['content-type']);
  const body = await readBody(ctx.req);
  if (type === '' || type === 'application/json' || type === '*/*')
    return parseObject(body, 'json');
  if (type === 'application/yaml') return parseObject(body, 'yaml');
  throw unsupportedMediaType(type, ['application/json', 'application/yaml']);
}

const out = (ctx: HandlerContext, o: KubeObject) => ({
  ...o,
  apiVersion: apiVersionOf(ctx.type.group, ctx.path.version),
});

function writeOptions(
  ctx: HandlerContext,
): WriteOptions & { warnings: string[] } {
  const fv = ctx.url.searchParams.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(fv))
    throw badRequest(
      `fieldValidation must be one of "Ignore", "Warn", or "Strict", got "${fv}"`,
    );
  return {
    manager: fieldManager(ctx),
    dryRun: isDryRun(ctx.url),
    subresource: ctx.path.subresource as 'status' | undefined,
    fieldValidation: fv as WriteOptions['fieldValidation'],
    warnings: [],
    user: ctx.user,
    version: ctx.path.version,
  };
}

/** Answer a write, with its warnings as `Warning: 299 - "..."` headers like kube-apiserver. */
function sendWritten(
  ctx: HandlerContext,
  code: number,
  opts: { warnings: string[] },
  obj: KubeObject,
): void {
  if (opts.warnings.length > 0)
    ctx.res.setHeader(
      'Warning',
      opts.warnings.map(w => `299 - ${JSON.stringify(w)}`),
    );
  send(ctx, code, { object: out(ctx, obj) });
}

/** An object or list in the negotiated representation (JSON, YAML, Table, PartialObjectMetadata). */
function send(ctx: HandlerContext, code: number, body: Body): void {
  const { type, cluster } = ctx;
  const crd = () =>
    type.custom
      ? cluster.store.get(
          'apiextensions.k8s.io/customresourcedefinitions',
          '',
          `${type.plural}.${type.group}`,
        )
      : undefined;
  sendRepresented(
    ctx.res,
    code,
    ctx.representation,
    body,
    () => columnsFor(type.kind, crd(), ctx.path.version),
    ctx.url.searchParams.get('includeObject'),
  );
}

export async function handleResource(ctx: HandlerContext): Promise<void> {
  const { cluster, type, path, url, res } = ctx;
  const q = url.searchParams;
  switch (ctx.verb) {
    case 'get':
      return send(ctx, 200, {
        object: out(ctx, cluster.get(type, path.namespace, path.name!)),
      });
    case 'list': {
      const o = ctx.options!;
      const page = listObjects(cluster.store, type, path.namespace, {
        labelSelector: o.labelSelector,
        fieldSelector: o.fieldSelector,
        limit: o.limit,
        continue: o.continue,
      });
      const metadata: Record<string, unknown> = {
        resourceVersion: page.resourceVersion,
      };
      if (page.continue) metadata.continue = page.continue;
      if (page.remainingItemCount !== undefined)
        metadata.remainingItemCount = page.remainingItemCount;
      const items = page.items.map(o => out(ctx, o));
      return send(ctx, 200, {
        list: {
          apiVersion: apiVersionOf(type.group, path.version),
          kind: type.listKind,
          metadata,
          items,
        },
        items,
        metadata,
      });
    }
    case 'watch': {
      const o = ctx.options!;
      return serveWatch(
        ctx.req,
        res,
        cluster.store,
        {
          type,
          version: path.version,
          namespace: path.namespace,
          resourceVersion: o.resourceVersion,
          labelSelector: o.labelSelector,
          // /watch/<object> watches that one object (like the real server)
          fieldSelector: path.name
            ? [o.fieldSelector, `metadata.name=${path.name}`]
                .filter(Boolean)
                .join(',')
            : o.fieldSelector,
          allowWatchBookmarks: o.allowWatchBookmarks,
          sendInitialEvents: o.sendInitialEvents,
          timeoutSeconds: o.timeoutSeconds,
          bookmarkIntervalMs: ctx.bookmarkIntervalMs,
        },
        ctx.onWatchEnd,
      );
    }
    case 'create': {
      const body = await bodyObject(ctx);
      const opts = writeOptions(ctx);
      return sendWritten(
        ctx,
        201,
        opts,
        cluster.create(type, path.version, path.namespace, body, opts),
      );
    }
    case 'update': {
      const body = await bodyObject(ctx);
      const opts = writeOptions(ctx);
      return sendWritten(
        ctx,
        200,
        opts,
        cluster.update(
          type,
          path.version,
          path.namespace,
          path.name!,
          body,
          opts,
        ),
      );
    }
    case 'patch':
      return handlePatch(ctx);
    case 'delete': {
      const options = deleteOptions(
        (await readBody(ctx.req)).toString('utf8'),
        url.searchParams,
      );
      const { object, deleted } = cluster.delete(
        type,
        path.namespace,
        path.name!,
        { ...options, user: ctx.user },
      );
      if (!deleted) {
        // pending finalizers: the object stays (Terminating) and is the answer; 202 only for orphanDependents=false
        return send(ctx, options.orphanDependents === false ? 202 : 200, {
          object: out(ctx, object),
        });
      }
      if (DELETE_RETURNS_OBJECT.has(type.kind))
        return send(ctx, 200, { object: out(ctx, object) });
      return sendJson(res, 200, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: {
          name: path.name,
          group: type.group || undefined,
          kind: type.plural,
          uid: object.metadata?.uid,
        },
      });
    }
    case 'deletecollection': {
      const options = deleteOptions(
        (await readBody(ctx.req)).toString('utf8'),
        url.searchParams,
      );
      const page = listObjects(cluster.store, type, path.namespace, {
        labelSelector: q.get('labelSelector'),
        fieldSelector: q.get('fieldSelector'),
      });
      const items = page.items.map(
        o =>
          cluster.delete(type, o.metadata?.namespace, o.metadata!.name, {
            ...options,
            preconditions: undefined,
            user: ctx.user,
          }).object,
      );
      return sendJson(res, 200, {
        apiVersion: apiVersionOf(type.group, path.version),
        kind: type.listKind,
        metadata: { resourceVersion: String(cluster.store.resourceVersion) },
        items: items.map(o => out(ctx, o)),
      });
    }
    default:
      throw methodNotAllowed(ctx.req.method ?? '');
  }
}

async function handlePatch(ctx: HandlerContext): Promise<void> {
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
      patched = applyPatch(deepClone(existing), ops as any, true, true)
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
