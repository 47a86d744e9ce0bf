import {
  ACCESS_PATHS,
  type AccessGrant,
  type AccessRequest,
  type ApiAccessView,
  type ApproveAccessRequestBody,
  type ConsumerAccessView,
  type CreateAccessRequestBody,
  type DenyAccessRequestBody,
  type EffectiveAccess,
  type IssuedKey,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { AiGatewayAccessApi } from './AiGatewayAccessApi';
import { AiGatewayClient } from './AiGatewayClient';

/** `ACCESS_PATHS` start with `/`; the client's paths are relative to the plugin's base URL. */
const rel = (path: string) => path.replace(/^\//, '');

/** The inbox answers a list, bare or as `{ items }` / `{ requests }`. */
function listOf(body: unknown): AccessRequest[] {
  if (Array.isArray(body)) return body;
  if (typeof body === 'object' && body !== null) {
    const o: { items?: AccessRequest[]; requests?: AccessRequest[] } = body;
    return o.items ?? o.requests ?? [];
  }
  return [];
}

/** The plugin's client with the self-service access calls (same discovery, fetch and error handling). */
export class AiGatewayAccessClient
  extends AiGatewayClient
  implements AiGatewayAccessApi
{
  getApiAccess(apiRef: string): Promise<ApiAccessView> {
    return this.get(rel(ACCESS_PATHS.api(apiRef)));
  }

  getConsumerAccess(consumerRef: string): Promise<ConsumerAccessView> {
    return this.get(rel(ACCESS_PATHS.consumer(consumerRef)));
  }

  getGrant(grantId: string): Promise<AccessGrant> {
    return this.get(rel(ACCESS_PATHS.grant(grantId)));
  }

  async getInbox(): Promise<AccessRequest[]> {
    return listOf(await this.get<unknown>(rel(ACCESS_PATHS.inbox)));
  }

  getEffectiveAccess(
    apiRef: string,
    consumerRef: string,
  ): Promise<EffectiveAccess> {
    const query = new URLSearchParams({ apiRef, consumerRef });
    return this.get(`${rel(ACCESS_PATHS.effective)}?${query}`);
  }

  createRequest(
    body: CreateAccessRequestBody,
  ): Promise<{ request: AccessRequest; grant?: AccessGrant }> {
    return this.send('POST', rel(ACCESS_PATHS.requests), body);
  }

  approveRequest(
    id: string,
    body: ApproveAccessRequestBody,
  ): Promise<{ request: AccessRequest; grant: AccessGrant }> {
    return this.send('POST', rel(ACCESS_PATHS.approve(id)), body);
  }

  denyRequest(id: string, body: DenyAccessRequestBody): Promise<AccessRequest> {
    return this.send('POST', rel(ACCESS_PATHS.deny(id)), body);
  }

  cancelRequest(id: string): Promise<AccessRequest> {
    return this.send('POST', rel(ACCESS_PATHS.cancel(id)), {});
  }

  claimKey(grantId: string): Promise<IssuedKey> {
    return this.send('POST', rel(ACCESS_PATHS.claimKey(grantId)), {});
  }

  rotateKey(grantId: string): Promise<IssuedKey> {
    return this.send('POST', rel(ACCESS_PATHS.rotate(grantId)), {});
  }

  revokeGrant(grantId: string): Promise<AccessGrant> {
    return this.send('POST', rel(ACCESS_PATHS.revoke(grantId)), {});
  }

  reapplyGrant(grantId: string): Promise<AccessGrant> {
    return this.send('POST', rel(ACCESS_PATHS.reapply(grantId)), {});
  }
}
