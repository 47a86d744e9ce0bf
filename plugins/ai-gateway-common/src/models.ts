import type { components, operations, paths } from './generated/openapi';

/**
 * The REST contract, generated from `plugins/ai-gateway-backend/src/schema/openapi.yaml` (run `npm run generate`).
 * The API types of this package are aliases of these models.
 */
export type AiGatewayApiSchemas = components['schemas'];
export type AiGatewayApiPaths = paths;
export type AiGatewayApiOperations = operations;
