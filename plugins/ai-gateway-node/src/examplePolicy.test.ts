import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
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
import { AiGatewayExamplePolicy } from './examplePolicy';

function policyFor(ownershipEntityRefs: string[], platformGroup?: string) {
  return new AiGatewayExamplePolicy({
    userInfo: mockServices.userInfo({
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    }),
    platformGroup,
  });
}

const alice = {
  credentials: mockCredentials.user('user:default/alice'),
  info: { userEntityRef: 'user:default/alice', ownershipEntityRefs: [] },
};

describe('AiGatewayExamplePolicy', () => {
  it('lets every signed-in user read resources and the platform view', async () => {
    const policy = policyFor(['user:default/alice']);
    for (const permission of [
      aiGatewayReadPermission,
      aiGatewayPlatformReadPermission,
    ]) {
      expect(await policy.handle({ permission }, alice)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('makes writes conditional on owning the entity, with the user and group refs as claims', async () => {
    const policy = policyFor(['user:default/alice', 'group:default/Team-A']);
    for (const permission of [
      aiGatewayCreatePermission,
      aiGatewayUpdatePermission,
      aiGatewayDeletePermission,
      aiGatewaySecretWritePermission,
    ]) {
      expect(await policy.handle({ permission }, alice)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims: ['user:default/alice', 'group:default/team-a'] },
        },
      });
    }
  });

  it('denies writes when there is no user (e.g. a service call)', async () => {
    const policy = policyFor(['user:default/alice']);
    expect(
      await policy.handle({ permission: aiGatewayUpdatePermission }),
    ).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets only members of the platform group manage the platform', async () => {
    const member = policyFor([
      'user:default/alice',
      'group:default/platform-team',
    ]);
    const outsider = policyFor(['user:default/alice', 'group:default/team-a']);
    const permission = aiGatewayPlatformManagePermission;
    expect(await member.handle({ permission }, alice)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await outsider.handle({ permission }, alice)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await member.handle({ permission })).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('reads the platform group from its option, completing a short ref', async () => {
    const policy = policyFor(['user:default/bob', 'group:default/sre'], 'sre');
    expect(
      await policy.handle(
        { permission: aiGatewayPlatformManagePermission },
        alice,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    const defaultGroup = policyFor(
      ['user:default/bob', 'group:default/platform-team'],
      'sre',
    );
    expect(
      await defaultGroup.handle(
        { permission: aiGatewayPlatformManagePermission },
        alice,
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
    // refs compare case-insensitively, as the user's ownership refs are lower-cased
    const capitalised = policyFor(
      ['user:default/bob', 'group:default/platform-team'],
      'group:default/Platform-Team',
    );
    expect(
      await capitalised.handle(
        { permission: aiGatewayPlatformManagePermission },
        alice,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets only owners of the consumer entity request access', async () => {
    const policy = policyFor(['user:default/alice', 'group:default/Team-A']);
    expect(
      await policy.handle(
        { permission: aiGatewayAccessRequestPermission },
        alice,
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: ['user:default/alice', 'group:default/team-a'] },
      },
    });
    expect(
      await policy.handle({ permission: aiGatewayAccessRequestPermission }),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('lets owners of the API entity or the platform group approve and revoke', async () => {
    const owner = policyFor(['user:default/bob', 'group:default/team-a']);
    const platform = policyFor([
      'user:default/alice',
      'group:default/platform-team',
    ]);
    for (const permission of [
      aiGatewayAccessApprovePermission,
      aiGatewayAccessRevokePermission,
    ]) {
      expect(await owner.handle({ permission }, alice)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims: ['user:default/bob', 'group:default/team-a'] },
        },
      });
      expect(await platform.handle({ permission }, alice)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
      expect(await platform.handle({ permission })).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('allows every other permission (catalog and other plugins)', async () => {
    const policy = policyFor(['user:default/alice']);
    const other = createPermission({
      name: 'other.thing.delete',
      attributes: { action: 'delete' },
    });
    for (const permission of [catalogEntityReadPermission, other]) {
      expect(await policy.handle({ permission }, alice)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });
});
