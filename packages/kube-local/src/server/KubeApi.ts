import type { IncomingMessage, ServerResponse } from 'node:http';
import { Authorizer } from '../auth/Authorizer';
import { Cluster } from '../cluster/Cluster';
import {
  methodNotAllowed,
  methodNotSupported,
  pageNotFound,
  pathNotFound,
  toStatusError,
} from '../errors/StatusError';
import { parseObject, readBody, sendError, sendJson } from './http';
import { isReviewType, review } from '../auth/reviews';
import { serveNonResource } from './nonResource';
import { isWatch, listOptions } from './listOptions';
import { ResourcePath, parseResourcePath } from './requestInfo';
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
/** The request's verb as the request info resolver names it (authorization uses it before any routing). */
function resourceVerb(
  method: string,
  path: ResourcePath,
  q: URLSearchParams,
): string {
  if (method === 'GET' || method === 'HEAD') {
    if (path.watch) return 'watch';
    // GET of a named object ignores `watch`
    if (path.name) return 'get';
    return isWatch(q) ? 'watch' : 'list';
  }
  if (method === 'DELETE' && !path.name) return 'deletecollection';
  // any other method (OPTIONS, ...) has no verb in the request info: RBAC sees ""
  return (
    { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' }[
      method
    ] ?? ''
  );
}

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
    const method = req.method ?? 'GET';
    const path = parseResourcePath(pathname);
    if (!path) {
      // a non-resource URL: authorized by path for every user (anonymous ones may only read /version and health)
      this.auth.authorizePath(user, method.toLowerCase(), url.pathname);
      serveNonResource(
        this.cluster.registry,
        this.cluster.store,
        req,
        res,
        pathname,
        this.opts.serverAddress(),
      );
      return;
    }
    const requestVerb = resourceVerb(method, path, url.searchParams);
    Object.assign(record, {
      verb: requestVerb,
      resource: path.plural,
      namespace: path.namespace,
    });
    // authorization comes first (a user without access gets 403 also for things that do not exist)
    this.auth.authorize(user, {
      verb: requestVerb,
      group: path.group,
      plural: path.plural,
      subresource: path.subresource,
      // the request info of `/api/v1/namespaces/<name>[/status]` carries the namespace itself, so a RoleBinding there
      // grants reading it (the view role's comment: "you can read *this* namespace")
      namespace:
        path.namespace ??
        (path.group === '' && path.plural === 'namespaces'
          ? path.name
          : undefined),
      name: path.name,
    });
    const type = this.cluster.registry.lookup(
      path.group,
      path.version,
      path.plural,
    );
    // a group-version no built-in API serves falls through to the not-found handler (plain text); custom
    // resources' handler does the same for what a CRD does not define
    const builtIn = this.cluster.registry
      .all()
      .some(
        t =>
          !t.custom &&
          t.group === path.group &&
          t.versions.includes(path.version),
      );
    if (!type) throw builtIn ? pathNotFound() : pageNotFound();
    if (isReviewType(type)) {
      if (type.namespaced && !path.namespace) throw pathNotFound();
      if (requestVerb !== 'create' || path.name || path.subresource)
        throw methodNotAllowed();
      if (!type.namespaced && path.namespace) throw pathNotFound();
      const body = parseObject(await readBody(req), 'json');
      sendJson(res, 201, review(type, body, user, this.auth, path.namespace));
      return;
    }
    // HEAD and OPTIONS: built-in kinds are go-restful routes (GET only, so 405 for both); the custom resource
    // handler serves HEAD as GET (the body is dropped) and answers a verb it has no handler for with 405
    // MethodNotSupported (apiextensions-apiserver crdHandler.serveResource)
    if (!['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
      throw type.custom
        ? methodNotSupported(type.group, type.plural, '')
        : methodNotAllowed();
    if (method === 'HEAD' && !type.custom) throw methodNotAllowed();
    const notFound = type.custom ? pageNotFound : pathNotFound;
    if (path.subresource && (path.subresource !== 'status' || !type.hasStatus))
      throw notFound();
    if (!type.namespaced && path.namespace) throw notFound();
    const verb = requestVerb;
    // what the router has no route for: PUT / PATCH on a collection, POST to an object, writes to /watch/ paths
    const routed = method === 'HEAD' ? 'GET' : method;
    const served = path.name ? OBJECT_VERBS[routed] : COLLECTION_VERBS[routed];
    if (!served || (path.watch && routed !== 'GET')) throw methodNotAllowed();
    if (path.subresource && !['get', 'update', 'patch'].includes(verb))
      throw methodNotAllowed();
    if (type.namespaced && !path.namespace && !['list', 'watch'].includes(verb))
      throw pathNotFound();
    const decodesList = verb === 'list' || verb === 'watch';
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
