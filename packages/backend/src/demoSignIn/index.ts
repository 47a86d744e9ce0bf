import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import {
  demoAuthenticator,
  demoProfileTransform,
  signInAsDemoUser,
} from './authenticator';

export { DEMO_USER_HEADER } from './authenticator';

/**
 * Auth provider `demo`: development sign-in as one of a few catalog users (the app's sign-in page offers them), so
 * the demo can show two people in different teams. Inert unless `auth.providers.demo` is configured (app-config.yaml
 * and app-config.e2e.yaml only), and refused outside development (see `demoAuthenticator`).
 */
export const authModuleDemoProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoAuthenticator,
            profileTransform: demoProfileTransform,
            signInResolver: signInAsDemoUser,
          }),
        });
      },
    });
  },
});

export default authModuleDemoProvider;
