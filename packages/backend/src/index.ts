/*
 * The AI Gateway for Backstage example backend (new backend system).
 * It serves the frontend bundle (app-backend), guest sign-in (development and demo only), the catalog,
 * the permission framework with the example policy in ./permissions, the AI gateway plugin, its catalog module
 * (discovery: API / Resource entities) and search over the catalog.
 */
import { createBackend } from '@backstage/backend-defaults';
import { searchModuleAiGatewayCatalog } from '@ai-gateway-backstage/plugin-catalog-backend-module-ai-gateway';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for development and the demo (https://backstage.io/docs/auth/guest/provider)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

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

backend.start();
