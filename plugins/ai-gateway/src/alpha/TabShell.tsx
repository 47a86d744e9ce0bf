import { ReactNode, Suspense } from 'react';
import { Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { AiGatewayQueryProvider } from '../query/AiGatewayQueryProvider';
import { useEntityTabs } from '../query/tabs';

function StartTabsRequest(props: { entityRef: string }) {
  useEntityTabs(props.entityRef);
  return null;
}

/**
 * What an entity tab renders first, from the app's main bundle: it asks for the entity's rows (`GET {ref}/tabs`,
 * the same react-query the tab's views read) while the tab's own chunk (tables, editors) is still loading, so the
 * request and the chunk no longer run one after the other.
 */
export function TabShell(props: { children: ReactNode }) {
  const { entity } = useEntity();
  return (
    <AiGatewayQueryProvider>
      <StartTabsRequest entityRef={stringifyEntityRef(entity)} />
      <Suspense fallback={<Progress />}>{props.children}</Suspense>
    </AiGatewayQueryProvider>
  );
}
