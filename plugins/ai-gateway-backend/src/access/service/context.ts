import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AccessGrant,
  AccessRequest,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AccessStore } from '../store';
import { GrantObjectsApi, GrantTarget } from '../grants/types';
import { ApiResolver, ResolvedApi } from './apis';
import { AccessChecks, userOf } from './checks';
import { AccessAudit, AccessNotifier } from './events';
import { AccessConfig } from './types';

/** The actor the scheduler's steps are recorded under. */
export const SCHEDULER_ACTOR = 'ai-gateway-scheduler';
/** The approver recorded for auto-approved requests. */
export const AUTO_APPROVER = 'ai-gateway-auto-approve';

/** What every part of the access service shares. */
export interface AccessContext {
  config: AccessConfig;
  store: AccessStore;
  grants: GrantObjectsApi;
  apis: ApiResolver;
  checks: AccessChecks;
  audit: AccessAudit;
  notify: AccessNotifier;
  catalog: CatalogService;
  logger: LoggerService;
}

export async function requestOr404(
  ctx: AccessContext,
  id: string,
): Promise<AccessRequest> {
  const r = await ctx.store.getRequest(id);
  if (!r) throw new NotFoundError(`access request ${id} not found`);
  return r;
}

export async function grantOr404(
  ctx: AccessContext,
  id: string,
): Promise<AccessGrant> {
  const g = await ctx.store.getGrant(id);
  if (!g) throw new NotFoundError(`access grant ${id} not found`);
  return g;
}

/**
 * Who may see a request or grant: its requester, the consumer's owners, those who may decide on or revoke access to
 * the API, platform admins. 403 for everyone else.
 */
export async function assertMaySee(
  ctx: AccessContext,
  c: BackstageCredentials,
  item: { apiRef: string; consumerRef: string; requestedBy?: string },
  what: string,
): Promise<void> {
  const user = userOf(c);
  if (user && item.requestedBy === user) return;
  if (user) {
    const [consumer, approve, revoke] = await Promise.all([
      ctx.checks.can(c, 'request', item.consumerRef),
      ctx.checks.can(c, 'approve', item.apiRef),
      ctx.checks.can(c, 'revoke', item.apiRef),
    ]);
    if (consumer || approve || revoke) return;
    if (await ctx.checks.isPlatformAdmin(c)) return;
  }
  throw new NotAllowedError(
    `Not allowed: ${what} belongs to ${item.consumerRef} and ${item.apiRef}`,
  );
}

/** The API of a stored request / grant, as the caller sees it in the catalog (404 when it cannot). */
export function resolveApi(
  ctx: AccessContext,
  apiRef: string,
  c: BackstageCredentials,
): Promise<ResolvedApi> {
  return ctx.apis.resolve(apiRef, c);
}

/** The route of a live API, or 409 when the API is not served any more. */
export function liveTarget(api: ResolvedApi): GrantTarget {
  if (!api.live)
    throw new ConflictError(
      `${api.apiRef} is not served by the gateway any more (${api.source} is gone)`,
    );
  return api.live.target;
}
