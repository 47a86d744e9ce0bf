import { lazy } from 'react';
import HubIcon from '@mui/icons-material/Hub';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import type { FilterPredicate } from '@backstage/filter-predicates';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AiGatewayClient, aiGatewayApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { discoveryExtensions } from './discovery';
import { accessExtensions } from './access';
import { TabShell } from './TabShell';

/**
 * Which entities get the four tabs: components, systems and groups carrying `backstage.io/kubernetes-id`
 * or `backstage.io/kubernetes-label-selector` (the same rule as `isAiGatewayAvailable`).
 */
export const aiGatewayEntityFilter: FilterPredicate = {
  $all: [
    { kind: { $in: ['component', 'system', 'group'] } },
    {
      $any: [
        {
          [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}`]: {
            $exists: true,
          },
        },
        {
          [`metadata.annotations.${ANNOTATION_KUBERNETES_LABEL_SELECTOR}`]: {
            $exists: true,
          },
        },
      ],
    },
  ],
};

const aiGatewayApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: aiGatewayApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AiGatewayClient({ discoveryApi, fetchApi }),
    }),
});

type TabTitle = 'Gateways' | 'Backends' | 'Routes' | 'Policies';

const entityContent = <TName extends Lowercase<TabTitle>>(
  name: TName,
  title: TabTitle,
) =>
  EntityContentBlueprint.make({
    name,
    params: {
      path: `ai-gateway-${name}`,
      title,
      filter: aiGatewayEntityFilter,
      // the shell (main bundle) starts the rows' request at once; the tab's chunk loads meanwhile
      loader: async () => {
        const Content = lazy(() =>
          import('./entityContents').then(m => ({
            default: m[`EntityAiGateway${title}Content`],
          })),
        );
        return (
          <TabShell>
            <Content />
          </TabShell>
        );
      },
    },
  });

export const aiGatewayGatewaysContent = entityContent('gateways', 'Gateways');
export const aiGatewayBackendsContent = entityContent('backends', 'Backends');
export const aiGatewayRoutesContent = entityContent('routes', 'Routes');
export const aiGatewayPoliciesContent = entityContent('policies', 'Policies');

/** The entity's live topology (its routes, backends, policies and the shared gateways) and usage charts. */
export const aiGatewayTopologyContent = EntityContentBlueprint.make({
  name: 'topology',
  params: {
    path: 'ai-gateway-topology',
    title: 'AI Topology',
    filter: aiGatewayEntityFilter,
    loader: () =>
      import('../components/Topology/entityContent').then(m => (
        <m.EntityAiGatewayTopologyContent />
      )),
  },
});

/** The standalone page; its title and icon also make the sidebar nav item (NavItemBlueprint is gone in 0.18). */
export const aiGatewayPage = PageBlueprint.make({
  params: {
    path: '/ai-gateway',
    title: 'AI Gateway',
    icon: <HubIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    noHeader: true,
    loader: () =>
      import('./platformPage').then(m => <m.AiGatewayPlatformPage />),
  },
});

/** The AI Gateway plugin for the new frontend system (discovered by the app from this `/alpha` export). */
export default createFrontendPlugin({
  pluginId: 'ai-gateway',
  title: 'AI Gateway',
  icon: <HubIcon fontSize="inherit" />,
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  extensions: [
    aiGatewayApi,
    aiGatewayGatewaysContent,
    aiGatewayBackendsContent,
    aiGatewayRoutesContent,
    aiGatewayPoliciesContent,
    aiGatewayTopologyContent,
    aiGatewayPage,
    ...discoveryExtensions,
    ...accessExtensions,
  ],
});

export {
  aiGatewayAccessApi,
  aiApiAccessCard,
  aiApiConsumersContent,
  aiConsumerAccessContent,
} from './access';
