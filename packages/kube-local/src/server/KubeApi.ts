import type { IncomingMessage, ServerResponse } from 'node:http';
import { Authorizer } from '../auth/Authorizer';
import { Cluster } from '../cluster/Cluster';
import { SERVER_VERSION, discovery } from '../discovery/discovery';
import { openapiGroupVersion, openapiRoot } from '../discovery/openapi';
import {
  methodNotAllowed,
  pathNotFound,
  toStatusError,
} from '../errors/StatusError';
import { checkAccept, sendError, sendJson } from './http';
import {
  AGGREGATED_MEDIA_TYPE,
  aggregatedDiscovery,
  wantsAggregated,
} from '../discovery/aggregated';
import { isWatch, listOptions } from './listOptions';
import { parseResourcePath } from './requestInfo';
import { negotiate } from './representation';
import { handleResource } from './resourceHandlers';

/** One served request, for tests and diagnostics. */
export interface RequestRecord {
  method: string;
  path: string;
  verb?: string;
  resource?: string;
  namespace?: string;
  user?: string;
  code?: number;
}

/** The request log keeps the newest entries only (a long-running demo must not grow without bound). */
const MAX_RECORDS = 10_000;
const COLLECTION_VERBS: Record<string, string> = {
  GET: 'list',
  POST: 'create',
  DELETE: 'deletecollection',
};
const OBJECT_VERBS: Record<string, string> = {
  GET: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** The HTTP front of kube-local: authentication, discovery, routing to resource handlers, Status errors. */
export class KubeApi {
  readonly requests: RequestRecord[] = [];
  private readonly watches = new Set<ServerResponse>();

  constructor(
    private readonly cluster: Cluster,
    private readonly auth: Authorizer,
    private readonly opts: {
      bookmarkIntervalMs: number;
      serverAddress: () => string;
    },
  ) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
    };
    this.requests.push(record);
    if (this.requests.length > MAX_RECORDS)
      this.requests.splice(0, this.requests.length - MAX_RECORDS);
    res.on('finish', () => (record.code = res.statusCode));
    this.route(req, res, record).catch(e => sendError(res, toStatusError(e)));
  };

  /** End every open watch (on shutdown). */
  closeWatches(): void {
    for (const w of this.watches) w.end();
  }

  private async route(
    req: IncomingMessage,
    res: ServerResponse,
    record: RequestRecord,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://kube-local');
    const pathname = url.pathname.replace(/\/+$/, '') || '/';
    if (['/healthz', '/readyz', '/livez'].includes(pathname)) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    }
    const user = this.auth.authenticate(req.headers.authorization);
    record.user = user.name;
    // No OpenAPI documents: a 404 (whatever the Accept) makes kubectl skip client-side schema validation.
    if (pathname === '/openapi/v3') {
      sendJson(res, 200, openapiRoot(this.cluster.registry));
      return;
    }
    const gvDoc = pathname.startsWith('/openapi/v3/')
      ? openapiGroupVersion(this.cluster.registry, pathname)
      : undefined;
    if (gvDoc) {
      sendJson(res, 200, gvDoc);
      return;
    }
    if (pathname.startsWith('/openapi/')) throw pathNotFound();
    const aggregated = wantsAggregated(req.headers.accept)
      ? aggregatedDiscovery(this.cluster.registry, pathname)
      : undefined;
    if (aggregated && (req.method ?? 'GET') === 'GET') {
      const text = JSON.stringify(aggregated);
      res.writeHead(200, {
        'Content-Type': AGGREGATED_MEDIA_TYPE,
        'Content-Length': Buffer.byteLength(text),
      });
      res.end(text);
      return;
    }
    // resources negotiate their representation themselves (./representation.ts)
    const path = parseResourcePath(pathname);
    if (!path) checkAccept(req.headers.accept);
    const method = req.method ?? 'GET';
    if (pathname === '/version') {
      sendJson(res, 200, SERVER_VERSION);
      return;
    }
    const doc = discovery(
      this.cluster.registry,
      pathname,
      this.opts.serverAddress(),
    );
    if (doc) {
      if (method !== 'GET') throw methodNotAllowed(method);
      sendJson(res, 200, doc);
      return;
    }
    if (!path) throw pathNotFound();
    const type = this.cluster.registry.lookup(
      path.group,
      path.version,
      path.plural,
    );
    if (!type) throw pathNotFound();
    if (path.subresource && (path.subresource !== 'status' || !type.hasStatus))
      throw pathNotFound();
    if (!type.namespaced && path.namespace) throw pathNotFound();
    let verb = path.name ? OBJECT_VERBS[method] : COLLECTION_VERBS[method];
    if (!verb || (path.watch && method !== 'GET'))
      throw methodNotAllowed(method);
    // GET of a named object ignores `watch` (as the real server's request info does); the deprecated /watch/ paths
    // watch whatever they name
    const decodesList = verb === 'list' || !!path.watch;
    if (decodesList && (path.watch || isWatch(url.searchParams)))
      verb = 'watch';
    if (path.subresource && !['get', 'update', 'patch'].includes(verb))
      throw methodNotAllowed(method);
    if (type.namespaced && !path.namespace && !['list', 'watch'].includes(verb))
      throw pathNotFound();
    Object.assign(record, {
      verb,
      resource: path.plural,
      namespace: path.namespace,
    });
    this.auth.authorize(user, {
      verb,
      group: type.group,
      plural: type.plural,
      subresource: path.subresource,
      namespace: path.namespace,
      name: path.name,
    });
    // ListOptions are decoded (400 / 422) after authorization, like the real handler
    const options = decodesList
      ? listOptions(url.searchParams, path.watch)
      : undefined;
    const representation = negotiate(req.headers.accept, verb);
    await handleResource({
      req,
      res,
      url,
      path,
      type,
      verb,
      options,
      representation,
      cluster: this.cluster,
      user: user.name,
      bookmarkIntervalMs: this.opts.bookmarkIntervalMs,
      onWatchEnd: () => this.watches.delete(res),
    });
    if (verb === 'watch' && !res.writableEnded) this.watches.add(res);
  }
}
