import express from 'express';
import Router from 'express-promise-router';
import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DiscoveredApi,
  DiscoverySnapshot,
  McpServerDefinition,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  RegistryServerResponse,
  toServerResponse,
  updatedAt,
} from './serverJson';

/** Where the registry's entries come from: the discovery snapshot (src/discovery), its `mcp-server` APIs. */
export interface McpRegistrySource {
  snapshot(): Promise<DiscoverySnapshot>;
}

export interface McpRegistryRouterOptions {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  /** reverse-DNS namespace of server names (aiGateway.mcp.registry.namespace) */
  namespace: string;
  /** the snapshot source; until one is connected the registry lists nothing */
  source: () => McpRegistrySource | undefined;
}

const DEFAULT_LIMIT = 30;
const MAX_LIMIT = 100;

interface Entry {
  api: DiscoveredApi;
  response: RegistryServerResponse;
  updatedAt: string;
}

function badRequest(res: express.Response, message: string) {
  return res.status(400).json({ error: message });
}

/** The entity whose read permission decides visibility: the owning entity, else the API entity itself. */
const guardRef = (api: DiscoveredApi) =>
  api.ownership.entityRef ?? `api:default/${api.name}`;

/**
 * The MCP Registry API (generic registry, mcp-registry-openapi.yaml) over the discovered MCP servers, read-only:
 * `GET {v0,v0.1}/servers`, `.../servers/{serverName}/versions`, `.../servers/{serverName}/versions/{version|latest}`.
 * Every answer holds only servers whose owning catalog entity the caller may read (the catalog decides, with the
 * caller's credentials). Mounted at `/mcp-registry`.
 */
export function createMcpRegistryRouter(
  options: McpRegistryRouterOptions,
): express.Router {
  const router = Router();

  async function visibleEntries(
    credentials: BackstageCredentials,
  ): Promise<Entry[]> {
    const source = options.source();
    if (!source) return [];
    const snapshot = await source.snapshot();
    const apis = snapshot.apis.filter(
      a => a.type === 'mcp-server' && /^https?:\/\/\S+$/.test(a.url),
    );
    const refs = [...new Set(apis.map(guardRef))];
    const visible = new Set<string>();
    if (refs.length) {
      const { items } = await options.catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: ['kind', 'metadata.name'] },
        { credentials },
      );
      items.forEach((item, i) => item && visible.add(refs[i]));
    }
    return apis
      .filter(a => visible.has(guardRef(a)))
      .map(api => ({
        api,
        response: toServerResponse(
          options.namespace,
          api,
          snapshot.generatedAt,
        ),
        updatedAt: updatedAt(
          api.definition as McpServerDefinition,
          snapshot.generatedAt,
        ),
      }))
      .sort((a, b) =>
        a.response.server.name.localeCompare(b.response.server.name),
      );
  }

  const credentialsOf = (req: express.Request) =>
    options.httpAuth.credentials(req, { allow: ['user', 'service'] });

  for (const prefix of ['/v0.1', '/v0']) {
    router.get(`${prefix}/servers`, async (req, res) => {
      const {
        cursor,
        limit,
        search,
        updated_since: since,
        version,
      } = req.query;
      for (const [field, value] of Object.entries({
        cursor,
        limit,
        search,
        updated_since: since,
        version,
      })) {
        if (value !== undefined && typeof value !== 'string')
          return badRequest(
            res,
            `query parameter '${field}' must be a single string`,
          );
      }
      const n = limit === undefined ? DEFAULT_LIMIT : Number(limit);
      if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
        return badRequest(
          res,
          `query parameter 'limit' must be an integer from 1 to ${MAX_LIMIT}`,
        );
      }
      let after = '';
      if (cursor) {
        after = Buffer.from(String(cursor), 'base64url').toString('utf8');
        if (!after.includes('/'))
          return badRequest(
            res,
            `query parameter 'cursor' is not a cursor this registry issued`,
          );
      }
      const sinceMs = since ? Date.parse(String(since)) : undefined;
      if (sinceMs !== undefined && Number.isNaN(sinceMs)) {
        return badRequest(
          res,
          `query parameter 'updated_since' must be an RFC 3339 date-time`,
        );
      }
      const entries = (await visibleEntries(await credentialsOf(req)))
        .filter(
          e =>
            !search ||
            e.response.server.name
              .toLowerCase()
              .includes(String(search).toLowerCase()),
        )
        .filter(e => sinceMs === undefined || Date.parse(e.updatedAt) > sinceMs)
        .filter(
          e =>
            !version ||
            version === 'latest' ||
            e.response.server.version === version,
        )
        .filter(e => e.response.server.name > after);
      const page = entries.slice(0, n);
      const more = entries.length > n;
      return res.json({
        servers: page.map(e => e.response),
        metadata: {
          count: page.length,
          ...(more
            ? {
                nextCursor: Buffer.from(
                  page[page.length - 1].response.server.name,
                ).toString('base64url'),
              }
            : {}),
        },
      });
    });

    router.get(`${prefix}/servers/:serverName/versions`, async (req, res) => {
      const entry = (await visibleEntries(await credentialsOf(req))).find(
        e => e.response.server.name === req.params.serverName,
      );
      if (!entry) return res.status(404).json({ error: 'Server not found' });
      return res.json({ servers: [entry.response], metadata: { count: 1 } });
    });

    router.get(
      `${prefix}/servers/:serverName/versions/:version`,
      async (req, res) => {
        const entry = (await visibleEntries(await credentialsOf(req))).find(
          e => e.response.server.name === req.params.serverName,
        );
        if (!entry) return res.status(404).json({ error: 'Server not found' });
        const { version } = req.params;
        if (version !== 'latest' && version !== entry.response.server.version) {
          return res.status(404).json({ error: 'Server version not found' });
        }
        return res.json(entry.response);
      },
    );
  }
  return router;
}
