import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  EntityContentBlueprint,
  EntityContentLayoutBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import type { useEntity } from '@backstage/plugin-catalog-react';
import { AiApiOverviewLayout } from './AiApiOverviewLayout';

type Entity = ReturnType<typeof useEntity>['entity'];

/** The API entities of the AI gateway's catalog module: `kind: API` with `spec.type` llm, mcp-server or a2a. */
export const isAiApiEntity = (entity: Entity): boolean =>
  entity.kind.toLowerCase() === 'api' &&
  ['llm', 'mcp-server', 'a2a'].includes(String(entity.spec?.type));

/**
 * The Relations tab of an AI API: the catalog graph and the components providing / consuming it. On these entities
 * the overview leaves those cards out (app-config.yaml `app.extensions`: they load d3 / dagre and material-table
 * chunks and query the catalog before the Tools table is shown); here they are one click away.
 */
export const aiApiRelationsContent = EntityContentBlueprint.make({
  name: 'ai-api-relations',
  params: {
    path: 'relations',
    title: 'Relations',
    filter: isAiApiEntity,
    loader: () =>
      import('./RelationsContent').then(m => <m.RelationsContent />),
  },
});

/**
 * The overview's layout on AI APIs: the gateway's cards first, the catalog's warning checks run once. In the main
 * bundle (about 5 KB with the catalog's warning components): a chunk of its own would be one more request in the
 * waterfall between the entity's answer and the Tools table.
 */
export const aiApiOverviewLayout = EntityContentLayoutBlueprint.make({
  name: 'ai-api-overview',
  params: {
    filter: isAiApiEntity,
    loader: async () => AiApiOverviewLayout,
  },
});

/** The app's additions to the AI API entity page (see README, "API entity page"). */
export const aiApiPageModule = createFrontendModule({
  pluginId: 'app',
  extensions: [aiApiOverviewLayout, aiApiRelationsContent],
});
