import { AiGatewayQueryProvider } from '../query/AiGatewayQueryProvider';
import {
  EntityApiAccessCard,
  EntityApiConsumersContent,
  EntityConsumerAccessContent,
} from '../components/Access';

/** The access card and tabs, each with the plugin's query client. */
export const AccessCardContent = () => (
  <AiGatewayQueryProvider>
    <EntityApiAccessCard />
  </AiGatewayQueryProvider>
);
export const ConsumersTabContent = () => (
  <AiGatewayQueryProvider>
    <EntityApiConsumersContent />
  </AiGatewayQueryProvider>
);
export const AiAccessTabContent = () => (
  <AiGatewayQueryProvider>
    <EntityConsumerAccessContent />
  </AiGatewayQueryProvider>
);
