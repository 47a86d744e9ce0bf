import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { stringifyEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  aiGatewayAccessApprovePermission,
  aiGatewayAccessRequestPermission,
  aiGatewayAccessRevokePermission,
  aiGatewayCreatePermission,
  aiGatewayDeletePermission,
  aiGatewayPlatformManagePermission,
  aiGatewayPlatformReadPermission,
  aiGatewayReadPermission,
  aiGatewaySecretWritePermission,
  aiGatewayUpdatePermission,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** The group whose members may manage platform-level objects when no config says otherwise. */
export const DEFAULT_PLATFORM_GROUP = 'group:default/platform-team';

const READ = new Set([
  aiGatewayReadPermission.name,
  aiGatewayPlatformReadPermission.name,
]);

const OWNER_WRITE = new Set([
  aiGatewayCreatePermission.name,
  aiGatewayUpdatePermission.name,
  aiGatewayDeletePermission.name,
  aiGatewaySecretWritePermission.name,
]);

/** Deciding on access to an API (approve / deny, revoke a grant): its owners, or the platform group. */
const ACCESS_DECIDE = new Set([
  aiGatewayAccessApprovePermission.name,
  aiGatewayAccessRevokePermission.name,
]);

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The EXAMPLE permission policy of this repository (copy and adapt it; it is not part of the plugins):
 * - anyone signed in may read the AI gateway objects of any entity and the platform view;
 * - creating, changing, deleting objects and writing Secrets is allowed when the user owns the entity
 *   (the catalog's `isEntityOwner` rule, evaluated by the permission framework per entity);
 * - platform-level management only for members of one group (`aiGateway.examplePolicy.platformGroup`);
 * - self-service access: `ai-gateway.access.request` when the user owns the **consumer** entity (`isEntityOwner`);
 *   `ai-gateway.access.approve` / `ai-gateway.access.revoke` when the user owns the **API** entity, or is a member
 *   of the platform group (the backend also lets requesters revoke their own grants);
 * - every other permission (catalog, ...) is allowed.
 */
export class AiGatewayExamplePolicy implements PermissionPolicy {
  private readonly platformGroup: string;
  private readonly userInfo: UserInfoService;

  constructor(options: { userInfo: UserInfoService; platformGroup?: string }) {
    this.userInfo = options.userInfo;
    this.platformGroup = stringifyEntityRef(
      parseEntityRef(options.platformGroup ?? DEFAULT_PLATFORM_GROUP, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const name = request.permission.name;
    if (READ.has(name)) {
      return allow;
    }
    if (ACCESS_DECIDE.has(name)) {
      if (!user) return deny;
      const refs = await this.ownershipRefs(user);
      if (refs.includes(this.platformGroup)) return allow;
      return this.ownerOnly(request, refs);
    }
    if (
      OWNER_WRITE.has(name) ||
      name === aiGatewayAccessRequestPermission.name
    ) {
      if (!user) return deny;
      return this.ownerOnly(request, await this.ownershipRefs(user));
    }
    if (name === aiGatewayPlatformManagePermission.name) {
      const refs = user ? await this.ownershipRefs(user) : [];
      return refs.includes(this.platformGroup) ? allow : deny;
    }
    return allow;
  }

  /** Conditional on the catalog's `isEntityOwner` with the given claims (deny for non-entity permissions). */
  private ownerOnly(request: PolicyQuery, claims: string[]): PolicyDecision {
    if (!isResourcePermission(request.permission, 'catalog-entity'))
      return deny;
    return createCatalogConditionalDecision(
      request.permission,
      catalogConditions.isEntityOwner({ claims }),
    );
  }

  /** The user's own ref and its groups (resolved from the catalog at sign-in), lower-cased. */
  private async ownershipRefs(user: PolicyQueryUser): Promise<string[]> {
    const info = await this.userInfo.getUserInfo(user.credentials);
    return info.ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US'));
  }
}
