import type {
  AccessGrant,
  AccessRequest,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { Knex } from 'knex';
import { StoreContext } from './context';
import {
  GRANTS,
  GrantRow,
  LIVE_GRANT_STATES,
  REQUESTS,
  RequestRow,
  toGrant,
  toRequest,
} from './rows';
import type { GrantFilter, RequestFilter } from './types';
import { asArray, chunks, isoTime } from './util';

/** Rows matching the filter's API / consumer / state lists (any of each), newest first (the id breaks ties). */
function newestFirst<Q extends Knex.QueryBuilder>(
  table: Q,
  filter: {
    apiRef?: string | string[];
    consumerRef?: string | string[];
    state?: string | string[];
  },
): Q {
  const query = table.select('*').orderBy([
    { column: 'created_at', order: 'desc' },
    { column: 'id', order: 'desc' },
  ]) as Q;
  const apiRefs = asArray(filter.apiRef);
  const consumerRefs = asArray(filter.consumerRef);
  const states = asArray(filter.state);
  if (apiRefs) query.whereIn('api_ref', apiRefs);
  if (consumerRefs) query.whereIn('consumer_ref', consumerRefs);
  if (states) query.whereIn('state', states);
  return query;
}

export async function getRequest(
  ctx: StoreContext,
  id: string,
): Promise<AccessRequest | undefined> {
  const row = await ctx.knex<RequestRow>(REQUESTS).where({ id }).first();
  return row ? toRequest(row) : undefined;
}

export async function listRequests(
  ctx: StoreContext,
  filter: RequestFilter,
): Promise<AccessRequest[]> {
  const query = newestFirst(ctx.knex<RequestRow>(REQUESTS), filter);
  if (filter.requestedBy !== undefined)
    query.where('requested_by', filter.requestedBy);
  return (await query).map(toRequest);
}

export async function pendingRequestsFor(
  ctx: StoreContext,
  apiRefs: string[],
): Promise<AccessRequest[]> {
  const rows: RequestRow[] = [];
  for (const part of chunks([...new Set(apiRefs)], 500)) {
    rows.push(
      ...(await ctx
        .knex<RequestRow>(REQUESTS)
        .select('*')
        .where('state', 'pending')
        .whereIn('api_ref', part)),
    );
  }
  rows.sort(
    (a, b) =>
      a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id),
  );
  return rows.map(toRequest);
}

export async function getGrant(
  ctx: StoreContext,
  id: string,
): Promise<AccessGrant | undefined> {
  const row = await ctx.knex<GrantRow>(GRANTS).where({ id }).first();
  return row ? toGrant(row) : undefined;
}

export async function getGrantByRequest(
  ctx: StoreContext,
  requestId: string,
): Promise<AccessGrant | undefined> {
  const row = await ctx
    .knex<GrantRow>(GRANTS)
    .where({ request_id: requestId })
    .first();
  return row ? toGrant(row) : undefined;
}

export async function listGrants(
  ctx: StoreContext,
  filter: GrantFilter,
): Promise<AccessGrant[]> {
  return (await newestFirst(ctx.knex<GrantRow>(GRANTS), filter)).map(toGrant);
}

export async function grantsDueToExpire(
  ctx: StoreContext,
  now?: Date,
): Promise<AccessGrant[]> {
  const at = now ? isoTime(now, 'now') : ctx.now();
  const rows = await ctx
    .knex<GrantRow>(GRANTS)
    .select('*')
    .whereIn('state', LIVE_GRANT_STATES)
    .where('expires_at', '<=', at)
    .orderBy([{ column: 'expires_at' }, { column: 'id' }]);
  return rows.map(toGrant);
}

export async function grantsWithPreviousKeyPastGrace(
  ctx: StoreContext,
  now?: Date,
): Promise<AccessGrant[]> {
  const at = now ? isoTime(now, 'now') : ctx.now();
  const rows = await ctx
    .knex<GrantRow>(GRANTS)
    .select('*')
    .whereNotNull('previous_key_id')
    .where('previous_key_expires_at', '<=', at)
    .orderBy([{ column: 'previous_key_expires_at' }, { column: 'id' }]);
  return rows.map(toGrant);
}
