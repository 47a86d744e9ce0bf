import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { TopologyNode } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayApiRef } from '../../api/AiGatewayApi';
import { LiveTopology } from './LiveTopology';

/** The entity tab (sibling path) where each kind of node is managed. */
const TAB_OF: Record<TopologyNode['type'], string | undefined> = {
  gateway: 'ai-gateway-gateways',
  listener: 'ai-gateway-gateways',
  route: 'ai-gateway-routes',
  backend: 'ai-gateway-backends',
  target: 'ai-gateway-backends',
  tool: 'ai-gateway-backends',
  policy: 'ai-gateway-policies',
};

/** Links a node the entity owns (or shares) to the entity tab listing it; objects it cannot see get none. */
export function entityTabLink(node: TopologyNode): string | undefined {
  if (node.relation === 'external') return undefined;
  const tab = TAB_OF[node.type];
  return tab ? `../${tab}` : undefined;
}

/** The platform-wide topology (every cluster), for the AI Gateway page. */
export function PlatformTopology() {
  const api = useApi(aiGatewayApiRef);
  return (
    <LiveTopology
      load={(w, o) => api.getTopology(w, undefined, o)}
      scopeKey={['platform']}
    />
  );
}

/** The current entity's topology: its routes, backends and policies plus the shared gateways they use. */
export function EntityTopology() {
  const api = useApi(aiGatewayApiRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  return (
    <LiveTopology
      load={(w, o) => api.getTopology(w, entityRef, o)}
      scopeKey={['entity', entityRef]}
      linkFor={entityTabLink}
    />
  );
}
