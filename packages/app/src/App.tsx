import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import homePlugin from '@backstage/plugin-home/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import aiGatewayPlugin from '@ai-gateway-backstage/plugin-ai-gateway/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';
import { homeModule } from './modules/home';
import { apiDocsModule } from './modules/apiDocs';
import { aiApiPageModule } from './modules/aiApiPage';

/**
 * The app on the new frontend system. Plugins listed in package.json are also discovered at build time
 * (`app.packages: all` in app-config.yaml); the ones listed here are explicit so tests render them too.
 * Notifications (access requests to API owners, decisions to requesters) and signals (live updates) are discovered
 * from package.json; the backend runs their backend plugins.
 */
export default createApp({
  features: [
    catalogPlugin,
    orgPlugin,
    userSettingsPlugin,
    apiDocsPlugin,
    apiDocsModule,
    searchPlugin,
    homePlugin,
    homeModule,
    catalogGraphPlugin,
    aiGatewayPlugin,
    aiApiPageModule,
    navModule,
    signInModule,
  ],
});
