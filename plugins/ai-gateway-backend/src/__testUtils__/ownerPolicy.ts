/*
 * The people of the write tests (authorization matrix) and the test policy for them (`testPolicy.ts`: the example
 * policy's rules — reads for everyone; entity writes and Secret writes conditional on the catalog's
 * `isEntityOwner`; platform management for one group; nothing written without a user), installed into a REAL
 * permission backend in tests.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { testPolicyModule, testUserInfoFactory } from './testPolicy';

export const PLATFORM_GROUP = 'group:default/platform-team';

/** Group memberships per user, as the catalog would resolve them at sign-in. */
export const MEMBERSHIPS: Record<string, string[]> = {
  'user:default/olive': ['group:default/team-support'],
  'user:default/otto': ['group:default/team-other'],
  'user:default/alice': [PLATFORM_GROUP],
  'user:development/guest': [],
};

const PEOPLE = { memberships: MEMBERSHIPS, platformGroup: PLATFORM_GROUP };

export const ownerPolicyModule = testPolicyModule(PEOPLE);

/** userInfo with the memberships above (the permission backend passes it to the policy as `user.info`). */
export const userInfoFactory = testUserInfoFactory(PEOPLE);

const MOCK_SERVICE_TOKEN_PREFIX = 'mock-service-token:';

/**
 * The mock httpAuth, except that a service token issued on behalf of a user yields user credentials WITH the
 * issuing service as `actor`, as the real auth service does. (The mock drops the actor, and the permission
 * framework refuses user credentials without one where only plugins may call, e.g. `apply-conditions`.)
 */
export const httpAuthWithActorFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      async credentials(req: any, options?: any) {
        const credentials: any = await inner.credentials(req, options);
        const token = /^Bearer[ ]+(\S+)$/i.exec(
          String(req.headers.authorization ?? ''),
        )?.[1];
        if (
          token?.startsWith(MOCK_SERVICE_TOKEN_PREFIX) &&
          credentials.principal?.type === 'user'
        ) {
          const { sub } = JSON.parse(
            token.slice(MOCK_SERVICE_TOKEN_PREFIX.length),
          );
          return {
            ...credentials,
            principal: {
              ...credentials.principal,
              actor: { type: 'service', subject: sub ?? 'plugin:unknown' },
            },
          };
        }
        return credentials;
      },
      issueUserCookie: (res: any, options?: any) =>
        inner.issueUserCookie(res, options),
    } as any;
  },
});
