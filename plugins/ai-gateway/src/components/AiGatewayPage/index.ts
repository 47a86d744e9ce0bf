export { AiGatewayPage } from './AiGatewayPage';
export type { AiGatewayPageProps } from './AiGatewayPage';
export { PlatformOverview } from './PlatformOverview';
export { defaultPageSections, TopologySlot } from './sections';
export type { AiGatewayPageSection } from './sections';
