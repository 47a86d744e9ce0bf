import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  AiGatewayAccessClient,
  AiGatewayClient,
  aiGatewayAccessApiRef,
  aiGatewayApiRef,
} from './api';
import { rootRouteRef } from './routes';

/** The AI Gateway frontend plugin for apps on the legacy frontend system (see `./alpha` for the new one). */
export const aiGatewayPlugin = createPlugin({
  id: 'ai-gateway',
  apis: [
    createApiFactory({
      api: aiGatewayApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AiGatewayClient({ discoveryApi, fetchApi }),
    }),
    createApiFactory({
      api: aiGatewayAccessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AiGatewayAccessClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The standalone page: platform overview and topology. Mount it at `/ai-gateway`. */
export const AiGatewayPage = aiGatewayPlugin.provide(
  createRoutableExtension({
    name: 'AiGatewayPage',
    component: () =>
      import('./alpha/platformPage').then(m => m.AiGatewayPlatformPage),
    mountPoint: rootRouteRef,
  }),
);

function entityContent(name: string, load: () => Promise<() => JSX.Element>) {
  return aiGatewayPlugin.provide(
    createComponentExtension({ name, component: { lazy: load } }),
  );
}

/** Entity tab: Gateways (owned and shared ones the entity's routes attach to). */
export const EntityAiGatewayGatewaysContent = entityContent(
  'EntityAiGatewayGatewaysContent',
  () =>
    import('./alpha/entityContents').then(
      m => m.EntityAiGatewayGatewaysContent,
    ),
);
/** Entity tab: AgentgatewayBackends and AgentgatewayModels. */
export const EntityAiGatewayBackendsContent = entityContent(
  'EntityAiGatewayBackendsContent',
  () =>
    import('./alpha/entityContents').then(
      m => m.EntityAiGatewayBackendsContent,
    ),
);
/** Entity tab: HTTPRoutes and ReferenceGrants. */
export const EntityAiGatewayRoutesContent = entityContent(
  'EntityAiGatewayRoutesContent',
  () =>
    import('./alpha/entityContents').then(m => m.EntityAiGatewayRoutesContent),
);
/** Entity tab: AgentgatewayPolicies. */
export const EntityAiGatewayPoliciesContent = entityContent(
  'EntityAiGatewayPoliciesContent',
  () =>
    import('./alpha/entityContents').then(
      m => m.EntityAiGatewayPoliciesContent,
    ),
);
/** Entity tab: the entity's live topology (routes, backends, policies, shared gateways) and usage charts. */
export const EntityAiGatewayTopologyContent = entityContent(
  'EntityAiGatewayTopologyContent',
  () =>
    import('./components/Topology/entityContent').then(
      m => m.EntityAiGatewayTopologyContent,
    ),
);
/** Entity card on AI APIs (llm, mcp-server): what can be asked for and the "Request access" action. */
export const EntityApiAccessCard = entityContent('EntityApiAccessCard', () =>
  import('./alpha/accessContents').then(m => m.AccessCardContent),
);
/** Entity tab on AI APIs: Consumers (grants) and, for approvers, pending requests. */
export const EntityApiConsumersContent = entityContent(
  'EntityApiConsumersContent',
  () => import('./alpha/accessContents').then(m => m.ConsumersTabContent),
);
/** Entity tab on components, systems and groups: AI access (grants, keys, open requests, effective access). */
export const EntityConsumerAccessContent = entityContent(
  'EntityConsumerAccessContent',
  () => import('./alpha/accessContents').then(m => m.AiAccessTabContent),
);
