import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AI_GATEWAY_API_ANNOTATIONS as A,
  backendType,
  isDiscoveryEntity,
  McpTool,
  McpToolPage,
  routeBackendRefs,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../cache/ResourceCaches';
import { isDiscoverable } from './context';
import { McpDiscoverySource } from './types';

export type { McpToolPage };

export interface ToolPageQuery {
  cursor?: string;
  limit?: number;
  q?: string;
}

export const DEFAULT_TOOLS_LIMIT = 100;
export const MAX_TOOLS_LIMIT = 500;

const SOURCE = /^HTTPRoute:([a-z0-9.-]+)\/([a-z0-9.-]+)$/;
const AI_KINDS = new Set(['ai', 'mcp', 'a2a']);

/** The cursor is the offset of the next tool, opaque to clients. */
function decodeCursor(cursor: string): number {
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(n) || n < 0)
    throw new InputError(
      `query parameter 'cursor' is not a cursor this endpoint issued`,
    );
  return n;
}

const encodeCursor = (offset: number) =>
  Buffer.from(String(offset)).toString('base64url');

/** One page of `tools` (pure): filtered by `q` (name, title, description; case-insensitive), in list order. */
export function pageTools(
  tools: McpTool[],
  query: ToolPageQuery,
): Pick<McpToolPage, 'total' | 'matched' | 'items' | 'nextCursor'> {
  const limit = query.limit ?? DEFAULT_TOOLS_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TOOLS_LIMIT)
    throw new InputError(
      `query parameter 'limit' must be an integer from 1 to ${MAX_TOOLS_LIMIT}`,
    );
  const start = query.cursor ? decodeCursor(query.cursor) : 0;
  const q = query.q?.trim().toLocaleLowerCase('en-US');
  const matching = q
    ? tools.filter(t =>
        [t.name, t.title, t.description].some(
          v =>
            typeof v === 'string' && v.toLocaleLowerCase('en-US').includes(q),
        ),
      )
    : tools;
  const end = start + limit;
  return {
    total: tools.length,
    matched: matching.length,
    items: matching.slice(start, end),
    ...(end < matching.length ? { nextCursor: encodeCursor(end) } : {}),
  };
}

/**
 * The AgentgatewayBackend an HTTPRoute's API describes, by the rule `routeApi` uses: the first existing,
 * discoverable backend of the route whose type is ai, mcp or a2a.
 */
export function primaryBackend(
  reader: Pick<ResourceReader, 'get'>,
  cluster: string,
  route: { metadata: { namespace?: string }; spec?: unknown },
) {
  for (const ref of routeBackendRefs(route as never)) {
    if (ref.kind !== 'AgentgatewayBackend') continue;
    const b = reader.get(
      cluster,
      'AgentgatewayBackend',
      ref.namespace,
      ref.name,
    );
    if (b && isDiscoverable(b) && AI_KINDS.has(backendType(b))) return b;
  }
  return undefined;
}

/**
 * `GET /discovery/apis/{namespace}/{name}/tools`: the stored tools of an `mcp-server` API entity, paged. The
 * caller must be able to read the API entity in the catalog (with their own credentials); else 404.
 */
export class ApiToolsService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      reader: Pick<ResourceReader, 'get'>;
      mcp?: Pick<McpDiscoverySource, 'getServer'>;
    },
  ) {}

  async page(
    ref: { namespace: string; name: string },
    query: ToolPageQuery,
    credentials: BackstageCredentials,
  ): Promise<McpToolPage> {
    const apiRef = `api:${ref.namespace}/${ref.name}`;
    const entity = await this.options.catalog.getEntityByRef(apiRef, {
      credentials,
    });
    const ann = entity?.metadata.annotations ?? {};
    if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'api')
      throw new NotFoundError(`API ${apiRef} not found`);
    const source = SOURCE.exec(ann[A.source] ?? '');
    const cluster = ann[A.cluster];
    // only entities the catalog module emitted (a hand-written entity cannot point at another team's route)
    if (
      !isDiscoveryEntity(entity) ||
      entity.spec?.type !== 'mcp-server' ||
      !source ||
      !cluster
    )
      throw new NotFoundError(
        `${apiRef} is not an mcp-server API served by the AI gateway`,
      );
    const route = this.options.reader.get(
      cluster,
      'HTTPRoute',
      source[1],
      source[2],
    );
    const backend =
      route && primaryBackend(this.options.reader, cluster, route);
    if (!backend || backendType(backend) !== 'mcp')
      throw new NotFoundError(
        `${apiRef}: the route ${source[1]}/${source[2]} no longer serves an MCP backend`,
      );
    const stored = this.options.mcp?.getServer(
      cluster,
      backend.metadata.namespace ?? '',
      backend.metadata.name,
    );
    return {
      status: stored?.status ?? 'pending',
      ...(stored?.discoveredAt ? { discoveredAt: stored.discoveredAt } : {}),
      ...(stored?.error ? { error: stored.error } : {}),
      ...pageTools(stored?.tools ?? [], query),
    };
  }
}
