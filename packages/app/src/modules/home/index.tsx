import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageLayoutBlueprint } from '@backstage/plugin-home-react/alpha';

/** The home page's layout (the page itself is the home plugin's, mounted at `/` by app-config `app.extensions`). */
export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [
    HomePageLayoutBlueprint.make({
      params: {
        loader: () => import('./HomeLayout').then(m => m.HomeLayout),
      },
    }),
  ],
});
