import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  Permission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * The one place every route checks permissions. Entity-scoped permissions are resource permissions on
 * `catalog-entity` with the entity as `resourceRef`; the permission backend applies catalog conditions
 * (e.g. `isEntityOwner`) itself. A DENY becomes a 403 `NotAllowedError`.
 */
export class AccessControl {
  /**
   * @param options.allowServiceWrites Backstage's permissions service ALLOWs every request of a service
   *   principal (a backend without a user) without asking the policy. Writes would then bypass the policy's
   *   owner rules, so by default only users (including plugins acting on behalf of a user) may write;
   *   `aiGateway.permissions.allowServiceWrites: true` lets service principals write too.
   */
  constructor(
    private readonly permissions: PermissionsService,
    private readonly options: { allowServiceWrites?: boolean } = {},
  ) {}

  /** Whether a write permission is refused outright because the caller is a service principal. */
  private serviceWriteRefused(
    credentials: BackstageCredentials,
    permission: Permission,
  ): boolean {
    return (
      !this.options.allowServiceWrites &&
      permission.attributes.action !== 'read' &&
      credentials.principal !== null &&
      typeof credentials.principal === 'object' &&
      (credentials.principal as { type?: string }).type === 'service'
    );
  }

  async authorizeEntity(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
  ): Promise<void> {
    if (this.serviceWriteRefused(credentials, permission))
      throw new NotAllowedError(
        `Not allowed: ${permission.name} needs a user; service principals may not write`,
      );
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
    if (this.serviceWriteRefused(credentials, permission))
      throw new NotAllowedError(
        `Not allowed: ${permission.name} needs a user; service principals may not write`,
      );
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }
}
