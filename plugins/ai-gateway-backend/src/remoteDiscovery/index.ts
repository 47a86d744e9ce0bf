/**
 * The shared part of the remote discoveries (src/mcp: MCP servers, src/a2a: A2A agent cards): refresh loop,
 * keep-last-known-result-on-failure with when / why, change notification, the results tables, one deadline.
 */
export { RemoteDiscoveryService } from './RemoteDiscoveryService';
export type {
  RemoteDiscoveryKind,
  RemoteDiscoveryOptions,
  ResultListener,
} from './RemoteDiscoveryService';
export {
  DatabaseResultStore,
  fromJson,
  migratedClient,
  toJson,
} from './DatabaseResultStore';
export type { ResultRow, ResultTable } from './DatabaseResultStore';
export { withDeadline } from './deadline';
export { sameResult } from './sameResult';
export type * from './types';
