/**
 * A real MCP server (official TypeScript SDK) serving the tools, prompts and resources the demo's MCP backends
 * promise (examples/cluster): for the demo (`npm start`) and for tests.
 */
export { startMcpDemoServer } from './startMcpDemoServer';
export type {
  McpDemoServer,
  McpDemoServerOptions,
  McpDemoEndpoint,
} from './startMcpDemoServer';
export { demoServers } from './servers';
export type { DemoServerDefinition } from './servers';
export { toolCatalog, catalogToolName } from './servers/toolCatalog';
export {
  paymentsAgentApp,
  paymentsAgentCard,
  PAYMENTS_AGENT_ID,
} from './a2a/paymentsAgent';
