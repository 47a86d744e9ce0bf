import type { BackstageCredentials } from '@backstage/backend-plugin-api';
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
 * Self-service access (issue 9): requests, decisions, grants and keys. The REST router, the actions registry
 * actions, the scaffolder actions and the demo seeding all call this; every method checks the caller's
 * permissions itself and throws `InputError` (400, naming the field), `NotAllowedError` (403), `NotFoundError`
 * (404) or `ConflictError` (409) from `@backstage/errors`.
 */
export interface AccessService {
  createRequest(
    body: CreateAccessRequestBody,
    c: BackstageCredentials,
  ): Promise<CreateAccessRequestResponse>;
  approve(
    id: string,
    body: ApproveAccessRequestBody,
    c: BackstageCredentials,
  ): Promise<ApproveAccessRequestResponse>;
  deny(
    id: string,
    body: DenyAccessRequestBody,
    c: BackstageCredentials,
  ): Promise<AccessRequest>;
  cancel(id: string, c: BackstageCredentials): Promise<AccessRequest>;
  getRequest(id: string, c: BackstageCredentials): Promise<AccessRequest>;
  inbox(c: BackstageCredentials): Promise<AccessRequest[]>;
  getGrant(id: string, c: BackstageCredentials): Promise<AccessGrant>;
  claimKey(grantId: string, c: BackstageCredentials): Promise<IssuedKey>;
  rotate(grantId: string, c: BackstageCredentials): Promise<IssuedKey>;
  revoke(grantId: string, c: BackstageCredentials): Promise<AccessGrant>;
  reapply(grantId: string, c: BackstageCredentials): Promise<AccessGrant>;
  apiView(apiRef: string, c: BackstageCredentials): Promise<ApiAccessView>;
  consumerView(
    consumerRef: string,
    c: BackstageCredentials,
  ): Promise<ConsumerAccessView>;
  effective(
    apiRef: string,
    consumerRef: string,
    c: BackstageCredentials,
  ): Promise<EffectiveAccess>;
  /** the AI APIs the caller can see (for actions): from the catalog, type llm / mcp-server / a2a */
  listApis(
    c: BackstageCredentials,
    filter?: { type?: string; text?: string },
  ): Promise<ListedApi[]>;
}

export interface ListedApi {
  apiRef: string;
  type: string;
  title?: string;
  description?: string;
  offers: ApiAccessView['offers'];
}

/** `aiGateway.access` */
export interface AccessConfig {
  enabled: boolean;
  defaultExpiryDays: number;
  maxExpiryDays: number;
  rotationGraceHours: number;
  allowSelfApproval: boolean;
  /** Kubernetes namespaces whose APIs are approved without an owner's decision */
  autoApproveNamespaces: string[];
  /** how often the lifecycle task runs (expiry, rotated keys, APIs gone, drift) */
  lifecycleFrequencySeconds: number;
}
