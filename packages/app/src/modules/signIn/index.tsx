import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { DemoSignInPage } from './DemoSignInPage';

/**
 * Sign-in for local development and the demo: the guest, plus the demo users of the backend's development-only demo
 * provider (packages/backend/src/demoSignIn) when `auth.providers.demo` is configured. A real deployment replaces
 * this page with its identity provider's (see https://backstage.io/docs/auth/).
 */
export const signInPage = SignInPageBlueprint.make({
  params: {
    // in the main bundle: every first load shows it (or resumes the remembered sign-in through it), so a lazy chunk
    // would only put one more request before the session's
    loader: async () => props => <DemoSignInPage {...props} />,
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
