import { EditableAiGatewayTab } from '../editors/EditableAiGatewayTab';

/** Gateways tab: the Gateways the entity owns and the shared Gateways its routes attach to. */
export const EntityAiGatewayGatewaysContent = () => <EditableAiGatewayTab tab="gateways" />;
/** Backends tab: AgentgatewayBackends and AgentgatewayModels, plus the entity's Secrets (write-only). */
export const EntityAiGatewayBackendsContent = () => <EditableAiGatewayTab tab="backends" />;
/** Routes tab: HTTPRoutes and ReferenceGrants. */
export const EntityAiGatewayRoutesContent = () => <EditableAiGatewayTab tab="routes" />;
/** Policies tab: AgentgatewayPolicies. */
export const EntityAiGatewayPoliciesContent = () => <EditableAiGatewayTab tab="policies" />;
