import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  AccessGrant,
  AccessRequest,
  IssuedKey,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { GrantTarget } from '../grants/types';
import { ResolvedApi } from './apis';
import { mergeObjects, recordedTarget } from './grantTargets';
import { requireUser } from './checks';
import {
  AccessContext,
  assertMaySee,
  grantOr404,
  liveTarget,
  requestOr404,
} from './context';
import { entityLink } from './events';

const HOUR_MS = 60 * 60 * 1000;
const LIVE = ['awaiting-key', 'active'];

/** The grant's key entries that should exist in its Secret (the current key and one in its grace period). */
export function keyIdsOf(grant: Pick<AccessGrant, 'keyId' | 'previousKeyId'>) {
  return [grant.keyId, grant.previousKeyId].filter((k): k is string => !!k);
}

/** Claim, rotate, revoke, re-apply, read. */
export class GrantOps {
  constructor(private readonly ctx: AccessContext) {}

  async getGrant(id: string, c: BackstageCredentials): Promise<AccessGrant> {
    const grant = await grantOr404(this.ctx, id);
    const request = await requestOr404(this.ctx, grant.requestId);
    await assertMaySee(this.ctx, c, request, `access grant ${id}`);
    return grant;
  }

  /** The key of an approved grant, once, to its requester (then 409: rotate instead). */
  async claimKey(grantId: string, c: BackstageCredentials): Promise<IssuedKey> {
    const { ctx } = this;
    return ctx.audit.run('claim', c, { grantId }, async add => {
      const user = requireUser(c, 'claiming a key');
      const grant = await grantOr404(ctx, grantId);
      const request = await requestOr404(ctx, grant.requestId);
      add({ apiRef: grant.apiRef, consumerRef: grant.consumerRef });
      if (request.requestedBy !== user)
        throw new NotAllowedError(
          `Not allowed: only the requester (${request.requestedBy}) claims the key of grant ${grantId}`,
        );
      if (grant.state !== 'awaiting-key' || grant.keyId)
        throw new ConflictError(
          grant.state === 'active'
            ? `the key of grant ${grantId} was already claimed; rotate it for a new one`
            : `grant ${grantId} is ${grant.state}`,
        );
      const api = await ctx.apis.resolve(grant.apiRef, c);
      const target = liveTarget(api);
      const issued = await ctx.grants.issueKey({
        grantId,
        consumerRef: grant.consumerRef,
        target,
        rotate: false,
        actor: user,
      });
      add({ keyId: issued.keyId, keyPrefix: issued.keyPrefix });
      try {
        await ctx.store.issueKey(grantId, {
          keyId: issued.keyId,
          keyPrefix: issued.keyPrefix,
          by: user,
        });
      } catch (e: unknown) {
        // another claim won meanwhile: take back this entry unless it is the winner's
        const now = await ctx.store.getGrant(grantId);
        if (now?.keyId !== issued.keyId)
          await ctx.grants
            .removeKeyEntry({
              grantId,
              target,
              keyId: issued.keyId,
              actor: user,
            })
            .catch(() => undefined);
        throw e;
      }
      await this.addObject(grant, issued.secret, user);
      return this.issuedKey(api, grantId, issued);
    });
  }

  /** A new key (shown once); the old one keeps working for `rotationGraceHours`. */
  async rotate(grantId: string, c: BackstageCredentials): Promise<IssuedKey> {
    const { ctx } = this;
    return ctx.audit.run('rotate', c, { grantId }, async add => {
      const user = requireUser(c, 'rotating a key');
      const grant = await grantOr404(ctx, grantId);
      const request = await requestOr404(ctx, grant.requestId);
      add({ apiRef: grant.apiRef, consumerRef: grant.consumerRef });
      if (
        request.requestedBy !== user &&
        !(await ctx.checks.can(c, 'request', grant.consumerRef))
      )
        throw new NotAllowedError(
          `Not allowed: only the requester or the owners of ${grant.consumerRef} rotate its key`,
        );
      if (grant.state !== 'active' || !grant.keyId)
        throw new ConflictError(
          `grant ${grantId} is ${grant.state}${
            grant.state === 'awaiting-key' ? '; claim its key first' : ''
          }`,
        );
      const api = await ctx.apis.resolve(grant.apiRef, c);
      const target = liveTarget(api);
      const issued = await ctx.grants.issueKey({
        grantId,
        consumerRef: grant.consumerRef,
        target,
        rotate: true,
        actor: user,
      });
      add({ keyId: issued.keyId, keyPrefix: issued.keyPrefix });
      const { droppedKeyId } = await ctx.store.rotateKey(grantId, {
        keyId: issued.keyId,
        keyPrefix: issued.keyPrefix,
        by: user,
        expectedKeyId: grant.keyId,
        previousKeyExpiresAt: new Date(
          Date.now() + ctx.config.rotationGraceHours * HOUR_MS,
        ).toISOString(),
      });
      if (droppedKeyId)
        await ctx.grants.removeKeyEntry({
          grantId,
          target,
          keyId: droppedKeyId,
          actor: user,
        });
      await this.addObject(grant, issued.secret, user);
      return this.issuedKey(api, grantId, issued);
    });
  }

  /** By the requester, the consumer's owners, `access.revoke` on the API, or a platform admin: objects removed. */
  async revoke(grantId: string, c: BackstageCredentials): Promise<AccessGrant> {
    const { ctx } = this;
    return ctx.audit.run('revoke', c, { grantId }, async add => {
      const user = requireUser(c, 'revoking a grant');
      const grant = await grantOr404(ctx, grantId);
      const request = await requestOr404(ctx, grant.requestId);
      add({ apiRef: grant.apiRef, consumerRef: grant.consumerRef });
      if (!(await this.mayRevoke(c, user, grant, request)))
        throw new NotAllowedError(
          `Not allowed: ai-gateway.access.revoke on ${grant.apiRef}`,
        );
      if (!LIVE.includes(grant.state))
        throw new ConflictError(`grant ${grantId} is ${grant.state}`);
      const revoked = await this.removeAndRecord(grant, user, 'revoke', c);
      if (request.requestedBy !== user)
        await ctx.notify.send(
          request.requestedBy,
          `Access revoked: ${grant.apiRef}`,
          `${user} revoked the access of ${grant.consumerRef} to ${grant.apiRef}.`,
          entityLink(grant.consumerRef),
        );
      return revoked;
    });
  }

  private async mayRevoke(
    c: BackstageCredentials,
    user: string,
    grant: AccessGrant,
    request: AccessRequest,
  ): Promise<boolean> {
    if (request.requestedBy === user) return true;
    const [consumer, revoke] = await Promise.all([
      this.ctx.checks.can(c, 'request', grant.consumerRef),
      this.ctx.checks.can(c, 'revoke', grant.apiRef),
    ]);
    return consumer || revoke || this.ctx.checks.isPlatformAdmin(c);
  }

  /**
   * Removes the grant's objects, then records the end (`revoked`, or `expired` for the scheduler). The route may be
   * gone: the objects are then found from what the grant recorded.
   */
  async removeAndRecord(
    grant: AccessGrant,
    actor: string,
    reason: 'revoke' | 'expire' | 'api-gone',
    c: BackstageCredentials,
  ): Promise<AccessGrant> {
    const target = await this.targetOf(grant, c);
    if (target)
      await this.ctx.grants.remove({
        grantId: grant.id,
        target,
        actor,
        reason,
      });
    return reason === 'expire'
      ? this.ctx.store.expire(grant.id, actor)
      : this.ctx.store.revoke(
          grant.id,
          actor,
          reason === 'api-gone' ? 'the API is gone' : undefined,
        );
  }

  /** The grant's route from the API, else (API gone) from the objects it recorded; undefined when it has none. */
  async targetOf(
    grant: AccessGrant,
    c: BackstageCredentials,
  ): Promise<GrantTarget | undefined> {
    let api: ResolvedApi | undefined;
    try {
      api = await this.ctx.apis.resolve(grant.apiRef, c);
    } catch (e: unknown) {
      if ((e as Error)?.name !== 'NotFoundError') throw e;
    }
    return api?.live ? api.live.target : recordedTarget(grant, api?.type);
  }

  /** Re-applies a drifted grant's objects (API approvers and platform admins). */
  async reapply(
    grantId: string,
    c: BackstageCredentials,
  ): Promise<AccessGrant> {
    const { ctx } = this;
    return ctx.audit.run('reapply', c, { grantId }, async add => {
      const user = requireUser(c, 'reapplying a grant');
      const grant = await grantOr404(ctx, grantId);
      add({ apiRef: grant.apiRef, consumerRef: grant.consumerRef });
      if (
        !(await ctx.checks.can(c, 'approve', grant.apiRef)) &&
        !(await ctx.checks.isPlatformAdmin(c))
      )
        throw new NotAllowedError(
          `Not allowed: ai-gateway.access.approve on ${grant.apiRef}`,
        );
      if (!LIVE.includes(grant.state))
        throw new ConflictError(`grant ${grantId} is ${grant.state}`);
      const target = liveTarget(await ctx.apis.resolve(grant.apiRef, c));
      const written = await ctx.grants.reapply({
        grantId,
        consumerRef: grant.consumerRef,
        scope: grant.scope,
        keyIds: keyIdsOf(grant),
        target,
        actor: user,
      });
      const objects = mergeObjects(grant.objects, written.objects);
      await ctx.store.recordObjects(
        grantId,
        objects,
        user,
        written.unenforcedLimits ?? null,
      );
      return ctx.store.clearDrift(grantId, user);
    });
  }

  private async addObject(
    grant: AccessGrant,
    object: AccessGrant['objects'][number],
    by: string,
  ) {
    await this.ctx.store.recordObjects(
      grant.id,
      mergeObjects(grant.objects, [object]),
      by,
      grant.unenforcedLimits ?? null,
    );
  }

  private issuedKey(
    api: ResolvedApi,
    grantId: string,
    issued: Pick<IssuedKey, 'key' | 'keyPrefix'>,
  ): IssuedKey {
    return {
      grantId,
      key: issued.key,
      keyPrefix: issued.keyPrefix,
      header: api.connect.header,
      scheme: api.connect.scheme,
      baseUrl: api.connect.baseUrl,
    };
  }
}
