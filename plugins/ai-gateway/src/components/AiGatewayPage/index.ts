export { AiGatewayPage } from './AiGatewayPage';
export type { AiGatewayPageProps } from './AiGatewayPage';
export { PlatformOverview } from './PlatformOverview';
export type { AiGatewayPageSection } from './sections';
