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
  const aggregated = wantsAggregated(req.headers.accept)
    ? aggregatedDiscovery(registry, pathname)
    : undefined;
  if (aggregated && method === 'GET') {
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
    sendJson(res, 200, SERVER_VERSION);
    return;
  }
  const doc = discovery(registry, pathname, serverAddress);
  if (doc) {
    if (method !== 'GET') throw methodNotAllowed();
    sendJson(res, 200, doc);
    return;
  }
  throw pageNotFound();
}
