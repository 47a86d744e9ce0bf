import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  aiGatewayAccessApprovePermission,
  aiGatewayAccessRequestPermission,
  aiGatewayAccessRevokePermission,
  aiGatewayPlatformManagePermission,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AccessControl } from '../../permissions/AccessControl';

/** The user entity ref of a user principal (also when a plugin acts for the user); undefined otherwise. */
export function userOf(c: BackstageCredentials): string | undefined {
  const p = c.principal as { type?: string; userEntityRef?: string };
  return p?.type === 'user' && p.userEntityRef
    ? p.userEntityRef.toLocaleLowerCase('en-US')
    : undefined;
}

/** 403 unless the caller is a user: requests, decisions, keys are always a person's. */
export function requireUser(c: BackstageCredentials, what: string): string {
  const user = userOf(c);
  if (!user)
    throw new NotAllowedError(
      `Not allowed: ${what} needs a user; service principals may not act on access`,
    );
  return user;
}

/**
 * The access permissions, enforced through {@link AccessControl} (a DENY is a 403 naming the permission and the
 * entity), plus batch yes/no answers for views and the inbox. Service principals never pass: Backstage ALLOWs
 * every service request without asking the policy.
 */
export class AccessChecks {
  constructor(
    private readonly control: AccessControl,
    private readonly permissions: PermissionsService,
  ) {}

  /** 403 unless the caller owns the consumer (`ai-gateway.access.request` on the consumer entity). */
  async mayRequest(c: BackstageCredentials, consumerRef: string) {
    requireUser(c, aiGatewayAccessRequestPermission.name);
    await this.control.authorizeEntity(
      c,
      aiGatewayAccessRequestPermission,
      consumerRef,
    );
  }

  async mayApprove(c: BackstageCredentials, apiRef: string) {
    requireUser(c, aiGatewayAccessApprovePermission.name);
    await this.control.authorizeEntity(
      c,
      aiGatewayAccessApprovePermission,
      apiRef,
    );
  }

  /** Which of these refs the user may decide on (`approve`), the consumer owns (`request`) or revoke on. */
  async which(
    c: BackstageCredentials,
    kind: 'request' | 'approve' | 'revoke',
    refs: string[],
  ): Promise<Set<string>> {
    if (!userOf(c) || !refs.length) return new Set();
    const permission = {
      request: aiGatewayAccessRequestPermission,
      approve: aiGatewayAccessApprovePermission,
      revoke: aiGatewayAccessRevokePermission,
    }[kind];
    const unique = [...new Set(refs)];
    const decisions = await this.permissions.authorize(
      unique.map(resourceRef => ({ permission, resourceRef })),
      { credentials: c },
    );
    return new Set(
      unique.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
    );
  }

  async can(
    c: BackstageCredentials,
    kind: 'request' | 'approve' | 'revoke',
    ref: string,
  ): Promise<boolean> {
    return (await this.which(c, kind, [ref])).has(ref);
  }

  /** A member of the platform (`ai-gateway.platform.manage`): may revoke any grant. */
  async isPlatformAdmin(c: BackstageCredentials): Promise<boolean> {
    if (!userOf(c)) return false;
    const [d] = await this.permissions.authorize(
      [{ permission: aiGatewayPlatformManagePermission }],
      { credentials: c },
    );
    return d.result === AuthorizeResult.ALLOW;
  }
}
