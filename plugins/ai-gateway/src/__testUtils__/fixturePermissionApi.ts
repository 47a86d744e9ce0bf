import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PermissionApi } from '@backstage/plugin-permission-react';
import {
  Capabilities,
  aiGatewayCreatePermission,
  aiGatewayDeletePermission,
  aiGatewayPlatformManagePermission,
  aiGatewaySecretWritePermission,
  aiGatewayUpdatePermission,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

const BY_PERMISSION: Record<string, keyof Capabilities> = {
  [aiGatewayCreatePermission.name]: 'create',
  [aiGatewayUpdatePermission.name]: 'update',
  [aiGatewayDeletePermission.name]: 'delete',
  [aiGatewaySecretWritePermission.name]: 'writeSecrets',
  [aiGatewayPlatformManagePermission.name]: 'managePlatform',
};

/**
 * A permission API answering the plugin's permissions from a capabilities map (everything not listed is
 * allowed), recording every request as `<permission> <resourceRef>`; `fail: true` rejects every call.
 */
export function fixturePermissionApi(
  capabilities: Partial<Capabilities> = {},
  options: { fail?: boolean } = {},
): PermissionApi & { requests: string[] } {
  const requests: string[] = [];
  return {
    requests,
    async authorize(request) {
      requests.push(
        `${request.permission.name} ${request.resourceRef ?? ''}`.trim(),
      );
      if (options.fail) throw new Error('permission backend unavailable');
      const cap = BY_PERMISSION[request.permission.name];
      const allowed = cap === undefined || capabilities[cap] !== false;
      return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    },
  };
}
