/**
 * The EXAMPLE permission policy of the AI Gateway plugins: the rules live once here, used by the repository's
 * backend (`packages/backend/src/permissions`, which installs it with the platform group from config) and by the
 * backend plugin's tests (over a fixed table of group memberships). Copy and adapt it; nothing in the plugins
 * depends on it.
 *
 * Exported as the subpath `@ai-gateway-backstage/plugin-ai-gateway-node/example-policy`, so the validator's users
 * (kube-local) do not load the permission and catalog packages.
 */
import type { UserInfoService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
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

/** Conditional on owning the entity: writes of its objects, and asking for access for a consumer it is. */
const OWNER_ONLY = new Set([
  aiGatewayCreatePermission.name,
  aiGatewayUpdatePermission.name,
  aiGatewayDeletePermission.name,
  aiGatewaySecretWritePermission.name,
  aiGatewayAccessRequestPermission.name,
]);

/** Deciding on access to an API (approve / deny, revoke a grant): its owners, or the platform group. */
const ACCESS_DECIDE = new Set([
  aiGatewayAccessApprovePermission.name,
  aiGatewayAccessRevokePermission.name,
]);

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

export interface AiGatewayExamplePolicyOptions {
  /** Resolves the user's ownership refs (own ref and groups, as the catalog resolved them at sign-in). */
  userInfo: Pick<UserInfoService, 'getUserInfo'>;
  /** Entity ref of the platform group (default {@link DEFAULT_PLATFORM_GROUP}; kind and namespace may be left out). */
  platformGroup?: string;
}

/**
 * - anyone signed in may read the AI gateway objects of any entity and the platform view;
 * - creating, changing, deleting objects and writing Secrets is allowed when the user owns the entity
 *   (the catalog's `isEntityOwner` rule, evaluated by the permission framework per entity);
 * - platform-level management only for members of the platform group;
 * - self-service access: `ai-gateway.access.request` when the user owns the **consumer** entity (`isEntityOwner`);
 *   `ai-gateway.access.approve` / `ai-gateway.access.revoke` when the user owns the **API** entity, or is a member
 *   of the platform group (the backend also lets requesters revoke their own grants);
 * - nothing of the above is written without a user;
 * - every other permission (catalog, ...) is allowed.
 */
export class AiGatewayExamplePolicy implements PermissionPolicy {
  private readonly platformGroup: string;
  private readonly userInfo: Pick<UserInfoService, 'getUserInfo'>;

  constructor(options: AiGatewayExamplePolicyOptions) {
    this.userInfo = options.userInfo;
    this.platformGroup = lower(
      stringifyEntityRef(
        parseEntityRef(options.platformGroup ?? DEFAULT_PLATFORM_GROUP, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      ),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const name = request.permission.name;
    if (READ.has(name)) return allow;
    if (ACCESS_DECIDE.has(name)) {
      if (!user) return deny;
      const refs = await this.ownershipRefs(user);
      if (refs.includes(this.platformGroup)) return allow;
      return this.ownerOnly(request, refs);
    }
    if (OWNER_ONLY.has(name)) {
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
    return info.ownershipEntityRefs.map(lower);
  }
}
