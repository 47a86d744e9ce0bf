import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import type { FilterPredicate } from '@backstage/filter-predicates';
import { AI_API_TYPES } from '../components/Discovery/aiApi';

/** The catalog API entities the AI gateway's catalog module emits: `kind: API`, `spec.type` llm, mcp-server or a2a. */
export const aiApiEntityFilter: FilterPredicate = {
  $all: [{ kind: 'api' }, { 'spec.type': { $in: AI_API_TYPES } }],
};

/** Overview card: copy-ready client setup (Claude Desktop, Cursor, VS Code, OpenAI SDKs, curl) for the gateway URL. */
export const aiApiConnectCard = EntityCardBlueprint.make({
  name: 'ai-api-connect',
  params: {
    filter: aiApiEntityFilter,
    type: 'content',
    loader: () =>
      import('../components/Discovery/EntityAiApiCards').then(m => (
        <m.EntityAiApiConnectCard />
      )),
  },
});

/** Overview card: MCP tools / prompts / resources and discovery status, LLM models and policies, A2A agent card. */
export const aiApiDetailsCard = EntityCardBlueprint.make({
  name: 'ai-api-details',
  params: {
    filter: aiApiEntityFilter,
    type: 'content',
    loader: () =>
      import('../components/Discovery/EntityAiApiCards').then(m => (
        <m.EntityAiApiDetailsCard />
      )),
  },
});

/** Extensions for the catalog API entities of the AI gateway (tools, models, policies, Connect card). Owned by the discovery UI. */
export const discoveryExtensions = [aiApiConnectCard, aiApiDetailsCard];
