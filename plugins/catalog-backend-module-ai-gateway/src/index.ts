/**
 * Catalog module of the AI Gateway plugins: the gateway's LLM, MCP and A2A endpoints become API entities,
 * its Gateways and AI / MCP / A2A backends Resource entities; plus a search module indexing tool and model
 * names of those APIs.
 *
 * @packageDocumentation
 */
export { catalogModuleAiGateway as default } from './module';
export {
  AiGatewayEntityProvider,
  httpSnapshotReader,
  type SnapshotReader,
} from './AiGatewayEntityProvider';
export { AiGatewayDiscoveryProcessor } from './AiGatewayDiscoveryProcessor';
export { apiEntity, resourceEntity, locationOf } from './entities';
export {
  aiApiSearchTerms,
  aiGatewayCatalogEntityTransformer,
  searchModuleAiGatewayCatalog,
} from './search';
