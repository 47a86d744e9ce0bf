import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AccessGrant,
  AccessRequest,
  AccessScope,
  ApproveAccessRequestBody,
  CreateAccessRequestBody,
  DenyAccessRequestBody,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResolvedApi } from './apis';
import { requireUser, userOf } from './checks';
import {
  AUTO_APPROVER,
  AccessContext,
  assertMaySee,
  liveTarget,
  requestOr404,
} from './context';
import { entityLink } from './events';
import { parseApiRef, parseConsumerRef } from './refs';
import {
  validateExpiry,
  validateNarrowing,
  validateReason,
  validateScope,
} from './validate';

const scopeText = (s: AccessScope) =>
  [
    s.models?.length ? `models ${s.models.join(', ')}` : '',
    s.tools?.length ? `tools ${s.tools.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ') || 'the API';

/** Requests and decisions: create (maybe auto-approved), approve / narrow, deny, cancel, read, inbox. */
export class RequestOps {
  constructor(private readonly ctx: AccessContext) {}

  async createRequest(
    body: CreateAccessRequestBody,
    c: BackstageCredentials,
  ): Promise<{ request: AccessRequest; grant?: AccessGrant }> {
    const { ctx } = this;
    const apiRef = parseApiRef(body?.apiRef);
    const consumerRef = parseConsumerRef(body?.consumerRef);
    return ctx.audit.run('request', c, { apiRef, consumerRef }, async add => {
      const user = requireUser(c, 'an access request');
      const reason = validateReason(body.reason);
      const consumer = await ctx.catalog.getEntityByRef(consumerRef, {
        credentials: c,
      });
      if (!consumer)
        throw new NotFoundError(`consumerRef: ${consumerRef} not found`);
      await ctx.checks.mayRequest(c, consumerRef);
      const api = await ctx.apis.resolve(apiRef, c);
      const scope = validateScope(api, body);
      const expiresAt = validateExpiry(body.expiresAt, ctx.config);
      const request = await ctx.store.createRequest({
        apiRef,
        consumerRef,
        requestedBy: user,
        scope,
        reason,
        expiresAt,
      });
      add({ requestId: request.id });
      if (!api.autoApprove) {
        await ctx.notify.send(
          api.owner,
          `Access request for ${
            api.entity.metadata.title ?? api.entity.metadata.name
          }`,
          `${user} asks access to ${scopeText(
            scope,
          )} for ${consumerRef}: ${reason}`,
          entityLink(apiRef),
          user,
        );
        return { request };
      }
      const out = await this.grant(api, request, scope, expiresAt, {
        by: AUTO_APPROVER,
        autoApproved: true,
      });
      add({ grantId: out.grant.id });
      return out;
    });
  }

  async approve(
    id: string,
    body: ApproveAccessRequestBody,
    c: BackstageCredentials,
  ): Promise<{ request: AccessRequest; grant: AccessGrant }> {
    const { ctx } = this;
    return ctx.audit.run('approve', c, { requestId: id }, async add => {
      const user = requireUser(c, 'an approval');
      const request = await requestOr404(ctx, id);
      add({ apiRef: request.apiRef, consumerRef: request.consumerRef });
      await ctx.checks.mayApprove(c, request.apiRef);
      if (request.requestedBy === user && !ctx.config.allowSelfApproval)
        throw new NotAllowedError(
          'Not allowed: approving your own request (aiGateway.access.allowSelfApproval is false)',
        );
      if (request.state !== 'pending')
        throw new ConflictError(`access request ${id} is ${request.state}`);
      const api = await ctx.apis.resolve(request.apiRef, c);
      const scope = validateScope(api, {
        models: body.models ?? request.scope.models,
        tools: body.tools ?? request.scope.tools,
        limits: body.limits ?? request.scope.limits,
      });
      validateNarrowing(request.scope, scope);
      const expiresAt = this.approvedExpiry(request, body.expiresAt);
      const out = await this.grant(api, request, scope, expiresAt, {
        by: user,
        note: body.note,
      });
      add({ grantId: out.grant.id });
      await ctx.notify.send(
        request.requestedBy,
        `Access approved: ${request.apiRef}`,
        `${user} approved ${scopeText(scope)} for ${request.consumerRef}${
          body.note ? `: ${body.note}` : ''
        }. Claim the key on the consumer's AI access tab.`,
        entityLink(request.consumerRef),
      );
      return out;
    });
  }

  private approvedExpiry(request: AccessRequest, asked?: string): string {
    const expiresAt = validateExpiry(
      asked ?? request.expiresAt,
      this.ctx.config,
    );
    if (Date.parse(expiresAt) > Date.parse(request.expiresAt))
      throw new InputError(
        `expiresAt: may not be later than the requested ${request.expiresAt}`,
      );
    return expiresAt;
  }

  /**
   * `pending → approved` and the grant in the store (one winner across replicas), then the grant's objects through
   * the one writer; if writing fails, the approval is undone (the request is pending again) and the error answered.
   */
  private async grant(
    api: ResolvedApi,
    request: AccessRequest,
    scope: AccessScope,
    expiresAt: string,
    how: { by: string; note?: string; autoApproved?: boolean },
  ): Promise<{ request: AccessRequest; grant: AccessGrant }> {
    const { ctx } = this;
    const target = liveTarget(api);
    const approved = await ctx.store.approve(request.id, {
      ...how,
      scope,
      expiresAt,
    });
    try {
      const written = await ctx.grants.materialize({
        grantId: approved.grant.id,
        consumerRef: request.consumerRef,
        scope,
        target,
        actor: how.by,
      });
      const grant = await ctx.store.recordObjects(
        approved.grant.id,
        written.objects,
        how.by,
        written.unenforcedLimits ?? null,
      );
      return { request: approved.request, grant };
    } catch (e: unknown) {
      await ctx.store
        .undoApproval(request.id, how.by, `objects not written: ${e}`)
        .catch((u: unknown) =>
          ctx.logger.error(
            `ai-gateway access: could not undo the approval of ${request.id}: ${u}`,
          ),
        );
      throw e;
    }
  }

  async deny(
    id: string,
    body: DenyAccessRequestBody,
    c: BackstageCredentials,
  ): Promise<AccessRequest> {
    const { ctx } = this;
    return ctx.audit.run('deny', c, { requestId: id }, async add => {
      const user = requireUser(c, 'a denial');
      const request = await requestOr404(ctx, id);
      add({ apiRef: request.apiRef, consumerRef: request.consumerRef });
      await ctx.checks.mayApprove(c, request.apiRef);
      const denied = await ctx.store.decide(id, 'denied', user, body.note);
      await ctx.notify.send(
        request.requestedBy,
        `Access denied: ${request.apiRef}`,
        `${user} denied access for ${request.consumerRef}${
          body.note ? `: ${body.note}` : ''
        }`,
        entityLink(request.consumerRef),
      );
      return denied;
    });
  }

  async cancel(id: string, c: BackstageCredentials): Promise<AccessRequest> {
    const { ctx } = this;
    return ctx.audit.run('cancel', c, { requestId: id }, async add => {
      const user = requireUser(c, 'cancelling a request');
      const request = await requestOr404(ctx, id);
      add({ apiRef: request.apiRef, consumerRef: request.consumerRef });
      if (
        request.requestedBy !== user &&
        !(await ctx.checks.can(c, 'request', request.consumerRef))
      )
        throw new NotAllowedError(
          `Not allowed: only the requester or the owners of ${request.consumerRef} cancel this request`,
        );
      return ctx.store.decide(id, 'cancelled', user);
    });
  }

  async getRequest(
    id: string,
    c: BackstageCredentials,
  ): Promise<AccessRequest> {
    const request = await requestOr404(this.ctx, id);
    await assertMaySee(this.ctx, c, request, `access request ${id}`);
    return request;
  }

  /** Pending requests on APIs the caller may approve (one batch permission check), oldest first. */
  async inbox(c: BackstageCredentials): Promise<AccessRequest[]> {
    if (!userOf(c)) requireUser(c, 'the inbox');
    const pending = await this.ctx.store.listRequests({ state: 'pending' });
    const mine = await this.ctx.checks.which(
      c,
      'approve',
      pending.map(r => r.apiRef),
    );
    const user = userOf(c);
    return pending
      .filter(r => mine.has(r.apiRef))
      .filter(r => this.ctx.config.allowSelfApproval || r.requestedBy !== user)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}
