import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError, NotImplementedError } from '@backstage/errors';
import {
  AccessGrant,
  AccessRequest,
  ApiAccessView,
  ConsumerAccessView,
  EffectiveAccess,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { userOf } from './checks';
import { AccessContext } from './context';
import { ListedApi } from './types';

/** Evaluates every authorization rule of an API for a consumer (the **cel** helper's evaluator, wired in index.ts). */
export type EffectiveAccessEvaluator = (input: {
  apiRef: string;
  consumerRef: string;
  api: Awaited<ReturnType<AccessContext['apis']['resolve']>>;
  grants: AccessGrant[];
}) => Promise<EffectiveAccess>;

/** What the UI and agents read: an API's access page, a consumer's AI access, the AI API list, effective access. */
export class AccessViews {
  constructor(
    private readonly ctx: AccessContext,
    private readonly evaluator?: EffectiveAccessEvaluator,
  ) {}

  /** Offers for everyone who can see the API; its requests and grants for those who decide on it. */
  async apiView(
    apiRef: string,
    c: BackstageCredentials,
  ): Promise<ApiAccessView> {
    const { ctx } = this;
    const api = await ctx.apis.resolve(apiRef, c);
    const user = userOf(c);
    const [approve, revoke, admin] = await Promise.all([
      ctx.checks.can(c, 'approve', apiRef),
      ctx.checks.can(c, 'revoke', apiRef),
      ctx.checks.isPlatformAdmin(c),
    ]);
    const all = approve || revoke || admin;
    let requests: AccessRequest[] = [];
    let grants: AccessGrant[] = [];
    if (all) {
      [requests, grants] = await Promise.all([
        ctx.store.listRequests({ apiRef }),
        ctx.store.listGrants({ apiRef }),
      ]);
    } else if (user) {
      requests = await ctx.store.listRequests({ apiRef, requestedBy: user });
      const ids = new Set(requests.map(r => r.id));
      grants = (await ctx.store.listGrants({ apiRef })).filter(g =>
        ids.has(g.requestId),
      );
    }
    return {
      apiRef,
      apiType: api.type,
      offers: api.offers,
      autoApprove: api.autoApprove,
      can: { request: !!user && !!api.live, approve, revoke: revoke || admin },
      requests,
      grants,
    };
  }

  /** All of a consumer's requests and grants for its owners and platform admins; else those the caller decides on. */
  async consumerView(
    consumerRef: string,
    c: BackstageCredentials,
  ): Promise<ConsumerAccessView> {
    const { ctx } = this;
    const entity = await ctx.catalog.getEntityByRef(consumerRef, {
      credentials: c,
    });
    if (!entity) throw new NotFoundError(`consumer ${consumerRef} not found`);
    const [requests, grants] = await Promise.all([
      ctx.store.listRequests({ consumerRef }),
      ctx.store.listGrants({ consumerRef }),
    ]);
    const user = userOf(c);
    if (
      (await ctx.checks.can(c, 'request', consumerRef)) ||
      (await ctx.checks.isPlatformAdmin(c))
    )
      return { consumerRef, requests, grants };
    const apis = await ctx.checks.which(c, 'approve', [
      ...requests.map(r => r.apiRef),
      ...grants.map(g => g.apiRef),
    ]);
    const mine = new Set(
      requests.filter(r => r.requestedBy === user).map(r => r.id),
    );
    return {
      consumerRef,
      requests: requests.filter(r => apis.has(r.apiRef) || mine.has(r.id)),
      grants: grants.filter(g => apis.has(g.apiRef) || mine.has(g.requestId)),
    };
  }

  async listApis(
    c: BackstageCredentials,
    filter?: { type?: string; text?: string },
  ): Promise<ListedApi[]> {
    const entities = await this.ctx.apis.list(c);
    const text = filter?.text?.toLocaleLowerCase('en-US');
    const out: ListedApi[] = [];
    for (const entity of entities) {
      if (filter?.type && entity.spec?.type !== filter.type) continue;
      const api = await this.ctx.apis.fromEntity(entity);
      const listed: ListedApi = {
        apiRef: api.apiRef,
        type: api.type,
        title: entity.metadata.title,
        description: entity.metadata.description,
        offers: api.offers,
      };
      if (
        text &&
        ![
          listed.apiRef,
          listed.title ?? '',
          listed.description ?? '',
          ...api.offers.models,
          ...api.offers.tools,
        ].some(s => s.toLocaleLowerCase('en-US').includes(text))
      )
        continue;
      out.push(listed);
    }
    return out;
  }

  /** Which offered models / tools the consumer's key(s) can really call, after every authorization rule. */
  async effective(
    apiRef: string,
    consumerRef: string,
    c: BackstageCredentials,
  ): Promise<EffectiveAccess> {
    const { ctx } = this;
    const api = await ctx.apis.resolve(apiRef, c);
    const view = await this.consumerView(consumerRef, c);
    const grants = view.grants.filter(
      g =>
        g.apiRef === apiRef &&
        (g.state === 'active' || g.state === 'awaiting-key'),
    );
    if (!this.evaluator)
      throw new NotImplementedError(
        'effective access: the CEL evaluator is not available in this build',
      );
    return this.evaluator({ apiRef, consumerRef, api, grants });
  }
}
