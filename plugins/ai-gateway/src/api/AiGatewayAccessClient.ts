import {
  ACCESS_PATHS,
  type AiGatewayApiOperations as Ops,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { AiGatewayAccessApi } from './AiGatewayAccessApi';
import { AiGatewayClient } from './AiGatewayClient';

/** The JSON answer of an operation of the REST contract (its 200, else its 201). */
type Answer<K extends keyof Ops> = Ops[K]['responses'] extends {
  200: { content: { 'application/json': infer T } };
}
  ? T
  : Ops[K]['responses'] extends {
      201: { content: { 'application/json': infer T } };
    }
  ? T
  : never;

/** The JSON body an operation of the REST contract accepts. */
type BodyOf<K extends keyof Ops> = NonNullable<
  Ops[K]['requestBody']
>['content']['application/json'];

/** `ACCESS_PATHS` start with `/`; the client's paths are relative to the plugin's base URL. */
const rel = (path: string) => path.replace(/^\//, '');

/**
 * The plugin's client with the self-service access calls (same discovery, fetch and error handling). Each call
 * names its operation of the REST contract (`operationId` in `openapi.yaml`), so its body and answer are the
 * generated models of that operation.
 */
export class AiGatewayAccessClient
  extends AiGatewayClient
  implements AiGatewayAccessApi
{
  getApiAccess(apiRef: string) {
    return this.get<Answer<'getApiAccess'>>(rel(ACCESS_PATHS.api(apiRef)));
  }

  getConsumerAccess(consumerRef: string) {
    return this.get<Answer<'getConsumerAccess'>>(
      rel(ACCESS_PATHS.consumer(consumerRef)),
    );
  }

  getGrant(grantId: string) {
    return this.get<Answer<'getAccessGrant'>>(rel(ACCESS_PATHS.grant(grantId)));
  }

  getInbox() {
    return this.get<Answer<'getAccessInbox'>>(rel(ACCESS_PATHS.inbox));
  }

  getEffectiveAccess(apiRef: string, consumerRef: string) {
    const query = new URLSearchParams({ apiRef, consumerRef });
    return this.get<Answer<'getEffectiveAccess'>>(
      `${rel(ACCESS_PATHS.effective)}?${query}`,
    );
  }

  createRequest(body: BodyOf<'createAccessRequest'>) {
    return this.send<Answer<'createAccessRequest'>>(
      'POST',
      rel(ACCESS_PATHS.requests),
      body,
    );
  }

  approveRequest(id: string, body: BodyOf<'approveAccessRequest'>) {
    return this.send<Answer<'approveAccessRequest'>>(
      'POST',
      rel(ACCESS_PATHS.approve(id)),
      body,
    );
  }

  denyRequest(id: string, body: BodyOf<'denyAccessRequest'>) {
    return this.send<Answer<'denyAccessRequest'>>(
      'POST',
      rel(ACCESS_PATHS.deny(id)),
      body,
    );
  }

  cancelRequest(id: string) {
    return this.send<Answer<'cancelAccessRequest'>>(
      'POST',
      rel(ACCESS_PATHS.cancel(id)),
    );
  }

  claimKey(grantId: string) {
    return this.send<Answer<'claimAccessKey'>>(
      'POST',
      rel(ACCESS_PATHS.claimKey(grantId)),
    );
  }

  rotateKey(grantId: string) {
    return this.send<Answer<'rotateAccessKey'>>(
      'POST',
      rel(ACCESS_PATHS.rotate(grantId)),
    );
  }

  revokeGrant(grantId: string) {
    return this.send<Answer<'revokeAccessGrant'>>(
      'POST',
      rel(ACCESS_PATHS.revoke(grantId)),
    );
  }

  reapplyGrant(grantId: string) {
    return this.send<Answer<'reapplyAccessGrant'>>(
      'POST',
      rel(ACCESS_PATHS.reapply(grantId)),
    );
  }
}
