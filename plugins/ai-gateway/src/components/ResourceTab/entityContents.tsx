import { AiGatewayTab } from './AiGatewayTab';

/** Gateways tab: the Gateways the entity owns and the shared Gateways its routes attach to. */
export const EntityAiGatewayGatewaysContent = () => <AiGatewayTab tab="gateways" />;
/** Backends tab: AgentgatewayBackends and AgentgatewayModels. */
export const EntityAiGatewayBackendsContent = () => <AiGatewayTab tab="backends" />;
/** Routes tab: HTTPRoutes and ReferenceGrants. */
export const EntityAiGatewayRoutesContent = () => <AiGatewayTab tab="routes" />;
/** Policies tab: AgentgatewayPolicies. */
export const EntityAiGatewayPoliciesContent = () => <AiGatewayTab tab="policies" />;
