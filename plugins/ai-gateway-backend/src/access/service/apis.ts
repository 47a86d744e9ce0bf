import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AI_GATEWAY_API_ANNOTATIONS as A,
  ANNOTATION_AUTO_APPROVE,
  AiApiType,
  ApiAccessView,
  DiscoveredApi,
  DiscoverySnapshot,
  IssuedKey,
  LlmApiDefinition,
  McpDiscoveryResult,
  McpServerDefinition,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../../cache/ResourceCaches';
import { GrantObjectsApi, GrantTarget } from '../grants/types';

const AI_TYPES: AiApiType[] = ['llm', 'mcp-server', 'a2a'];

/** What the API offers (the `offers` of its access view). */
export type ApiOffers = ApiAccessView['offers'];

/** An API entity with what the gateway serves for it right now. */
export interface ResolvedApi {
  apiRef: string;
  entity: Entity;
  type: AiApiType;
  /** `spec.owner` of the API entity (notified of new requests) */
  owner?: string;
  cluster: string;
  /** `<Kind>:<namespace>/<name>` */
  source: string;
  /** undefined when the source object is gone from the cluster (or not discovered any more) */
  live?: { target: GrantTarget; discovered: DiscoveredApi };
  offers: ApiOffers;
  autoApprove: boolean;
  /** how a key is presented, and where (the connection fields of the issued key) */
  connect: Pick<IssuedKey, 'header' | 'scheme' | 'baseUrl'>;
}

/** What the resolver needs from discovery (src/discovery, src/mcp). */
export interface ApiSources {
  snapshot(): Promise<DiscoverySnapshot>;
  /** the full stored MCP discovery of one backend (the snapshot cuts long tool lists) */
  mcpServer?(
    cluster: string,
    namespace: string,
    backend: string,
  ): McpDiscoveryResult | undefined;
}

const SOURCE = /^([A-Za-z]+):([a-z0-9.-]+)\/([a-z0-9.-]+)$/;

/** Catalog API entity (with the caller's credentials) → its route, what it offers, how to connect. */
export class ApiResolver {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      sources: ApiSources;
      grants: GrantObjectsApi;
      reader: ResourceReader;
      autoApproveNamespaces: string[];
    },
  ) {}

  /** 404 when the caller cannot see the entity or it is not an AI API the gateway serves. */
  async resolve(
    apiRef: string,
    credentials: BackstageCredentials,
  ): Promise<ResolvedApi> {
    const entity = await this.options.catalog.getEntityByRef(apiRef, {
      credentials,
    });
    if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'api')
      throw new NotFoundError(`API ${apiRef} not found`);
    return this.fromEntity(entity);
  }

  /** The entity's route and offers; a gone route gives `live: undefined` and empty offers. */
  async fromEntity(entity: Entity): Promise<ResolvedApi> {
    const apiRef = stringifyEntityRef(entity);
    const type = String(entity.spec?.type ?? '') as AiApiType;
    const ann = entity.metadata.annotations ?? {};
    const cluster = ann[A.cluster];
    const source = ann[A.source];
    if (!AI_TYPES.includes(type) || !cluster || !source || !SOURCE.test(source))
      throw new NotFoundError(
        `${apiRef} is not an API served by the AI gateway (no ${A.source} annotation)`,
      );
    const connect = {
      header: ann[A.authHeader] || 'Authorization',
      scheme: ann[A.authScheme] ?? 'Bearer ',
      baseUrl: ann[A.baseUrl] ?? '',
    };
    const base = {
      apiRef,
      entity,
      type,
      owner:
        typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined,
      cluster,
      source,
      connect,
    };
    const live = await this.live(cluster, source);
    if (!live)
      return { ...base, offers: { models: [], tools: [] }, autoApprove: false };
    const [, kind, namespace, name] = SOURCE.exec(source)!;
    const object = this.options.reader.get(cluster, kind, namespace, name);
    const autoApprove =
      object?.metadata.annotations?.[ANNOTATION_AUTO_APPROVE] === 'true' ||
      this.options.autoApproveNamespaces.includes(namespace);
    const limits = live.target.localLimits;
    return {
      ...base,
      connect: {
        ...connect,
        baseUrl: connect.baseUrl || live.discovered.baseUrl,
      },
      live,
      offers: {
        ...this.offered(live.discovered, live.target),
        ...(limits.requestsPerMinute || limits.tokensPerMinute
          ? { limits }
          : {}),
      },
      autoApprove,
    };
  }

  private async live(
    cluster: string,
    source: string,
  ): Promise<ResolvedApi['live']> {
    const snapshot = await this.options.sources.snapshot();
    const discovered = snapshot.apis.find(
      a =>
        a.source.cluster === cluster &&
        `${a.source.kind}:${a.source.namespace}/${a.source.name}` === source,
    );
    if (!discovered) return undefined;
    try {
      return {
        discovered,
        target: await this.options.grants.target({ cluster, source }),
      };
    } catch (e: unknown) {
      if ((e as Error)?.name === 'NotFoundError') return undefined;
      throw e;
    }
  }

  private offered(api: DiscoveredApi, target: GrantTarget) {
    if (api.type === 'llm') {
      const def = api.definition as LlmApiDefinition;
      return { models: [...(def['x-ai-gateway']?.models ?? [])], tools: [] };
    }
    if (api.type === 'mcp-server') {
      const def = api.definition as McpServerDefinition;
      let tools = def.discovery.tools;
      if (def.truncated && this.options.sources.mcpServer) {
        tools = target.mcpBackends.flatMap(
          b =>
            this.options.sources.mcpServer!(target.cluster, target.namespace, b)
              ?.tools ?? [],
        );
      }
      return { models: [], tools: [...new Set(tools.map(t => t.name))] };
    }
    return { models: [], tools: [] };
  }

  /** Every AI API entity the caller can see in the catalog. */
  async list(credentials: BackstageCredentials): Promise<Entity[]> {
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: 'API', 'spec.type': AI_TYPES } },
      { credentials },
    );
    return items.filter(e => !!e.metadata.annotations?.[A.source]);
  }
}
