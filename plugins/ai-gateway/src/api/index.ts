export { aiGatewayApiRef } from './AiGatewayApi';
export type {
  AiGatewayApi,
  EntityTabsResponse,
  PlatformOverviewResponse,
  ResourceRow,
  WithWarnings,
} from './AiGatewayApi';
export { AiGatewayClient } from './AiGatewayClient';
export { AiGatewayApiError, describeApiError } from './errors';
export type { ApiErrorInfo } from './errors';
export { aiGatewayAccessApiRef } from './AiGatewayAccessApi';
export type { AiGatewayAccessApi } from './AiGatewayAccessApi';
export { AiGatewayAccessClient } from './AiGatewayAccessClient';
