import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ApproveAccessRequestBody,
  CreateAccessRequestBody,
  DenyAccessRequestBody,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AccessContext } from './context';
import { GrantOps } from './grantOps';
import { RequestOps } from './requests';
import { AccessService } from './types';
import { AccessViews, EffectiveAccessEvaluator } from './views';

/** {@link AccessService}: requests and decisions, grants and keys, views (see the parts it delegates to). */
export class DefaultAccessService implements AccessService {
  readonly requests: RequestOps;
  readonly grantOps: GrantOps;
  readonly views: AccessViews;

  constructor(ctx: AccessContext, evaluator?: EffectiveAccessEvaluator) {
    this.requests = new RequestOps(ctx);
    this.grantOps = new GrantOps(ctx);
    this.views = new AccessViews(ctx, evaluator);
  }

  createRequest(body: CreateAccessRequestBody, c: BackstageCredentials) {
    return this.requests.createRequest(body, c);
  }
  approve(id: string, body: ApproveAccessRequestBody, c: BackstageCredentials) {
    return this.requests.approve(id, body, c);
  }
  deny(id: string, body: DenyAccessRequestBody, c: BackstageCredentials) {
    return this.requests.deny(id, body, c);
  }
  cancel(id: string, c: BackstageCredentials) {
    return this.requests.cancel(id, c);
  }
  getRequest(id: string, c: BackstageCredentials) {
    return this.requests.getRequest(id, c);
  }
  inbox(c: BackstageCredentials) {
    return this.requests.inbox(c);
  }
  getGrant(id: string, c: BackstageCredentials) {
    return this.grantOps.getGrant(id, c);
  }
  claimKey(grantId: string, c: BackstageCredentials) {
    return this.grantOps.claimKey(grantId, c);
  }
  rotate(grantId: string, c: BackstageCredentials) {
    return this.grantOps.rotate(grantId, c);
  }
  revoke(grantId: string, c: BackstageCredentials) {
    return this.grantOps.revoke(grantId, c);
  }
  reapply(grantId: string, c: BackstageCredentials) {
    return this.grantOps.reapply(grantId, c);
  }
  apiView(apiRef: string, c: BackstageCredentials) {
    return this.views.apiView(apiRef, c);
  }
  consumerView(consumerRef: string, c: BackstageCredentials) {
    return this.views.consumerView(consumerRef, c);
  }
  effective(apiRef: string, consumerRef: string, c: BackstageCredentials) {
    return this.views.effective(apiRef, consumerRef, c);
  }
  listApis(c: BackstageCredentials, filter?: { type?: string; text?: string }) {
    return this.views.listApis(c, filter);
  }
}
