import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { spec } from '../schema/openapi.generated';
import { entityRefFromPath } from '../entities/EntityResolver';
import { ReadService } from './ReadService';
import { ResourceReader } from '../cache/ResourceCaches';
import { MutationRouteOptions, addMutationRoutes } from '../mutations/routes';
import {
  apiErrorHandler,
  compactJson,
  jsonBody,
} from '../mutations/errorResponse';
import { TopologyService, registerTopologyRoutes } from '../topology';
import { addAccessRoutes } from '../access/router';
import type { AccessService } from '../access/service/types';
import { addDiscoveryRoutes, DiscoveryRoutesSource } from '../discovery/router';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  reads: ReadService;
  reader: ResourceReader;
  /** The write routes; left out, the API is read-only. */
  mutations?: Omit<MutationRouteOptions, 'httpAuth'>;
  logger?: LoggerService;
  /** Live topology and usage routes (`/entity/.../topology|usage`, `/platform/topology|usage`). */
  topology?: TopologyService;
  /** The self-service access routes (`/access/...`); left out (access disabled), they do not exist. */
  access?: AccessService;
  /** `GET /discovery/snapshot` for the catalog module (and the paged MCP tools); left out, the routes do not exist. */
  discovery?: DiscoveryRoutesSource;
}

/** The typed API router (validated against `openapi.yaml`) with `/health` beside it. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, reads, reader } = options;
  // one body parser (size, depth, no body fragments in errors) and one error body for every route
  const api = createValidatedOpenApiRouter<typeof spec>(spec, {
    middleware: [jsonBody()],
  });

  api.get('/entity/:kind/:namespace/:name/tabs/:tab', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = entityRefFromPath(req.params);
    res.json(await reads.getTab(entityRef, req.params.tab, credentials));
  });

  api.get('/entity/:kind/:namespace/:name/tabs', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await reads.getTabs(entityRefFromPath(req.params), credentials));
  });

  api.get(
    '/entity/:kind/:namespace/:name/resources/:resourceKind/:resourceName',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json(
        await reads.getResource(
          entityRefFromPath(req.params),
          req.params.resourceKind,
          req.params.resourceName,
          credentials,
        ),
      );
    },
  );

  api.get('/entity/:kind/:namespace/:name/secrets', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = entityRefFromPath(req.params);
    res.json(await reads.getSecrets(entityRef, credentials));
  });

  api.get('/platform/overview', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await reads.getPlatformOverview(credentials));
  });

  if (options.topology)
    registerTopologyRoutes(api, { httpAuth, topology: options.topology });

  if (options.mutations)
    addMutationRoutes(api, { httpAuth, ...options.mutations });

  if (options.access)
    addAccessRoutes(api, { httpAuth, access: options.access });

  if (options.discovery)
    addDiscoveryRoutes(api, { httpAuth, discovery: options.discovery });

  const router = Router();
  router.use(compactJson());
  // unauthenticated: only liveness and whether each cluster's caches are synced, no object data
  router.get('/health', (_req, res) => {
    const states = reader.cacheStates();
    res.json({
      status: 'ok',
      clusters: reader.clusterNames().map(name => ({
        name,
        synced: states.filter(s => s.cluster === name).every(s => s.synced),
      })),
    });
  });
  router.use(api);
  router.use(apiErrorHandler(options.logger ?? options.mutations?.logger));
  return router;
}
