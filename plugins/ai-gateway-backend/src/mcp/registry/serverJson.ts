import {
  DiscoveredApi,
  McpServerDefinition,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** A `ServerResponse` of the MCP Registry API (mcp-registry-openapi.yaml, components.schemas.ServerResponse). */
export interface RegistryServerResponse {
  server: {
    $schema: string;
    name: string;
    title?: string;
    description: string;
    version: string;
    remotes: Array<{
      type: 'streamable-http' | 'sse';
      url: string;
      headers?: Array<{
        name: string;
        description?: string;
        isRequired?: boolean;
        isSecret?: boolean;
        value?: string;
        variables?: Record<
          string,
          { description?: string; isRequired?: boolean; isSecret?: boolean }
        >;
      }>;
    }>;
    _meta?: Record<string, unknown>;
  };
  _meta: Record<string, unknown>;
}

/** The server.json schema the entries follow (`$schema`, as the registry's examples give it). */
export const SERVER_SCHEMA_URL =
  'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';
/** `_meta` key of what this registry adds (the catalog entity, the discovery state). */
export const META_KEY = 'io.backstage.ai-gateway/discovery';
const OFFICIAL_META_KEY = 'io.modelcontextprotocol.registry/official';

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** Registry name `<namespace>/<API entity name>`, inside the spec's pattern and length. */
export function registryName(namespace: string, api: DiscoveredApi): string {
  const local = api.name
    .replace(/[^a-zA-Z0-9._-]/g, '-')
    .slice(0, 200 - namespace.length - 1);
  return `${namespace}/${local}`;
}

/** The server version: the MCP server's own (serverInfo.version) when it reported one, else 1.0.0. */
export function registryVersion(def: McpServerDefinition): string {
  const v = def.discovery.serverInfo?.version?.trim();
  return v && v !== 'latest' && v.length <= 255 ? v : '1.0.0';
}

/** When the entry last changed: the last discovery (success or failure). */
export function updatedAt(def: McpServerDefinition, fallback: string): string {
  const times = [def.discovery.discoveredAt, def.discovery.error?.at].filter(
    (t): t is string => !!t,
  );
  return times.sort().pop() ?? fallback;
}

/**
 * One discovered MCP API as a registry entry: `remotes` give the gateway's Streamable HTTP (or SSE) URL and the
 * header the attached auth policy expects; the credential is a secret variable the client asks the user for.
 */
export function toServerResponse(
  namespace: string,
  api: DiscoveredApi,
  generatedAt: string,
): RegistryServerResponse {
  const def = api.definition as McpServerDefinition;
  const auth = api.auth;
  const headers: RegistryServerResponse['server']['remotes'][number]['headers'] =
    [];
  if (auth.kind !== 'none' && auth.header) {
    const credential = auth.kind === 'jwt' ? 'token' : 'api_key';
    const description =
      auth.kind === 'jwt'
        ? 'A JWT the gateway accepts'
        : `Your ${auth.kind} credential for this MCP server`;
    headers.push({
      name: auth.header,
      description,
      isRequired: auth.mode !== 'Optional' && auth.mode !== 'Permissive',
      isSecret: true,
      ...(auth.scheme
        ? {
            value: `${auth.scheme}{${credential}}`,
            variables: {
              [credential]: { description, isRequired: true, isSecret: true },
            },
          }
        : {}),
    });
  }
  const at = updatedAt(def, generatedAt);
  return {
    server: {
      $schema: SERVER_SCHEMA_URL,
      name: registryName(namespace, api),
      title: clip(api.title || api.name, 100),
      description: clip(
        api.description || `MCP server ${api.title || api.name}`,
        100,
      ),
      version: registryVersion(def),
      remotes: [
        {
          type: def.transport === 'sse' ? 'sse' : 'streamable-http',
          url: def.url || api.url,
          ...(headers.length ? { headers } : {}),
        },
      ],
    },
    _meta: {
      [OFFICIAL_META_KEY]: {
        status: 'active',
        publishedAt: at,
        updatedAt: at,
        isLatest: true,
      },
      [META_KEY]: {
        entityRef: `api:default/${api.name}`,
        owner: api.ownership.owner,
        source: api.source,
        discoveryStatus: def.discovery.status,
        discoveredAt: def.discovery.discoveredAt,
        discoveryError: def.discovery.error,
        tools: def.discovery.tools.length,
        prompts: def.discovery.prompts.length,
        resources: def.discovery.resources.length,
      },
    },
  };
}
