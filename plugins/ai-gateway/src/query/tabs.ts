import { useApi } from '@backstage/core-plugin-api';
import { useQuery } from '@tanstack/react-query';
import type { ResourceItem } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayApiRef, ResourceRow } from '../api/AiGatewayApi';
import { aiGatewayQueryKeys } from './keys';

/** The entity's four tabs as rows: one request per entity, shared by every tab, picker and section. */
export function useEntityTabs(entityRef: string | undefined) {
  const api = useApi(aiGatewayApiRef);
  return useQuery({
    queryKey: aiGatewayQueryKeys.tabs(entityRef ?? ''),
    // react-query aborts the request when no view needs it any more (navigation away)
    queryFn: ({ signal }) => api.getTabs(entityRef!, { signal }),
    enabled: !!entityRef,
  });
}

export interface FullItem {
  item?: ResourceItem;
  isPending: boolean;
  error?: Error | null;
  refetch(): void;
}

/**
 * The whole object behind a row, fetched when the row is opened (drawer, YAML, edit form). A row that already
 * carries its object (the platform overview) is answered at once; otherwise `GET {ref}/resources/{kind}/{name}`,
 * cached per resourceVersion (a changed row fetches again).
 */
export function useFullItem(
  entityRef: string | undefined,
  row: ResourceRow | undefined,
): FullItem {
  const api = useApi(aiGatewayApiRef);
  const needs = !!row && !row.object && !!entityRef;
  const query = useQuery({
    queryKey: aiGatewayQueryKeys.resource(
      entityRef ?? '',
      row?.kind ?? '',
      row?.name ?? '',
      row?.resourceVersion ?? '',
    ),
    queryFn: async ({ signal }) =>
      (await api.getResource(entityRef!, row!.kind, row!.name, { signal }))
        .item,
    enabled: needs,
    retry: false,
  });
  if (row?.object) {
    const item: ResourceItem = { ...row, object: row.object };
    return { item, isPending: false, refetch: () => {} };
  }
  return {
    item: query.data,
    isPending: needs && query.isPending,
    error: query.error,
    refetch: () => {
      query.refetch();
    },
  };
}
