import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/**
 * Sign-in for local development and the demo: the guest, plus the demo users of the backend's development-only demo
 * provider (packages/backend/src/demoSignIn) when `auth.providers.demo` is configured. A real deployment replaces
 * this page with its identity provider's (see https://backstage.io/docs/auth/).
 */
export const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => {
      const { DemoSignInPage } = await import('./DemoSignInPage');
      return props => <DemoSignInPage {...props} />;
    },
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
