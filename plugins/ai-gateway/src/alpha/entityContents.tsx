import { EntityUsageAccordion } from '../components/Usage';
import { EditableAiGatewayTab } from './EditableAiGatewayTab';

/** Gateways tab: the Gateways the entity owns and the shared Gateways its routes attach to. */
export const EntityAiGatewayGatewaysContent = () => (
  <EditableAiGatewayTab tab="gateways" />
);
/** Backends tab: AgentgatewayBackends and AgentgatewayModels, plus the entity's Secrets (write-only). */
export const EntityAiGatewayBackendsContent = () => (
  <>
    <EditableAiGatewayTab tab="backends" />
    <EntityUsageAccordion
      title="Backend usage: requests, errors, tokens and cost"
      metrics={['requests', 'errors', 'tokens', 'cost']}
    />
  </>
);
/** Routes tab: HTTPRoutes and ReferenceGrants. */
export const EntityAiGatewayRoutesContent = () => (
  <>
    <EditableAiGatewayTab tab="routes" />
    <EntityUsageAccordion
      title="Route usage: requests, errors and latency"
      metrics={['requests', 'errors', 'latencyP95']}
    />
  </>
);
/** Policies tab: AgentgatewayPolicies. */
export const EntityAiGatewayPoliciesContent = () => (
  <EditableAiGatewayTab tab="policies" />
);
