export { aiGatewayApiRef } from './AiGatewayApi';
export type { AiGatewayApi, PlatformOverviewResponse } from './AiGatewayApi';
export { AiGatewayClient } from './AiGatewayClient';
export { describeApiError } from './errors';
export type { ApiErrorInfo } from './errors';
