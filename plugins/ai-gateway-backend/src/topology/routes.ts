import type { Request, Response } from 'express';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { spec } from '../schema/openapi.generated';
import { entityRefFromPath } from '../entities/EntityResolver';
import { TopologyService } from './TopologyService';
import { TopologyBody } from './topologyCache';

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

/**
 * `GET /entity/{kind}/{namespace}/{name}/topology|usage?window=` and `GET /platform/topology|usage?window=`.
 * The only metrics input a caller gives is the window enum.
 */
export function registerTopologyRoutes(
  api: ApiRouter<typeof spec>,
  options: { httpAuth: HttpAuthService; topology: TopologyService },
) {
  const { httpAuth, topology } = options;
  const creds = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  // the router has checked the window against the enum (400 otherwise); the default is 5m
  api.get('/entity/:kind/:namespace/:name/topology', async (req, res) => {
    await send(
      req,
      res,
      await topology.entityTopologyBody(
        entityRefFromPath(req.params),
        req.query.window ?? '5m',
        await creds(req),
      ),
    );
  });
  api.get('/entity/:kind/:namespace/:name/usage', async (req, res) => {
    res.json(
      await topology.entityUsage(
        entityRefFromPath(req.params),
        req.query.window ?? '5m',
        await creds(req),
      ),
    );
  });
  api.get('/platform/topology', async (req, res) => {
    await send(
      req,
      res,
      await topology.platformTopologyBody(
        req.query.window ?? '5m',
        await creds(req),
      ),
    );
  });
  api.get('/platform/usage', async (req, res) => {
    res.json(
      await topology.platformUsage(req.query.window ?? '5m', await creds(req)),
    );
  });
}
