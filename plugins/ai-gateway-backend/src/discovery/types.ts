import { McpDiscoveryResult } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { A2aDiscoveryResult } from '../a2a/store';

/** The backend a changed MCP / A2A result belongs to. */
export interface ResultKey {
  cluster: string;
  namespace: string;
  backend: string;
}

/**
 * What discovery needs from the MCP discovery store (engineer DM, `src/mcp/`): the last discovery of one MCP
 * backend, and a signal when any result changed. Until a store is wired in, MCP APIs say `pending`.
 */
export interface McpDiscoverySource {
  /** The stored result for the AgentgatewayBackend `namespace/backendName` in `cluster`; undefined if never tried. */
  getServer(
    cluster: string,
    namespace: string,
    backendName: string,
  ): McpDiscoveryResult | undefined;
  /** Called after a result changed, with its backend's key when known; returns an unsubscribe function. */
  onChange(listener: (key?: ResultKey) => void): () => void;
}

/** What discovery needs from A2A discovery (`src/a2a/`): the last agent card of one A2A backend. */
export interface A2aDiscoverySource {
  getAgent(
    cluster: string,
    namespace: string,
    backendName: string,
  ): A2aDiscoveryResult | undefined;
  /** Called after a result changed, with its backend's key when known; returns an unsubscribe function. */
  onChange(listener: (key?: ResultKey) => void): () => void;
}

/** The kinds the snapshot is computed from. */
export const DISCOVERY_KINDS = [
  'Gateway',
  'HTTPRoute',
  'AgentgatewayModel',
  'AgentgatewayBackend',
  'AgentgatewayPolicy',
] as const;
