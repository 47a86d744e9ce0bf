import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import {
  configApiRef,
  discoveryApiRef,
  useApi,
  type ConfigApi,
  type SignInPageProps,
} from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  DemoIdentity,
  SIGN_IN_STORAGE_KEY,
  readRememberedSignIn,
  type RememberedSignIn,
} from './DemoIdentity';

/** A user the demo provider may sign in as (`auth.providers.demo.users`). */
export interface DemoUser {
  userEntityRef: string;
  title: string;
  description?: string;
}

export function readDemoUsers(config: ConfigApi): DemoUser[] {
  return (config.getOptionalConfigArray('auth.providers.demo.users') ?? []).map(
    u => {
      const userEntityRef = u.getString('userEntityRef');
      return {
        userEntityRef,
        title:
          u.getOptionalString('title') ??
          userEntityRef.slice(userEntityRef.lastIndexOf('/') + 1),
        description: u.getOptionalString('description'),
      };
    },
  );
}

/**
 * The demo's sign-in page: the guest ("Enter") and, when the backend's demo provider is configured
 * (`auth.providers.demo.users`, development and browser tests only), one card per demo user so the access journey
 * can be shown as two people in different teams. The choice is remembered until sign-out.
 */
export function DemoSignInPage({ onSignInSuccess }: SignInPageProps) {
  const config = useApi(configApiRef);
  const discoveryApi = useApi(discoveryApiRef);
  const users = readDemoUsers(config);
  const [busy, setBusy] = useState(() => readRememberedSignIn() !== undefined);
  const [error, setError] = useState<string>();

  const signIn = useCallback(
    async (choice: RememberedSignIn) => {
      setBusy(true);
      setError(undefined);
      try {
        const identity = new DemoIdentity({ discoveryApi, signIn: choice });
        await identity.start();
        onSignInSuccess(identity);
      } catch (e: unknown) {
        localStorage.removeItem(SIGN_IN_STORAGE_KEY);
        setError(e instanceof Error ? e.message : String(e));
        setBusy(false);
      }
    },
    [discoveryApi, onSignInSuccess],
  );

  // a reload signs in again with the remembered choice (once, not on every re-render)
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current) return;
    resumed.current = true;
    const remembered = readRememberedSignIn();
    if (remembered) signIn(remembered);
  }, [signIn]);

  if (busy) return <Progress />;
  return (
    <Page themeId="home">
      <Header title={config.getString('app.title')} />
      <Content>
        {error && (
          <Typography role="alert" color="error" paragraph>
            {error}
          </Typography>
        )}
        <Grid container spacing={2} component="ul" style={{ padding: 0 }}>
          <Grid item component="li" style={{ listStyle: 'none', width: 400 }}>
            <InfoCard
              title="Guest"
              variant="fullHeight"
              actions={
                <Button
                  color="primary"
                  variant="outlined"
                  onClick={() => signIn({ provider: 'guest' })}
                >
                  Enter
                </Button>
              }
            >
              <Typography variant="body1">
                Enter as a guest (user:default/guest, Support Team).
              </Typography>
            </InfoCard>
          </Grid>
          {users.map(user => (
            <Grid
              key={user.userEntityRef}
              item
              component="li"
              style={{ listStyle: 'none', width: 400 }}
            >
              <InfoCard
                title={user.title}
                subheader={user.userEntityRef}
                variant="fullHeight"
                actions={
                  <Button
                    color="primary"
                    variant="outlined"
                    onClick={() =>
                      signIn({
                        provider: 'demo',
                        userEntityRef: user.userEntityRef,
                      })
                    }
                  >
                    Sign in as {user.title}
                  </Button>
                }
              >
                <Typography variant="body1">
                  {user.description ?? 'Demo user (development only).'}
                </Typography>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
