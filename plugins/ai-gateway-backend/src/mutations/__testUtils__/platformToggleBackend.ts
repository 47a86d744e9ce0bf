import request from 'supertest';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { aiGatewayPlatformManagePermission } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { startTestEnvironment } from '../../__testUtils__/testBackend';

type EnvironmentOptions = NonNullable<
  Parameters<typeof startTestEnvironment>[0]
>;

/**
 * The plugin's backend on kube-local for the enclosing `describe` (started before it, closed after it), where
 * every permission is allowed except `ai-gateway.platform.manage`, which is allowed only after
 * `setPlatformAdmin(true)` (reset after each test).
 */
export function usePlatformToggleBackend(
  options: Omit<EnvironmentOptions, 'permissions'>,
) {
  const platform = { admin: false };
  const permissions = createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => ({
      authorize: async (requests: Array<{ permission: { name: string } }>) =>
        requests.map(r => ({
          result:
            r.permission.name !== aiGatewayPlatformManagePermission.name ||
            platform.admin
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
      authorizeConditional: async (requests: unknown[]) =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    }),
  });
  let env: Awaited<ReturnType<typeof startTestEnvironment>> | undefined;
  beforeAll(async () => {
    env = await startTestEnvironment({ ...options, permissions });
  });
  afterAll(() => env?.close());
  afterEach(() => {
    platform.admin = false;
  });
  return {
    api: () => request(env!.backend.server),
    setPlatformAdmin: (admin: boolean) => {
      platform.admin = admin;
    },
  };
}
