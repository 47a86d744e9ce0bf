import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ResourceTab, TabResponse } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { AiGatewayApi, PlatformOverviewResponse } from './AiGatewayApi';

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
    const path = ['entity', kind, namespace, name, 'tabs', tab].map(encodeURIComponent).join('/');
    return this.get<TabResponse>(path);
  }

  async getPlatformOverview(): Promise<PlatformOverviewResponse> {
    return this.get<PlatformOverviewResponse>('platform/overview');
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('ai-gateway');
    const response = await this.fetchApi.fetch(`${baseUrl}/${path}`, {
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
