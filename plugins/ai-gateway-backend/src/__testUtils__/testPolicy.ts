/*
 * The one permission policy of the backend's tests: the repository's example policy (`AiGatewayExamplePolicy` of
 * `@ai-gateway-backstage/plugin-ai-gateway-node/example-policy`, the rules written once) over a fixed table of group
 * memberships (served as the userInfo service), installed into a REAL permission backend. Each suite gives its own
 * people and platform group.
 */
import {
  BackstageCredentials,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { AiGatewayExamplePolicy } from '@ai-gateway-backstage/plugin-ai-gateway-node/example-policy';

/** Who the test users are: group memberships per user entity ref, as the catalog would resolve them at sign-in. */
export interface TestPeople {
  memberships: Record<string, string[]>;
  /** members of this group manage the platform and decide on every API's access */
  platformGroup: string;
}

/** The user's own ref and its groups. */
function refsOf(people: TestPeople, userEntityRef: string): string[] {
  return [userEntityRef, ...(people.memberships[userEntityRef] ?? [])];
}

/**
 * Installs the example policy with these people's platform group into the permission backend; install
 * {@link testUserInfoFactory} for the same people beside it (the policy reads the memberships from userInfo).
 */
export function testPolicyModule(people: TestPeople) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId: 'ai-gateway-test-policy',
    register(reg) {
      reg.registerInit({
        deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
        async init({ policy, userInfo }) {
          policy.setPolicy(
            new AiGatewayExamplePolicy({
              userInfo,
              platformGroup: people.platformGroup,
            }),
          );
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
