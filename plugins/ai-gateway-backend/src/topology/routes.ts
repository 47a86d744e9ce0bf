import type { Request, Response } from 'express';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  isMetricsWindow,
  MetricsWindow,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { entityRefFromPath } from '../entities/EntityResolver';
import { TopologyService } from './TopologyService';
import { TopologyBody } from './topologyCache';

/**
 * The router methods these routes need: the plugin's validated OpenAPI router (its handlers get typed
 * requests; method syntax lets it stand in here), or a plain express router.
 */
interface RouteRegistrar {
  get(
    path: string,
    handler: (req: Request, res: Response) => Promise<void>,
  ): unknown;
}

/** The entity of `/entity/{kind}/{namespace}/{name}/...` (validated by the OpenAPI router). */
function entityOf(req: Request): string {
  const { kind, namespace, name } = req.params;
  return entityRefFromPath({ kind, namespace, name });
}

/**
 * Sends a topology serialized once per graph version: gzip-compressed (once) when the client accepts it,
 * which the root router's `compression()` then leaves alone (Content-Encoding already set).
 */
async function send(req: Request, res: Response, body: TopologyBody) {
  res.set('Content-Type', 'application/json; charset=utf-8');
  res.vary('Accept-Encoding');
  if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    res.set('Content-Encoding', 'gzip');
    res.send(await body.gzip());
  } else res.send(body.json);
}

function windowOf(query: Record<string, unknown>): MetricsWindow {
  const w = query.window ?? '5m';
  if (!isMetricsWindow(w))
    throw new InputError(`window must be one of 5m, 1h, 24h`);
  return w;
}

/**
 * `GET /entity/{kind}/{namespace}/{name}/topology|usage?window=` and `GET /platform/topology|usage?window=`.
 * The only metrics input a caller gives is the window enum.
 */
export function registerTopologyRoutes(
  router: RouteRegistrar,
  options: { httpAuth: HttpAuthService; topology: TopologyService },
) {
  const { httpAuth, topology } = options;
  const creds = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  router.get('/entity/:kind/:namespace/:name/topology', async (req, res) => {
    const window = windowOf(req.query);
    await send(
      req,
      res,
      await topology.entityTopologyBody(
        entityOf(req),
        window,
        await creds(req),
      ),
    );
  });
  router.get('/entity/:kind/:namespace/:name/usage', async (req, res) => {
    const window = windowOf(req.query);
    res.json(
      await topology.entityUsage(entityOf(req), window, await creds(req)),
    );
  });
  router.get('/platform/topology', async (req, res) => {
    const window = windowOf(req.query);
    await send(
      req,
      res,
      await topology.platformTopologyBody(window, await creds(req)),
    );
  });
  router.get('/platform/usage', async (req, res) => {
    const window = windowOf(req.query);
    res.json(await topology.platformUsage(window, await creds(req)));
  });
}
