import type { IncomingMessage, ServerResponse } from 'node:http';
import { SERVER_VERSION, discovery } from '../discovery/discovery';
import { openapiGroupVersion, openapiRoot } from '../discovery/openapi';
import {
  AGGREGATED_MEDIA_TYPE,
  aggregatedDiscovery,
  wantsAggregated,
} from '../discovery/aggregated';
import { methodNotAllowed, pageNotFound } from '../errors/StatusError';
import { ResourceRegistry } from '../registry/ResourceRegistry';
import { ObjectStore } from '../store/ObjectStore';
import { checkAccept, sendJson } from './http';

/** Non-resource URLs (already authorized): OpenAPI, aggregated and legacy discovery, /version; else 404. */
export function serveNonResource(
  registry: ResourceRegistry,
  store: ObjectStore,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  serverAddress: string,
): void {
  const method = req.method ?? 'GET';
  if (pathname === '/openapi/v3') {
    sendJson(res, 200, openapiRoot(registry));
    return;
  }
  const gvDoc = pathname.startsWith('/openapi/v3/')
    ? openapiGroupVersion(registry, store, pathname)
    : undefined;
  if (gvDoc) {
    sendJson(res, 200, gvDoc);
    return;
  }
  if (pathname.startsWith('/openapi/')) throw pageNotFound();
  // `/apis` and `/apis/<group>` are the aggregator's handlers, which answer HEAD and OPTIONS as GET (no method
  // check); `/api`, `/api/v1`, `/apis/<group>/<version>` and `/version` are go-restful GET routes: 405 for the rest
  const readLike =
    method === 'GET' ||
    ((method === 'HEAD' || method === 'OPTIONS') &&
      /^\/apis(\/[^/]+)?$/.test(pathname));
  const aggregated = wantsAggregated(req.headers.accept)
    ? aggregatedDiscovery(registry, pathname)
    : undefined;
  if (aggregated && readLike) {
    const text = JSON.stringify(aggregated);
    res.writeHead(200, {
      'Content-Type': AGGREGATED_MEDIA_TYPE,
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
    return;
  }
  checkAccept(req.headers.accept);
  if (pathname === '/version') {
    if (method !== 'GET') throw methodNotAllowed();
    sendJson(res, 200, SERVER_VERSION);
    return;
  }
  const doc = discovery(registry, pathname, serverAddress);
  if (doc) {
    if (!readLike) throw methodNotAllowed();
    sendJson(res, 200, doc);
    return;
  }
  throw pageNotFound();
}
