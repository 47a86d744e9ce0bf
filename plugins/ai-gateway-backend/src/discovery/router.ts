import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { spec } from '../schema/openapi.generated';
import { DiscoveryService } from './DiscoveryService';

/**
 * `GET /discovery/snapshot` (`DISCOVERY_SNAPSHOT_PATH` of -common) on the plugin's typed router: `openapi.yaml`
 * declares the answer (the snapshot and its API / Resource descriptors). For the catalog module: service principals
 * only (no token → 401, a user → 403).
 */
export function addDiscoveryRoutes(
  api: ApiRouter<typeof spec>,
  options: {
    httpAuth: HttpAuthService;
    discovery: Pick<DiscoveryService, 'snapshot'>;
  },
): void {
  const { httpAuth, discovery } = options;
  api.get('/discovery/snapshot', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    res.json(await discovery.snapshot());
  });
}
