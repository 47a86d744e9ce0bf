import Stack from '@mui/material/Stack';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useQuery } from '@tanstack/react-query';
import { RESOURCE_KINDS } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayApiRef } from '../../api/AiGatewayApi';
import { describeApiError } from '../../api/errors';
import { aiGatewayQueryKeys } from '../../query/keys';
import {
  ResourceSections,
  ResourceSlots,
} from '../ResourceTab/ResourceSections';
import { ClusterWarnings, TabErrorState } from '../ResourceTab/TabStates';
import { ProblemsAlert } from '../Problems/ProblemsBanner';

/** The registry's platform kinds, in its order: GatewayClass, Gateway, ListenerSet, AgentgatewayParameters. */
const PLATFORM_KINDS = RESOURCE_KINDS.filter(k => k.scope === 'platform');

/**
 * Platform overview: GatewayClasses, Gateways and ListenerSets (their Gateway, listeners, attached routes, status)
 * and AgentgatewayParameters.
 */
export function PlatformOverview(props: ResourceSlots) {
  const api = useApi(aiGatewayApiRef);
  const query = useQuery({
    queryKey: aiGatewayQueryKeys.platform(),
    queryFn: () => api.getPlatformOverview(),
  });
  if (query.isPending) return <Progress />;
  if (query.isError) {
    return (
      <TabErrorState
        error={describeApiError(query.error)}
        onRetry={() => query.refetch()}
      />
    );
  }
  const {
    gatewayClasses,
    gateways,
    listenerSets,
    parameters,
    clusters,
    overlaps,
    outsidePartitions,
  } = query.data;
  return (
    <Stack spacing={2}>
      <ClusterWarnings clusters={clusters} />
      {/* routes of different teams whose matches overlap on a shared listener (older backends: absent) */}
      <ProblemsAlert
        problems={overlaps ?? []}
        label="Overlapping routes on shared Gateways"
      />
      {/* routes outside their owner's assignment on a partitioned Gateway */}
      <ProblemsAlert
        problems={outsidePartitions ?? []}
        label="Routes outside their partition"
      />
      <ResourceSections
        descriptors={PLATFORM_KINDS}
        items={[
          ...gatewayClasses,
          ...gateways,
          // older backends: absent
          ...(listenerSets ?? []),
          ...parameters,
        ]}
        {...props}
      />
    </Stack>
  );
}
