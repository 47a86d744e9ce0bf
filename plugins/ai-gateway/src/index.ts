/**
 * AI Gateway frontend plugin: agentgateway Gateways, Backends, Routes and Policies as entity tabs, and a
 * standalone platform page. Legacy frontend system exports; the new frontend system uses `./alpha`.
 *
 * @packageDocumentation
 */
export {
  aiGatewayPlugin,
  AiGatewayPage,
  EntityAiGatewayGatewaysContent,
  EntityAiGatewayBackendsContent,
  EntityAiGatewayRoutesContent,
  EntityAiGatewayPoliciesContent,
  EntityAiGatewayTopologyContent,
  EntityApiAccessCard,
  EntityApiConsumersContent,
  EntityConsumerAccessContent,
} from './plugin';
export {
  AccessInbox,
  ApiAccessCard,
  ApiConsumers,
  ConsumerAccess,
  KeyDialog,
  RequestAccessButton,
} from './components/Access';
export type { KeyDialogProps } from './components/Access';
export {
  TopologyView,
  TopologyGraph,
  LiveTopology,
  PlatformTopology,
  EntityTopology,
} from './components/Topology';
export type {
  TopologyViewProps,
  TopologyGraphProps,
  LiveTopologyProps,
} from './components/Topology';
export {
  UsageCharts,
  UsageCard,
  EntityUsageCard,
  PlatformUsage,
} from './components/Usage';
export type { UsageChartsProps, UsageCardProps } from './components/Usage';
export { rootRouteRef as aiGatewayRouteRef } from './routes';
export {
  aiGatewayApiRef,
  AiGatewayClient,
  describeApiError,
  aiGatewayAccessApiRef,
  AiGatewayAccessClient,
} from './api';
export type {
  AiGatewayApi,
  AiGatewayAccessApi,
  PlatformOverviewResponse,
  ApiErrorInfo,
  WithWarnings,
} from './api';
export {
  EntityAiApiDetailsCard,
  EntityAiApiConnectCard,
  AiApiListCard,
  AiApiDetails,
  AiApiConnect,
  ConnectCard,
  McpToolsTable,
  connectSnippets,
  readAiApi,
  isAiApiEntity,
} from './components/Discovery';
export type {
  AiApi,
  ConnectTarget,
  ConnectSnippet,
} from './components/Discovery';
export { AiGatewayTab } from './components/ResourceTab/AiGatewayTab';
export type { AiGatewayTabProps } from './components/ResourceTab/AiGatewayTab';
export type { ResourceSlots } from './components/ResourceTab/ResourceSections';
export { AiGatewayQueryProvider } from './query/AiGatewayQueryProvider';
export { aiGatewayQueryKeys } from './query/keys';
export {
  useSaveResource,
  useDeleteResource,
  useWriteSecret,
} from './query/mutations';
export type { WriteTarget, WriteResult, DeleteResult } from './query/mutations';
export { AiGatewayApiError } from './api';
export { isAiGatewayAvailable } from '@ai-gateway-backstage/plugin-ai-gateway-common';
