import type {
  BackstageUserIdentity,
  DiscoveryApi,
  IdentityApi,
  ProfileInfo,
} from '@backstage/core-plugin-api';

/** The header the backend's demo provider (packages/backend/src/demoSignIn) reads. */
export const DEMO_USER_HEADER = 'x-ai-gateway-demo-user';

/** Which sign-in the browser remembers across reloads (cleared on sign-out). */
export type RememberedSignIn =
  | { provider: 'guest' }
  | { provider: 'demo'; userEntityRef: string };

export const SIGN_IN_STORAGE_KEY = 'ai-gateway-demo:sign-in';

export function readRememberedSignIn(): RememberedSignIn | undefined {
  try {
    const value = JSON.parse(
      localStorage.getItem(SIGN_IN_STORAGE_KEY) ?? 'null',
    ) as RememberedSignIn | null;
    if (value?.provider === 'guest') return value;
    if (value?.provider === 'demo' && typeof value.userEntityRef === 'string')
      return value;
  } catch (e: unknown) {
    // not JSON: forget it
  }
  return undefined;
}

interface Session {
  profile: ProfileInfo;
  backstageIdentity: { token: string; identity: BackstageUserIdentity };
}

/** Renew this long before the token's `exp`. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(
      atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')),
    ) as { exp?: number };
    if (typeof payload.exp === 'number')
      return payload.exp * 1000 - EXPIRY_MARGIN_MS;
  } catch (e: unknown) {
    // fall through to the default
  }
  return Date.now() + EXPIRY_MARGIN_MS;
}

/**
 * The identity of a proxy-style sign-in (`GET /api/auth/<provider>/refresh`): the guest provider, or the demo
 * provider with the chosen user in a header. Refreshes the Backstage token before it expires; signing out forgets the
 * remembered choice so the sign-in page shows the picker again.
 */
export class DemoIdentity implements IdentityApi {
  private session?: Session;
  private expiresAt = 0;
  private pending?: Promise<Session>;

  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      signIn: RememberedSignIn;
    },
  ) {}

  /** Signs in (throws the backend's error if it refuses) and remembers the choice. */
  async start(): Promise<void> {
    await this.getSession();
    localStorage.setItem(
      SIGN_IN_STORAGE_KEY,
      JSON.stringify(this.options.signIn),
    );
  }

  getUserId(): string {
    const ref = this.sessionSync().backstageIdentity.identity.userEntityRef;
    return ref.slice(ref.lastIndexOf('/') + 1);
  }

  async getIdToken(): Promise<string | undefined> {
    return (await this.getSession()).backstageIdentity.token;
  }

  getProfile(): ProfileInfo {
    return this.sessionSync().profile;
  }

  async getProfileInfo(): Promise<ProfileInfo> {
    return (await this.getSession()).profile;
  }

  async getBackstageIdentity(): Promise<BackstageUserIdentity> {
    return (await this.getSession()).backstageIdentity.identity;
  }

  async getCredentials(): Promise<{ token?: string }> {
    return { token: (await this.getSession()).backstageIdentity.token };
  }

  async signOut(): Promise<void> {
    localStorage.removeItem(SIGN_IN_STORAGE_KEY);
    this.session = undefined;
  }

  private sessionSync(): Session {
    if (!this.session) throw new Error('Not signed in; reload the page.');
    return this.session;
  }

  private async getSession(): Promise<Session> {
    if (this.session && Date.now() < this.expiresAt) return this.session;
    if (!this.pending) {
      this.pending = this.fetchSession().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  private async fetchSession(): Promise<Session> {
    const { discoveryApi, signIn } = this.options;
    const headers: Record<string, string> = {
      'x-requested-with': 'XMLHttpRequest',
    };
    if (signIn.provider === 'demo')
      headers[DEMO_USER_HEADER] = signIn.userEntityRef;
    const base = await discoveryApi.getBaseUrl('auth');
    const res = await fetch(`${base}/${signIn.provider}/refresh`, {
      headers,
      credentials: 'include',
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => undefined)) as
        | { error?: { message?: string } }
        | undefined;
      throw new Error(
        `Sign-in refused (HTTP ${res.status}): ${
          body?.error?.message ?? res.statusText
        }`,
      );
    }
    const session = (await res.json()) as Session;
    this.session = session;
    this.expiresAt = expiryOf(session.backstageIdentity.token);
    return session;
  }
}
