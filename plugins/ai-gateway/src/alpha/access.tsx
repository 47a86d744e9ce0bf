import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import type { FilterPredicate } from '@backstage/filter-predicates';
import { AiGatewayAccessClient, aiGatewayAccessApiRef } from '../api';

/** The AI APIs one can ask access to: `kind: API` with `spec.type` llm or mcp-server. */
export const accessibleApiFilter: FilterPredicate = {
  $all: [{ kind: 'api' }, { 'spec.type': { $in: ['llm', 'mcp-server'] } }],
};

/** The entities that can hold a key: components (e.g. agents), systems and groups. */
export const consumerEntityFilter: FilterPredicate = {
  kind: { $in: ['component', 'system', 'group'] },
};

/** The self-service access calls (`/access/*`). */
export const aiGatewayAccessApi = ApiBlueprint.make({
  name: 'access',
  params: defineParams =>
    defineParams({
      api: aiGatewayAccessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AiGatewayAccessClient({ discoveryApi, fetchApi }),
    }),
});

/** Overview card of an AI API: what can be asked for and the "Request access" action. */
export const aiApiAccessCard = EntityCardBlueprint.make({
  name: 'ai-api-access',
  params: {
    filter: accessibleApiFilter,
    type: 'info',
    loader: () => import('./accessContents').then(m => <m.AccessCardContent />),
  },
});

/** "Consumers" tab of an AI API: grants, and pending requests for its approvers. */
export const aiApiConsumersContent = EntityContentBlueprint.make({
  name: 'ai-api-consumers',
  params: {
    path: 'ai-consumers',
    title: 'Consumers',
    filter: accessibleApiFilter,
    loader: () =>
      import('./accessContents').then(m => <m.ConsumersTabContent />),
  },
});

/** "AI access" tab of a consumer: its grants, keys, open requests and effective access. */
export const aiConsumerAccessContent = EntityContentBlueprint.make({
  name: 'ai-access',
  params: {
    path: 'ai-access',
    title: 'AI access',
    filter: consumerEntityFilter,
    loader: () =>
      import('./accessContents').then(m => <m.AiAccessTabContent />),
  },
});

/** Extensions of self-service access (issue 9). */
export const accessExtensions = [
  aiGatewayAccessApi,
  aiApiAccessCard,
  aiApiConsumersContent,
  aiConsumerAccessContent,
];
