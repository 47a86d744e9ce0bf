import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { DISCOVERY_SNAPSHOT_PATH } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { DiscoveryService } from './DiscoveryService';

/** `GET /discovery/snapshot` for the catalog module: service principals only (401 / 403 otherwise). */
export function createDiscoveryRouter(options: {
  httpAuth: HttpAuthService;
  discovery: DiscoveryService;
}): express.Router {
  const router = Router();
  router.get(DISCOVERY_SNAPSHOT_PATH, async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['service'] });
    res.json(await options.discovery.snapshot());
  });
  return router;
}
