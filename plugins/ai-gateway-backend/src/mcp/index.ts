/**
 * MCP discovery (SDK client, stored in the plugin's database, refreshed on a scheduler task) and the MCP registry
 * for AI clients (`/api/ai-gateway/mcp-registry`).
 */
export { createMcpDiscovery } from './createMcpDiscovery';
export { McpDiscoveryService } from './McpDiscoveryService';
export type {
  McpDiscoveryReader,
  McpDiscoveryListener,
  DiscoveredMcpServer,
} from './McpDiscoveryService';
export type { McpServerKey } from './store';
export type { McpRegistrySource } from './registry/router';
export { readMcpConfig } from './config';
export type { McpConfig, McpEndpointOverride } from './config';
