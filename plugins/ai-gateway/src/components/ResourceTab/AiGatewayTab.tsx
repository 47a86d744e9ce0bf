import Stack from '@mui/material/Stack';
import { Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ResourceTab,
  isAiGatewayAvailable,
  kindsForTab,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { describeApiError } from '../../api/errors';
import { AiGatewayQueryProvider } from '../../query/AiGatewayQueryProvider';
import { useEntityTabs } from '../../query/tabs';
import { ResourceSections, ResourceSlots } from './ResourceSections';
import {
  ClusterWarnings,
  EmptyTabState,
  MissingAnnotationState,
  TabErrorState,
} from './TabStates';

export interface AiGatewayTabProps extends ResourceSlots {
  tab: ResourceTab;
}

const TAB_NOUNS: Record<ResourceTab, string> = {
  gateways: 'gateways',
  backends: 'backends or models',
  routes: 'routes',
  policies: 'policies',
};

function TabBody(props: AiGatewayTabProps & { entityRef: string }) {
  const { tab, entityRef, ...slots } = props;
  // one request per entity (`GET {ref}/tabs`, rows only), shared by the four tabs
  const query = useEntityTabs(entityRef);
  if (query.isPending) return <Progress />;
  if (query.isError) {
    return (
      <TabErrorState
        error={describeApiError(query.error)}
        onRetry={() => query.refetch()}
      />
    );
  }
  const { clusters, selection } = query.data;
  const items = query.data.tabs[tab];
  const descriptors = kindsForTab(tab);
  return (
    <Stack spacing={2}>
      <ClusterWarnings clusters={clusters} />
      {items.length === 0 && (
        <EmptyTabState selection={selection} what={TAB_NOUNS[tab]} />
      )}
      <ResourceSections
        descriptors={descriptors}
        items={items}
        entityRef={entityRef}
        {...slots}
      />
    </Stack>
  );
}

/**
 * The one generic entity tab: a table per kind the registry assigns to `tab`, for the current entity.
 * `renderToolbar` / `renderRowActions` / `renderDrawerActions` are the slots the editors fill.
 */
export function AiGatewayTab(props: AiGatewayTabProps) {
  const { entity } = useEntity();
  if (!isAiGatewayAvailable(entity)) return <MissingAnnotationState />;
  return (
    <AiGatewayQueryProvider>
      <TabBody {...props} entityRef={stringifyEntityRef(entity)} />
    </AiGatewayQueryProvider>
  );
}
