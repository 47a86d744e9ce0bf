import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AccessGrant,
  AccessRequest,
  ApiAccessView,
  ApproveAccessRequestBody,
  ApproveAccessRequestResponse,
  ConsumerAccessView,
  CreateAccessRequestBody,
  CreateAccessRequestResponse,
  DenyAccessRequestBody,
  EffectiveAccess,
  IssuedKey,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * Self-service access (`/access/*` of the backend, paths in `ACCESS_PATHS` of -common; the request and answer
 * types are the REST contract's generated models, see `openapi.yaml`). Methods reject with an
 * `AiGatewayApiError` carrying the backend's error name and message (e.g. the field that is wrong).
 * The browser names catalog entities and ids only.
 */
export interface AiGatewayAccessApi {
  /** What the API offers, what the caller may do, and (for its owners) requests and grants. */
  getApiAccess(apiRef: string): Promise<ApiAccessView>;
  /** The consumer's grants and open requests. */
  getConsumerAccess(consumerRef: string): Promise<ConsumerAccessView>;
  getGrant(grantId: string): Promise<AccessGrant>;
  /** Pending requests the caller may decide. */
  getInbox(): Promise<AccessRequest[]>;
  /** Per model / tool: whether the consumer's key can really call it, after every authorization rule. */
  getEffectiveAccess(
    apiRef: string,
    consumerRef: string,
  ): Promise<EffectiveAccess>;
  /** A new request; `grant` is set when it was auto-approved (claim its key at once). */
  createRequest(
    body: CreateAccessRequestBody,
  ): Promise<CreateAccessRequestResponse>;
  /** Approves as asked, or narrowed (a subset of what was asked). */
  approveRequest(
    id: string,
    body: ApproveAccessRequestBody,
  ): Promise<ApproveAccessRequestResponse>;
  denyRequest(id: string, body: DenyAccessRequestBody): Promise<AccessRequest>;
  cancelRequest(id: string): Promise<AccessRequest>;
  /** The requester claims the key of an approved grant: once (409 afterwards). */
  claimKey(grantId: string): Promise<IssuedKey>;
  /** A new key; the previous one works until `previousKeyExpiresAt` of the grant. */
  rotateKey(grantId: string): Promise<IssuedKey>;
  revokeGrant(grantId: string): Promise<AccessGrant>;
  /** Re-applies a drifted grant's objects. */
  reapplyGrant(grantId: string): Promise<AccessGrant>;
}

export const aiGatewayAccessApiRef = createApiRef<AiGatewayAccessApi>({
  id: 'plugin.ai-gateway.access',
});
