/*
 * The one permission policy of the backend's tests: the rules of the repository's example policy
 * (packages/backend/src/permissions/policy.ts) over a fixed table of group memberships, installed into a REAL
 * permission backend. Each suite gives its own people and platform group.
 * - reads (`ai-gateway.resource.read`, `ai-gateway.platform.read`) and permissions of other plugins: allowed;
 * - entity writes, Secret writes and `ai-gateway.access.request`: conditional on the catalog's `isEntityOwner`
 *   (the entity for writes, the consumer for requests); never without a user;
 * - `ai-gateway.access.approve` / `revoke`: the platform group, else `isEntityOwner` on the API; never without a user;
 * - `ai-gateway.platform.manage`: the platform group only.
 */
import {
  BackstageCredentials,
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
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  aiGatewayAccessApprovePermission,
  aiGatewayAccessRequestPermission,
  aiGatewayAccessRevokePermission,
  aiGatewayCreatePermission,
  aiGatewayDeletePermission,
  aiGatewayPlatformManagePermission,
  aiGatewaySecretWritePermission,
  aiGatewayUpdatePermission,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** Who the test users are: group memberships per user entity ref, as the catalog would resolve them at sign-in. */
export interface TestPeople {
  memberships: Record<string, string[]>;
  /** members of this group manage the platform and decide on every API's access */
  platformGroup: string;
}

/** Owner-conditional: writes of the entity's objects, and asking for access for a consumer. */
const OWNER_ONLY = new Set([
  aiGatewayCreatePermission.name,
  aiGatewayUpdatePermission.name,
  aiGatewayDeletePermission.name,
  aiGatewaySecretWritePermission.name,
  aiGatewayAccessRequestPermission.name,
]);

/** Deciding on access to an API: its owners, or the platform group. */
const ACCESS_DECIDE = new Set([
  aiGatewayAccessApprovePermission.name,
  aiGatewayAccessRevokePermission.name,
]);

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

class TestPolicy implements PermissionPolicy {
  constructor(private readonly people: TestPeople) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const name = request.permission.name;
    const refs = user ? refsOf(this.people, user.info.userEntityRef) : [];
    const owner = () =>
      isResourcePermission(request.permission, 'catalog-entity')
        ? createCatalogConditionalDecision(
            request.permission,
            catalogConditions.isEntityOwner({ claims: refs }),
          )
        : deny;
    const platform = refs.includes(this.people.platformGroup);
    if (OWNER_ONLY.has(name)) return user ? owner() : deny;
    if (ACCESS_DECIDE.has(name)) {
      if (!user) return deny;
      return platform ? allow : owner();
    }
    if (name === aiGatewayPlatformManagePermission.name)
      return platform ? allow : deny;
    return allow;
  }
}

/** The user's own ref and its groups. */
function refsOf(people: TestPeople, userEntityRef: string): string[] {
  return [userEntityRef, ...(people.memberships[userEntityRef] ?? [])];
}

/** Installs the test policy for these people into the permission backend. */
export function testPolicyModule(people: TestPeople) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId: 'ai-gateway-test-policy',
    register(reg) {
      reg.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy }) {
          policy.setPolicy(new TestPolicy(people));
        },
      });
    },
  });
}

/** userInfo with these people's memberships (the permission backend passes it to the policy as `user.info`). */
export function testUserInfoFactory(people: TestPeople) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials: BackstageCredentials) {
        const p: unknown = credentials.principal;
        if (
          typeof p !== 'object' ||
          p === null ||
          !('userEntityRef' in p) ||
          typeof p.userEntityRef !== 'string'
        )
          throw new Error('getUserInfo: not a user principal');
        const userEntityRef = p.userEntityRef;
        return {
          userEntityRef,
          ownershipEntityRefs: refsOf(people, userEntityRef),
        };
      },
    }),
  });
}
