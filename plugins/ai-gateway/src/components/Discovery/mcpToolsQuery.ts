import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useQuery } from '@tanstack/react-query';
import {
  discoveryToolsPath,
  type McpToolPage,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayQueryKeys } from '../../query/keys';

/** The API entity whose stored tools are read: `api:<namespace>/<name>`. */
export interface McpToolsSource {
  namespace: string;
  name: string;
}

export interface McpToolsPageRequest {
  q: string;
  limit: number;
  /** the previous page's `nextCursor` ('' for the first page) */
  cursor: string;
  /** false while the cursor of the page is not known yet */
  enabled: boolean;
  /** shown until the first answer (the first page from the entity's definition) */
  placeholder?: McpToolPage;
}

/**
 * One page of an `mcp-server` API's stored tools from the backend (`GET /discovery/apis/{ns}/{name}/tools`): every
 * tool the last discovery found, also when the catalog entity holds only part of them. The previous page stays
 * shown while the next one loads.
 */
export function useMcpToolsPage(
  source: McpToolsSource,
  request: McpToolsPageRequest,
) {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const { q, limit, cursor } = request;
  const apiRef = `api:${source.namespace}/${source.name}`;
  return useQuery<McpToolPage>({
    queryKey: aiGatewayQueryKeys.discoveryTools(apiRef, q, limit, cursor),
    enabled: request.enabled,
    // the previous page (or search) stays shown while the next loads; the first page starts from the entity's list
    placeholderData: (previous: McpToolPage | undefined) =>
      previous ?? request.placeholder,
    queryFn: async ({ signal }): Promise<McpToolPage> => {
      const base = await discoveryApi.getBaseUrl('ai-gateway');
      const params = new URLSearchParams({ limit: String(limit) });
      if (cursor) params.set('cursor', cursor);
      if (q) params.set('q', q);
      const res = await fetchApi.fetch(
        `${base}${discoveryToolsPath(source.namespace, source.name)}?${params}`,
        { signal },
      );
      if (!res.ok) throw await ResponseError.fromResponse(res);
      return (await res.json()) as McpToolPage;
    },
  });
}
