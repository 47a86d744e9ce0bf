import { createApiRef } from '@backstage/core-plugin-api';
import type {
  PlatformOverviewResponse,
  ResourceTab,
  TabResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

export type { PlatformOverviewResponse };

/**
 * What the AI Gateway frontend needs from its backend. Methods reject with a `ResponseError`
 * (`@backstage/errors`) whose `body.error.name` is one of `AI_GATEWAY_ERRORS`.
 *
 * Write methods (create / update / delete) are added beside these by the editors.
 */
export interface AiGatewayApi {
  /** The objects one entity tab lists, with per-cluster states. */
  getTab(entityRef: string, tab: ResourceTab): Promise<TabResponse>;
  /** GatewayClasses, Gateways and AgentgatewayParameters of every cluster. */
  getPlatformOverview(): Promise<PlatformOverviewResponse>;
}

export const aiGatewayApiRef = createApiRef<AiGatewayApi>({
  id: 'plugin.ai-gateway.service',
});
