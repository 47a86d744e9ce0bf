import { listObjects } from '../cluster/listing';
import { methodNotAllowed } from '../errors/StatusError';
import { apiVersionOf } from '../types';
import { sendJson, readBody } from './http';
import { serveWatch } from './watch';
import { watchRepresentation } from './watchRepresentation';
import { deleteOptions } from './deleteOptions';
import {
  HandlerContext,
  bodyObject,
  columnsOf,
  out,
  send,
  sendWritten,
  writeOptions,
} from './handlerContext';
import { handlePatch } from './patchHandler';

export type { HandlerContext } from './handlerContext';

/** Kinds whose DELETE answers the deleted object (graceful kinds); others answer a Success Status. */
const DELETE_RETURNS_OBJECT = new Set([
  'Pod',
  'Namespace',
  'CustomResourceDefinition',
]);

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
      const apiVersion = apiVersionOf(type.group, path.version);
      // plain JSON: the page is spliced from the stored objects' JSON when they are in the asked version (no parse
      // and stringify of every object per page: 100,000 objects over 5 servers cost ~6 s of CPU that way)
      const splice = ctx.representation.kind === 'json';
      const page = listObjects(
        cluster.store,
        type,
        path.namespace,
        {
          labelSelector: o.labelSelector,
          fieldSelector: o.fieldSelector,
          limit: o.limit,
          continue: o.continue,
        },
        splice,
      );
      const metadata: Record<string, unknown> = {
        resourceVersion: page.resourceVersion,
      };
      if (page.continue) metadata.continue = page.continue;
      if (page.remainingItemCount !== undefined)
        metadata.remainingItemCount = page.remainingItemCount;
      if (splice && page.items.every(item => item.apiVersion === apiVersion)) {
        const text = `{"apiVersion":${JSON.stringify(
          apiVersion,
        )},"kind":${JSON.stringify(type.listKind)},"metadata":${JSON.stringify(
          metadata,
        )},"items":${cluster.store.jsonArray(page.items)}}`;
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(text),
        });
        res.end(text);
        return undefined;
      }
      const items = (
        splice ? cluster.store.copyAll(page.items) : page.items
      ).map(item => out(ctx, item));
      return send(ctx, 200, {
        list: {
          apiVersion,
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
          represent: watchRepresentation(
            ctx.representation,
            () => columnsOf(ctx),
            q.get('includeObject'),
          ),
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
      throw methodNotAllowed();
  }
}
