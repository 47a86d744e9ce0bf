import type { ResourceTab } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { ResourceRow } from '../../api/AiGatewayApi';
import { useEntityTabs } from '../../query/tabs';
import { useEditor } from './EditorContext';

/** Rows of one of the entity's tabs (the same cached `GET {ref}/tabs` query the tabs use), for pickers in the forms. */
export function useTabItems(tab: ResourceTab, kind?: string): ResourceRow[] {
  const { entityRef } = useEditor();
  const query = useEntityTabs(entityRef);
  const items = query.data?.tabs[tab] ?? [];
  return kind ? items.filter(i => i.kind === kind) : items;
}
