import { AuthService } from '@backstage/backend-plugin-api';
import { AccessGrant } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AccessContext, SCHEDULER_ACTOR } from './context';
import { entityLink } from './events';
import { GrantOps, keyIdsOf } from './grantOps';

const refs = (g: AccessGrant) => ({
  grantId: g.id,
  apiRef: g.apiRef,
  consumerRef: g.consumerRef,
});

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long before a grant expires its requester is told. */
export const EXPIRY_NOTICE_DAYS = 7;

/** What one run did (for logs and tests). */
export interface LifecycleRun {
  expired: string[];
  keysRemoved: string[];
  closedRequests: string[];
  revokedGrants: string[];
  drifted: string[];
  errors: string[];
}

/**
 * The scheduled lifecycle of access (one run at a time across replicas: `scope: 'global'`): expire grants, remove
 * rotated keys after their grace, close requests / revoke grants of APIs that are gone, record drift.
 */
export class AccessLifecycle {
  constructor(
    private readonly ctx: AccessContext,
    private readonly ops: GrantOps,
    private readonly auth: AuthService,
    /** false while the caches / discovery snapshot are incomplete: nothing is judged gone then */
    private readonly complete: () => Promise<boolean>,
  ) {}

  async run(now = new Date()): Promise<LifecycleRun> {
    const out: LifecycleRun = {
      expired: [],
      keysRemoved: [],
      closedRequests: [],
      revokedGrants: [],
      drifted: [],
      errors: [],
    };
    const c = await this.auth.getOwnServiceCredentials();
    const attempt = async (what: string, fn: () => Promise<void>) => {
      try {
        await fn();
      } catch (e: unknown) {
        out.errors.push(`${what}: ${e}`);
        this.ctx.logger.warn(`ai-gateway access lifecycle: ${what}: ${e}`);
      }
    };
    const { ctx } = this;
    for (const g of await ctx.store.grantsDueToExpire(now)) {
      await attempt(`expire ${g.id}`, () =>
        ctx.audit.run('expire', undefined, refs(g), async () => {
          await this.ops.removeAndRecord(g, SCHEDULER_ACTOR, 'expire', c);
          out.expired.push(g.id);
          await this.tellRequester(
            g,
            `Access expired: ${g.apiRef}`,
            `The access of ${g.consumerRef} to ${g.apiRef} expired.`,
          );
        }),
      );
    }
    for (const g of await ctx.store.grantsWithPreviousKeyPastGrace(now)) {
      await attempt(`remove previous key of ${g.id}`, () =>
        this.removePreviousKey(g, c, out),
      );
    }
    if (await this.complete()) await this.closeGone(c, out, attempt);
    const live = await ctx.store.listGrants({
      state: ['awaiting-key', 'active'],
    });
    for (const g of live) {
      await attempt(`drift of ${g.id}`, () => this.checkDrift(g, c, out));
      await attempt(`expiry notice of ${g.id}`, () => this.noticeSoon(g, now));
    }
    return out;
  }

  private async removePreviousKey(
    g: AccessGrant,
    c: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>>,
    out: LifecycleRun,
  ) {
    if (!g.previousKeyId) return;
    const target = await this.ops.targetOf(g, c);
    if (target && (g.state === 'active' || g.state === 'awaiting-key'))
      await this.ctx.grants.removeKeyEntry({
        grantId: g.id,
        target,
        keyId: g.previousKeyId,
        actor: SCHEDULER_ACTOR,
      });
    await this.ctx.store.clearPreviousKey(
      g.id,
      g.previousKeyId,
      SCHEDULER_ACTOR,
    );
    out.keysRemoved.push(`${g.id}/${g.previousKeyId}`);
  }

  /** APIs with open requests or live grants whose route is gone: close, revoke, tell the requesters. */
  private async closeGone(
    c: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>>,
    out: LifecycleRun,
    attempt: (what: string, fn: () => Promise<void>) => Promise<void>,
  ) {
    const { ctx } = this;
    const [pending, live] = await Promise.all([
      ctx.store.listRequests({ state: 'pending' }),
      ctx.store.listGrants({ state: ['awaiting-key', 'active'] }),
    ]);
    const apiRefs = new Set([...pending, ...live].map(x => x.apiRef));
    for (const apiRef of apiRefs) {
      if (!(await this.gone(apiRef, c))) continue;
      const open = await ctx.store.openForApi(apiRef);
      for (const r of open.pendingRequests)
        await attempt(`close ${r.id}`, () =>
          ctx.audit.run(
            'close',
            undefined,
            { requestId: r.id, apiRef, consumerRef: r.consumerRef },
            async () => {
              await ctx.store.decide(
                r.id,
                'closed',
                SCHEDULER_ACTOR,
                'the API is gone',
              );
              out.closedRequests.push(r.id);
              await ctx.notify.send(
                r.requestedBy,
                `Access request closed: ${apiRef}`,
                `${apiRef} is not served by the gateway any more; your request for ${r.consumerRef} was closed.`,
                entityLink(r.consumerRef),
              );
            },
          ),
        );
      for (const g of open.grants)
        await attempt(`revoke ${g.id}`, () =>
          ctx.audit.run('revoke', undefined, refs(g), async () => {
            await this.ops.removeAndRecord(g, SCHEDULER_ACTOR, 'api-gone', c);
            out.revokedGrants.push(g.id);
            await this.tellRequester(
              g,
              `Access revoked: ${apiRef} is gone`,
              `${apiRef} is not served by the gateway any more; the access of ${g.consumerRef} was revoked.`,
            );
          }),
        );
    }
  }

  private async gone(
    apiRef: string,
    c: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>>,
  ): Promise<boolean> {
    try {
      return !(await this.ctx.apis.resolve(apiRef, c)).live;
    } catch (e: unknown) {
      if ((e as Error)?.name === 'NotFoundError') return true;
      throw e;
    }
  }

  private async checkDrift(
    g: AccessGrant,
    c: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>>,
    out: LifecycleRun,
  ) {
    let api;
    try {
      api = await this.ctx.apis.resolve(g.apiRef, c);
    } catch (e: unknown) {
      if ((e as Error)?.name === 'NotFoundError') return;
      throw e;
    }
    if (!api.live) return;
    const drift = this.ctx.grants.drift(
      {
        grantId: g.id,
        consumerRef: g.consumerRef,
        scope: g.scope,
        keyIds: keyIdsOf(g),
      },
      api.live.target,
    );
    if (drift) {
      await this.ctx.audit.run('drift', undefined, refs(g), () =>
        this.ctx.store.recordDrift(g.id, drift, SCHEDULER_ACTOR),
      );
      out.drifted.push(g.id);
    } else if (g.drift) {
      await this.ctx.store.clearDrift(g.id, SCHEDULER_ACTOR);
    }
  }

  /**
   * "Expires soon", once: when the grant crossed {@link EXPIRY_NOTICE_DAYS} before its expiry since the previous run
   * (one run per period across replicas, so no state is needed).
   */
  private async noticeSoon(g: AccessGrant, now: Date) {
    const at = Date.parse(g.expiresAt) - EXPIRY_NOTICE_DAYS * DAY_MS;
    const period = this.ctx.config.lifecycleFrequencySeconds * 1000;
    if (at > now.getTime() || at <= now.getTime() - period) return;
    await this.tellRequester(
      g,
      `Access expires soon: ${g.apiRef}`,
      `The access of ${g.consumerRef} to ${g.apiRef} expires at ${g.expiresAt}; request it again to keep it.`,
    );
  }

  private async tellRequester(g: AccessGrant, title: string, text: string) {
    const request = await this.ctx.store.getRequest(g.requestId);
    await this.ctx.notify.send(
      request?.requestedBy,
      title,
      text,
      entityLink(g.consumerRef),
    );
  }
}
