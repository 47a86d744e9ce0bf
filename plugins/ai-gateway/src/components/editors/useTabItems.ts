import { useApi } from '@backstage/core-plugin-api';
import { useQuery } from '@tanstack/react-query';
import type {
  ResourceItem,
  ResourceTab,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayApiRef } from '../../api/AiGatewayApi';
import { aiGatewayQueryKeys } from '../../query/keys';
import { useEditor } from './EditorContext';

/** Items of one of the entity's tabs (the same cached query the tab uses), for pickers in the forms. */
export function useTabItems(tab: ResourceTab, kind?: string): ResourceItem[] {
  const { entityRef } = useEditor();
  const api = useApi(aiGatewayApiRef);
  const query = useQuery({
    queryKey: aiGatewayQueryKeys.tab(entityRef ?? '', tab),
    queryFn: () => api.getTab(entityRef!, tab),
    enabled: !!entityRef,
  });
  const items = query.data?.items ?? [];
  return kind ? items.filter(i => i.kind === kind) : items;
}
