/*
 * The AI Gateway for Backstage example backend (new backend system).
 * It serves the frontend bundle (app-backend), guest and demo sign-in (development and demo only), the catalog,
 * the permission framework with the example policy in ./permissions, the AI gateway plugin, its catalog module
 * (discovery: API / Resource entities), search over the catalog, notifications + signals (access requests and
 * decisions reach the app live), the scaffolder with the AI gateway's template actions, and the MCP actions
 * backend (agents call the actions registry's actions, e.g. the AI gateway's list-ai-apis / request-ai-access,
 * as MCP tools at /api/mcp-actions/v1).
 */
import { createBackend } from '@backstage/backend-defaults';
import { searchModuleAiGatewayCatalog } from '@ai-gateway-backstage/plugin-catalog-backend-module-ai-gateway';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for development and the demo (https://backstage.io/docs/auth/guest/provider)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// demo sign-in with a user picker (development only, inert unless `auth.providers.demo` is configured)
backend.add(import('./demoSignIn'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));

// permissions, with the example policy of this repository (replace it with your own)
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissions'));

// AI gateway: agentgateway and Gateway API objects of the configured clusters, per catalog entity
backend.add(import('@ai-gateway-backstage/plugin-ai-gateway-backend'));

// catalog-driven discovery: the gateway's LLM / MCP / A2A endpoints become API entities, its Gateways and
// backends Resource entities (reads GET /api/ai-gateway/discovery/snapshot)
backend.add(
  import('@ai-gateway-backstage/plugin-catalog-backend-module-ai-gateway'),
);

// search (in-memory Lunr engine): the catalog, with the tool and model names of the AI gateway's APIs
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(searchModuleAiGatewayCatalog);

// notifications (access requests to API owners, decisions / expiry / revoke to requesters) and signals, which
// push them to the open app at once (https://backstage.io/docs/notifications/)
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// the events bus signals travel on; with several backend replicas on one PostgreSQL it carries them across replicas
// (events-backend's database-backed bus), so a notification created on one replica reaches a browser on another
backend.add(import('@backstage/plugin-events-backend'));

// software templates: the scaffolder with the AI gateway's template actions (ai-gateway:request-access,
// ai-gateway:create-backend), which call the AI gateway plugin as the user running the template
backend.add(import('@backstage/plugin-scaffolder-backend'));
// the Template entity kind in the catalog (examples/templates)
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(
  import('@ai-gateway-backstage/plugin-scaffolder-backend-module-ai-gateway'),
);

// MCP server over the actions registry (https://backstage.io/docs/ai/mcp-actions): MCP clients (Claude, Cursor,
// Copilot...) list and call the actions of the plugins in `backend.actions.pluginSources` as tools, as the
// calling user. See the README section "Agents: MCP clients and software templates".
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
