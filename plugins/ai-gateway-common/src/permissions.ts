import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Entity-scoped permissions are resource permissions on `catalog-entity`: the resource is the entity
 * that owns the objects, so adopters can use the catalog's conditional rules (e.g. `isEntityOwner`).
 */
export const aiGatewayReadPermission = createPermission({
  name: 'ai-gateway.resource.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

export const aiGatewayCreatePermission = createPermission({
  name: 'ai-gateway.resource.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

export const aiGatewayUpdatePermission = createPermission({
  name: 'ai-gateway.resource.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

export const aiGatewayDeletePermission = createPermission({
  name: 'ai-gateway.resource.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Writing Secret values (create, rotate, delete) for an entity's objects. */
export const aiGatewaySecretWritePermission = createPermission({
  name: 'ai-gateway.secret.write',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Platform-level kinds (GatewayClass, Gateway, AgentgatewayParameters) and the cluster-wide view. */
export const aiGatewayPlatformReadPermission = createPermission({
  name: 'ai-gateway.platform.read',
  attributes: { action: 'read' },
});

export const aiGatewayPlatformManagePermission = createPermission({
  name: 'ai-gateway.platform.manage',
  attributes: { action: 'update' },
});

/**
 * Self-service access (src/access of the backend). `request` is checked on the **consumer** entity (only its owners
 * ask for it); `approve` and `revoke` on the **API** entity, so the catalog's `isEntityOwner` rule lets an API's
 * owners decide. Requesters may always revoke their own grants and cancel their own requests.
 */
export const aiGatewayAccessRequestPermission = createPermission({
  name: 'ai-gateway.access.request',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

export const aiGatewayAccessApprovePermission = createPermission({
  name: 'ai-gateway.access.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

export const aiGatewayAccessRevokePermission = createPermission({
  name: 'ai-gateway.access.revoke',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

export const aiGatewayPermissions = [
  aiGatewayReadPermission,
  aiGatewayCreatePermission,
  aiGatewayUpdatePermission,
  aiGatewayDeletePermission,
  aiGatewaySecretWritePermission,
  aiGatewayPlatformReadPermission,
  aiGatewayPlatformManagePermission,
  aiGatewayAccessRequestPermission,
  aiGatewayAccessApprovePermission,
  aiGatewayAccessRevokePermission,
];
