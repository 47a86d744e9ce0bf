import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  createProxyAuthenticator,
  type ProfileTransform,
  type SignInResolver,
} from '@backstage/plugin-auth-node';

/** The request header naming the demo user to sign in as (a user entity ref from the configured list). */
export const DEMO_USER_HEADER = 'x-ai-gateway-demo-user';

/** What the authenticator hands to the profile transform and the sign-in resolver. */
export interface DemoSignInResult {
  userEntityRef: string;
}

interface DemoSignInContext {
  /** why sign-in is refused (outside development without the explicit opt-in), or undefined when allowed */
  disabledReason?: string;
  /** normalized user entity refs that may be chosen */
  users: Set<string>;
}

function normalizeUserRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind: 'user', defaultNamespace: 'default' }),
  );
}

/**
 * Development sign-in with a user picker: the browser names one of the users listed in
 * `auth.providers.demo.users` in a header and gets a Backstage token for that catalog User. Anyone who can reach the
 * backend can be any of those users, so it refuses to work outside NODE_ENV=development unless
 * `auth.providers.demo.dangerouslyAllowOutsideDevelopment` is set (the browser tests' config only).
 */
export const demoAuthenticator = createProxyAuthenticator<
  DemoSignInContext,
  DemoSignInResult,
  undefined
>({
  defaultProfileTransform: async result => ({
    profile: { displayName: result.userEntityRef },
  }),
  initialize({ config }: { config: Config }) {
    const users = new Set(
      config
        .getConfigArray('users')
        .map(u => normalizeUserRef(u.getString('userEntityRef'))),
    );
    const allowed =
      process.env.NODE_ENV === 'development' ||
      config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') === true;
    return {
      users,
      disabledReason: allowed
        ? undefined
        : "The demo sign-in provider only works in development (NODE_ENV=development) unless 'auth.providers.demo.dangerouslyAllowOutsideDevelopment' is set",
    };
  },
  async authenticate({ req }, ctx) {
    if (ctx.disabledReason) throw new NotAllowedError(ctx.disabledReason);
    const raw = req.header(DEMO_USER_HEADER);
    if (!raw) {
      throw new InputError(
        `Missing header ${DEMO_USER_HEADER}: the user entity ref to sign in as`,
      );
    }
    let userEntityRef: string;
    try {
      userEntityRef = normalizeUserRef(raw);
    } catch (e: unknown) {
      throw new InputError(
        `Header ${DEMO_USER_HEADER} is not a user entity ref: ${String(e)}`,
      );
    }
    if (!userEntityRef.startsWith('user:') || !ctx.users.has(userEntityRef)) {
      throw new NotAllowedError(
        `Header ${DEMO_USER_HEADER}: ${userEntityRef} is not one of the demo users (auth.providers.demo.users)`,
      );
    }
    return { result: { userEntityRef } };
  },
});

/** Display name, email and picture from the catalog User, so the app shows who is signed in. */
export const demoProfileTransform: ProfileTransform<DemoSignInResult> = async (
  result,
  ctx,
) => {
  const { entity } = (await ctx.findCatalogUser({
    entityRef: result.userEntityRef,
  })) as { entity: Entity };
  const profile = (entity.spec?.profile ?? {}) as {
    displayName?: string;
    email?: string;
    picture?: string;
  };
  return {
    profile: {
      displayName: profile.displayName ?? entity.metadata.name,
      email: profile.email,
      picture: profile.picture,
    },
  };
};

/** Signs in as the chosen catalog User, with its group memberships as ownership refs. */
export const signInAsDemoUser: SignInResolver<DemoSignInResult> = async (
  { result },
  ctx,
) => ctx.signInWithCatalogUser({ entityRef: result.userEntityRef });
