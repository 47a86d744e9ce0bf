import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import aiGatewayPlugin from '@ai-gateway-backstage/plugin-ai-gateway/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * The app on the new frontend system. Plugins listed in package.json are also discovered at build time
 * (`app.packages: all` in app-config.yaml); the ones listed here are explicit so tests render them too.
 */
export default createApp({
  features: [
    catalogPlugin,
    orgPlugin,
    userSettingsPlugin,
    aiGatewayPlugin,
    navModule,
    signInModule,
  ],
});
