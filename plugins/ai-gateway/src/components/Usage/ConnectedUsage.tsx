import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { UsageMetric } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayApiRef } from '../../api/AiGatewayApi';
import { UsageCard } from './UsageCard';

/** Usage of the current entity's routes and backends (for its Routes / Backends tabs). */
export function EntityUsageCard(props: {
  title?: string;
  metrics?: UsageMetric[];
}) {
  const api = useApi(aiGatewayApiRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  return (
    <UsageCard
      load={w => api.getUsage(w, entityRef)}
      scopeKey={['entity', entityRef]}
      title={props.title}
      metrics={props.metrics}
    />
  );
}

/** Usage of every route of the platform (AI Gateway page). */
export function PlatformUsage() {
  const api = useApi(aiGatewayApiRef);
  return (
    <UsageCard
      load={w => api.getUsage(w)}
      scopeKey={['platform']}
      title="Platform usage"
    />
  );
}
