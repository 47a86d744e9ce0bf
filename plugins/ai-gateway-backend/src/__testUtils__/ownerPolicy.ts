/*
 * A permission policy equivalent to the repository's example policy (packages/backend/src/permissions): reads
 * for everyone; entity writes and Secret writes conditional on the catalog's `isEntityOwner`; platform
 * management for one group; nothing written without a user. Installed into a REAL permission backend in tests.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { mockServices } from '@backstage/backend-test-utils';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  aiGatewayCreatePermission,
  aiGatewayDeletePermission,
  aiGatewayPlatformManagePermission,
  aiGatewaySecretWritePermission,
  aiGatewayUpdatePermission,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

export const PLATFORM_GROUP = 'group:default/platform-team';

/** Group memberships per user, as the catalog would resolve them at sign-in. */
export const MEMBERSHIPS: Record<string, string[]> = {
  'user:default/olive': ['group:default/team-support'],
  'user:default/otto': ['group:default/team-other'],
  'user:default/alice': [PLATFORM_GROUP],
  'user:development/guest': [],
};

const OWNER_WRITE = new Set([
  aiGatewayCreatePermission.name,
  aiGatewayUpdatePermission.name,
  aiGatewayDeletePermission.name,
  aiGatewaySecretWritePermission.name,
]);

class OwnerPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const name = request.permission.name;
    const refs = user
      ? [
          user.info.userEntityRef,
          ...(MEMBERSHIPS[user.info.userEntityRef] ?? []),
        ]
      : [];
    if (OWNER_WRITE.has(name)) {
      if (!user || !isResourcePermission(request.permission, 'catalog-entity'))
        return { result: AuthorizeResult.DENY };
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims: refs }),
      );
    }
    if (name === aiGatewayPlatformManagePermission.name)
      return {
        result: refs.includes(PLATFORM_GROUP)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    return { result: AuthorizeResult.ALLOW };
  }
}

export const ownerPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'ai-gateway-test-owner-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new OwnerPolicy());
      },
    });
  },
});

/** userInfo with the memberships above (the permission backend passes it to the policy as `user.info`). */
export const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef as string;
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(MEMBERSHIPS[userEntityRef] ?? []),
        ],
      };
    },
  }),
});

const MOCK_SERVICE_TOKEN_PREFIX = 'mock-service-token:';

/**
 * The mock httpAuth, except that a service token issued on behalf of a user yields user credentials WITH the
 * issuing service as `actor`, as the real auth service does. (The mock drops the actor, and the permission
 * framework refuses user credentials without one where only plugins may call, e.g. `apply-conditions`.)
 */
export const httpAuthWithActorFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      async credentials(req: any, options?: any) {
        const credentials: any = await inner.credentials(req, options);
        const token = /^Bearer[ ]+(\S+)$/i.exec(
          String(req.headers.authorization ?? ''),
        )?.[1];
        if (
          token?.startsWith(MOCK_SERVICE_TOKEN_PREFIX) &&
          credentials.principal?.type === 'user'
        ) {
          const { sub } = JSON.parse(
            token.slice(MOCK_SERVICE_TOKEN_PREFIX.length),
          );
          return {
            ...credentials,
            principal: {
              ...credentials.principal,
              actor: { type: 'service', subject: sub ?? 'plugin:unknown' },
            },
          };
        }
        return credentials;
      },
      issueUserCookie: (res: any, options?: any) =>
        inner.issueUserCookie(res, options),
    } as any;
  },
});
