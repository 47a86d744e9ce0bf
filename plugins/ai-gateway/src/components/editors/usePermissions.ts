import { usePermission } from '@backstage/plugin-permission-react';
import {
  aiGatewayCreatePermission,
  aiGatewayDeletePermission,
  aiGatewayPlatformManagePermission,
  aiGatewaySecretWritePermission,
  aiGatewayUpdatePermission,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { WriteTarget } from '../../query/mutations';

/** One answer of the permission framework, with a tooltip for a disabled button. */
export interface Permitted {
  allowed: boolean;
  /** why it is not allowed (or not known yet) */
  reason: string;
}

function answer(
  result: { loading: boolean; allowed: boolean; error?: Error },
  what: string,
): Permitted {
  if (result.loading)
    return { allowed: false, reason: 'Checking your permissions…' };
  if (result.error)
    return { allowed: false, reason: 'Could not check your permissions' };
  return { allowed: result.allowed, reason: `You are not allowed to ${what}` };
}

/**
 * Whether the caller may create / edit / delete objects here: the plugin's entity permissions with the entity
 * as the resource (the catalog's conditions such as `isEntityOwner` apply), or the platform-manage permission.
 * Until the answer is known, and when it cannot be read, nothing is offered — the backend enforces regardless.
 */
export function useWritePermissions(
  target: WriteTarget,
  what = 'objects',
): {
  create: Permitted;
  update: Permitted;
  remove: Permitted;
} {
  const resourceRef = target.scope === 'entity' ? target.entityRef : undefined;
  // hooks are called unconditionally; the entity ones answer `false` without a resourceRef
  const create = usePermission({
    permission: aiGatewayCreatePermission,
    resourceRef,
  });
  const update = usePermission({
    permission: aiGatewayUpdatePermission,
    resourceRef,
  });
  const remove = usePermission({
    permission: aiGatewayDeletePermission,
    resourceRef,
  });
  const manage = usePermission({
    permission: aiGatewayPlatformManagePermission,
  });
  if (target.scope === 'platform') {
    const m = answer(manage, 'manage platform objects');
    return { create: m, update: m, remove: m };
  }
  return {
    create: answer(create, `create ${what} here`),
    update: answer(update, 'edit it'),
    remove: answer(remove, 'delete it'),
  };
}

/** Whether the caller may write Secret values of the entity (`ai-gateway.secret.write` on the entity). */
export function useSecretWritePermission(entityRef: string): Permitted {
  const result = usePermission({
    permission: aiGatewaySecretWritePermission,
    resourceRef: entityRef,
  });
  return answer(result, 'write Secrets of this entity');
}
