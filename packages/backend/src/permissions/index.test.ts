import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import request from 'supertest';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  aiGatewayAccessApprovePermission,
  aiGatewayPlatformManagePermission,
  aiGatewayReadPermission,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayExamplePolicyModule } from '.';

// Group memberships per user, as the catalog would resolve them at sign-in.
const memberships: Record<string, string[]> = {
  'user:default/alice': ['group:default/platform-team'],
  'user:default/bob': ['group:default/team-a'],
  'user:default/carol': ['group:default/sre'],
};

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef as string;
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(memberships[userEntityRef] ?? []),
        ],
      };
    },
  }),
});

async function startBackend(config: object = {}) {
  const { server } = await startTestBackend({
    features: [
      permissionPlugin,
      aiGatewayExamplePolicyModule,
      userInfoFactory,
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true }, ...config },
      }),
    ],
  });
  return async (user: string, permission: object, resourceRef?: string) => {
    const res = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', mockCredentials.user.header(user))
      .send({ items: [{ id: '1', permission, resourceRef }] });
    expect({ status: res.status, error: res.body.error?.message }).toEqual({
      status: 200,
      error: undefined,
    });
    return res.body.items[0].result;
  };
}

// Starting a backend takes seconds on a busy 2-core machine.
jest.setTimeout(60_000);

describe('aiGatewayExamplePolicyModule in the permission backend', () => {
  it('installs the example policy', async () => {
    const authorize = await startBackend();
    expect(
      await authorize('user:default/alice', aiGatewayPlatformManagePermission),
    ).toBe('ALLOW');
    expect(
      await authorize('user:default/bob', aiGatewayPlatformManagePermission),
    ).toBe('DENY');
    expect(
      await authorize(
        'user:default/bob',
        aiGatewayReadPermission,
        'component:default/chat-app',
      ),
    ).toBe('ALLOW');
    // the platform group decides on access to any API without asking the catalog
    expect(
      await authorize(
        'user:default/alice',
        aiGatewayAccessApprovePermission,
        'api:default/team-a-chat',
      ),
    ).toBe('ALLOW');
  });

  it('takes the platform group from aiGateway.examplePolicy.platformGroup', async () => {
    const authorize = await startBackend({
      aiGateway: { examplePolicy: { platformGroup: 'group:default/sre' } },
    });
    expect(
      await authorize('user:default/carol', aiGatewayPlatformManagePermission),
    ).toBe('ALLOW');
    expect(
      await authorize('user:default/alice', aiGatewayPlatformManagePermission),
    ).toBe('DENY');
  });
});
