import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { DiscoverySnapshot } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { spec } from '../schema/openapi.generated';
import { ApiToolsService } from './tools';

/** What the discovery routes serve: the snapshot, and (when wired) the paged tools of `mcp-server` APIs. */
export interface DiscoveryRoutesSource {
  snapshot(): Promise<DiscoverySnapshot>;
  tools?: Pick<ApiToolsService, 'page'>;
}

/**
 * The discovery routes on the plugin's typed router (`openapi.yaml` declares parameters and answers):
 * - `GET /discovery/snapshot` (`DISCOVERY_SNAPSHOT_PATH` of -common), for the catalog module: service principals
 *   only (no token → 401, a user → 403);
 * - `GET /discovery/apis/{namespace}/{name}/tools`: one page of an `mcp-server` API's stored tools, for users and
 *   services that may read the API entity in the catalog (else 404).
 */
export function addDiscoveryRoutes(
  api: ApiRouter<typeof spec>,
  options: {
    httpAuth: HttpAuthService;
    discovery: DiscoveryRoutesSource;
  },
): void {
  const { httpAuth, discovery } = options;
  api.get('/discovery/snapshot', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    res.json(await discovery.snapshot());
  });
  const tools = discovery.tools;
  if (tools) {
    api.get('/discovery/apis/:namespace/:name/tools', async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const { cursor, limit, q } = req.query;
      res.json(
        await tools.page(
          { namespace: req.params.namespace, name: req.params.name },
          {
            cursor,
            limit: limit === undefined ? undefined : Number(limit),
            q,
          },
          credentials,
        ),
      );
    });
  }
}
