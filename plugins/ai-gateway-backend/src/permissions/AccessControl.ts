import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  Capabilities,
  aiGatewayCreatePermission,
  aiGatewayDeletePermission,
  aiGatewayPlatformManagePermission,
  aiGatewaySecretWritePermission,
  aiGatewayUpdatePermission,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * The one place every route checks permissions. Entity-scoped permissions are resource permissions on
 * `catalog-entity` with the entity as `resourceRef`; the permission backend applies catalog conditions
 * (e.g. `isEntityOwner`) itself. A DENY becomes a 403 `NotAllowedError`.
 */
export class AccessControl {
  constructor(private readonly permissions: PermissionsService) {}

  async authorizeEntity(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
  ): Promise<void> {
    const [decision] = await this.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name} on ${entityRef}`,
      );
    }
  }

  async authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<void> {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  /**
   * What the caller may do for an entity (for the UI to hide or disable actions; every route enforces the
   * same permissions regardless): create / update / delete / write Secrets on the entity, manage the platform.
   */
  async capabilities(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<Capabilities> {
    const entityPermissions = [
      aiGatewayCreatePermission,
      aiGatewayUpdatePermission,
      aiGatewayDeletePermission,
      aiGatewaySecretWritePermission,
    ];
    const [create, update, del, writeSecrets, managePlatform] =
      await this.permissions.authorize(
        [
          ...entityPermissions.map(permission => ({
            permission,
            resourceRef: entityRef,
          })),
          { permission: aiGatewayPlatformManagePermission },
        ],
        { credentials },
      );
    const ok = (d: { result: AuthorizeResult }) =>
      d.result === AuthorizeResult.ALLOW;
    return {
      create: ok(create),
      update: ok(update),
      delete: ok(del),
      writeSecrets: ok(writeSecrets),
      managePlatform: ok(managePlatform),
    };
  }
}
