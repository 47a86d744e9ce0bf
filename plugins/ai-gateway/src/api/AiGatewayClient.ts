import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type {
  MetricsWindow,
  TopologyResponse,
  UsageResponse,
  ProblemsResponse,
  CreateResourceRequest,
  CreateResourceResponse,
  KubeObject,
  ResourceItem,
  ResourceTab,
  SecretInput,
  TabResponse,
  ValidateResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type {
  AiGatewayApi,
  EntityTabsResponse,
  PlatformOverviewResponse,
  ReadOptions,
  WithWarnings,
} from './AiGatewayApi';
import { AiGatewayApiError } from './errors';

const seg = (s: string) => encodeURIComponent(s);

function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return ['entity', kind, namespace, name].map(seg).join('/');
}

/** Talks to the `ai-gateway` backend plugin through Backstage discovery and the authenticated fetch. */
export class AiGatewayClient implements AiGatewayApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getTab(entityRef: string, tab: ResourceTab): Promise<TabResponse> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const path = ['entity', kind, namespace, name, 'tabs', tab]
      .map(encodeURIComponent)
      .join('/');
    return this.get<TabResponse>(path);
  }

  async getTabs(
    entityRef: string,
    options?: ReadOptions,
  ): Promise<EntityTabsResponse> {
    return this.get<EntityTabsResponse>(
      `${entityPath(entityRef)}/tabs`,
      options,
    );
  }

  async getResource(
    entityRef: string,
    kind: string,
    name: string,
    options?: ReadOptions,
  ): Promise<{ item: ResourceItem }> {
    return this.get<{ item: ResourceItem }>(
      `${entityPath(entityRef)}/resources/${seg(kind)}/${seg(name)}`,
      options,
    );
  }

  async getTopology(
    window: MetricsWindow,
    entityRef?: string,
    options?: ReadOptions,
  ): Promise<TopologyResponse> {
    return this.get<TopologyResponse>(
      `${this.scopePath(entityRef)}/topology?window=${encodeURIComponent(
        window,
      )}`,
      options,
    );
  }

  async getUsage(
    window: MetricsWindow,
    entityRef?: string,
  ): Promise<UsageResponse> {
    return this.get<UsageResponse>(
      `${this.scopePath(entityRef)}/usage?window=${encodeURIComponent(window)}`,
    );
  }

  /** `entity/{kind}/{namespace}/{name}` or `platform` */
  private scopePath(entityRef?: string): string {
    if (!entityRef) return 'platform';
    const { kind, namespace, name } = parseEntityRef(entityRef);
    return ['entity', kind, namespace, name].map(encodeURIComponent).join('/');
  }

  async getProblems(
    entityRef: string,
    options?: ReadOptions,
  ): Promise<ProblemsResponse> {
    return this.get<ProblemsResponse>(
      `${entityPath(entityRef)}/problems`,
      options,
    );
  }

  async getPlatformOverview(): Promise<PlatformOverviewResponse> {
    return this.get<PlatformOverviewResponse>('platform/overview');
  }

  async createResource(
    entityRef: string,
    request: CreateResourceRequest,
  ): Promise<WithWarnings<CreateResourceResponse>> {
    return this.send('POST', `${entityPath(entityRef)}/resources`, request);
  }

  async updateResource(
    entityRef: string,
    request: { object: KubeObject; secrets?: SecretInput[] },
  ): Promise<WithWarnings<{ item: ResourceItem }>> {
    const { object, secrets } = request;
    const path = `${entityPath(entityRef)}/resources/${seg(object.kind)}/${seg(
      object.metadata.name,
    )}`;
    return this.send('PUT', path, {
      object,
      ...(secrets?.length ? { secrets } : {}),
    });
  }

  async deleteResource(
    entityRef: string,
    kind: string,
    name: string,
    resourceVersion?: string,
  ): Promise<{ pending: boolean }> {
    const query = resourceVersion
      ? `?resourceVersion=${encodeURIComponent(resourceVersion)}`
      : '';
    return this.remove(
      `${entityPath(entityRef)}/resources/${seg(kind)}/${seg(name)}${query}`,
    );
  }

  async validateResource(
    entityRef: string,
    object: KubeObject,
  ): Promise<ValidateResponse> {
    return this.send<ValidateResponse>(
      'POST',
      `${entityPath(entityRef)}/validate`,
      { object },
    );
  }

  async getReferrers(
    entityRef: string,
    kind: string,
    name: string,
  ): Promise<{ items: ResourceItem[] }> {
    return this.get(
      `${entityPath(entityRef)}/resources/${seg(kind)}/${seg(name)}/referrers`,
    );
  }

  async listSecrets(entityRef: string): Promise<{ items: ResourceItem[] }> {
    return this.get(`${entityPath(entityRef)}/secrets`);
  }

  async putSecret(
    entityRef: string,
    secret: SecretInput,
  ): Promise<{ item: ResourceItem }> {
    const { name, ...body } = secret;
    return this.send(
      'PUT',
      `${entityPath(entityRef)}/secrets/${seg(name)}`,
      body,
    );
  }

  async patchSecret(
    entityRef: string,
    name: string,
    stringData: Record<string, string>,
  ): Promise<{ item: ResourceItem }> {
    return this.send('PATCH', `${entityPath(entityRef)}/secrets/${seg(name)}`, {
      stringData,
    });
  }

  async createPlatformResource(
    object: KubeObject,
  ): Promise<WithWarnings<{ item: ResourceItem }>> {
    return this.send('POST', 'platform/resources', { object });
  }

  async updatePlatformResource(
    object: KubeObject,
  ): Promise<WithWarnings<{ item: ResourceItem }>> {
    const { kind, metadata } = object;
    return this.send(
      'PUT',
      `platform/resources/${seg(kind)}/${seg(metadata.namespace ?? '')}/${seg(
        metadata.name,
      )}`,
      {
        object,
      },
    );
  }

  async deletePlatformResource(
    kind: string,
    namespace: string,
    name: string,
    resourceVersion?: string,
  ): Promise<{ pending: boolean }> {
    const query = resourceVersion
      ? `?resourceVersion=${encodeURIComponent(resourceVersion)}`
      : '';
    return this.remove(
      `platform/resources/${seg(kind)}/${seg(namespace)}/${seg(name)}${query}`,
    );
  }

  protected async get<T>(path: string, options?: ReadOptions): Promise<T> {
    return (await this.request<T>('GET', path, undefined, options?.signal))
      .body;
  }

  protected async send<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    return (await this.request<T>(method, path, body)).body;
  }

  private async remove(path: string): Promise<{ pending: boolean }> {
    const { status } = await this.request('DELETE', path);
    return { pending: status === 202 };
  }

  /** One call; a non-2xx answer rejects with an {@link AiGatewayApiError}. JSON bodies are parsed. */
  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<{ status: number; body: T }> {
    const baseUrl = await this.discoveryApi.getBaseUrl('ai-gateway');
    const response = await this.fetchApi.fetch(`${baseUrl}/${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
    if (!response.ok) {
      throw await AiGatewayApiError.fromResponse(response);
    }
    const text = response.status === 204 ? '' : await response.text();
    // the body is the contract's answer for this route (typed by the caller)
    return {
      status: response.status,
      body: text ? JSON.parse(text) : undefined,
    };
  }
}
