export {
  AiApiDetails,
  AiApiConnect,
  EntityAiApiDetailsCard,
  EntityAiApiConnectCard,
} from './EntityAiApiCards';
export { ConnectCard } from './ConnectCard';
export type { ConnectCardProps } from './ConnectCard';
export { McpToolsTable } from './McpToolsTable';
export type { McpToolsTableProps } from './McpToolsTable';
export { McpServerCard, DiscoveryStatus } from './McpServerCard';
export { LlmApiCard } from './LlmApiCard';
export { A2aAgentCard } from './A2aAgentCard';
export { describeAuth } from './PolicyList';
export { readAiApi, isAiApiEntity, connectTarget, AI_API_TYPES } from './aiApi';
export type { AiApi } from './aiApi';
export {
  connectSnippets,
  credentialHeader,
  CREDENTIAL_ENV,
} from './connectSnippets';
export type {
  ConnectTarget,
  ConnectSnippet,
  SnippetId,
} from './connectSnippets';
export { AiApiListCard } from './AiApiListCard';
