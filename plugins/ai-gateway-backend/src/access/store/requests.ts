import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import type {
  AccessGrant,
  AccessRequest,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { notChanged, StoreContext } from './context';
import { PendingRequestExistsError } from './errors';
import { appendEvent } from './events';
import {
  GRANTS,
  GrantRow,
  REQUESTS,
  RequestRow,
  toGrant,
  toRequest,
} from './rows';
import type { Approval, NewAccessRequest } from './types';
import {
  assertNoKey,
  assertRef,
  isoTime,
  isUniqueViolation,
  newId,
} from './util';

export async function createRequest(
  ctx: StoreContext,
  input: NewAccessRequest,
): Promise<AccessRequest> {
  assertRef(input.apiRef, 'apiRef');
  assertRef(input.consumerRef, 'consumerRef');
  assertRef(input.requestedBy, 'requestedBy');
  assertNoKey(input.reason, 'reason');
  assertNoKey(input.scope, 'scope');
  const row: RequestRow = {
    id: newId(),
    api_ref: input.apiRef,
    consumer_ref: input.consumerRef,
    requested_by: input.requestedBy,
    scope: JSON.stringify(input.scope),
    reason: input.reason,
    expires_at: isoTime(input.expiresAt, 'expiresAt'),
    state: 'pending',
    created_at: ctx.now(),
    decided_by: null,
    decided_at: null,
    decision_note: null,
    auto_approved: false,
    grant_id: null,
  };
  try {
    await ctx.knex.transaction(async trx => {
      await trx<RequestRow>(REQUESTS).insert(row);
      await appendEvent(trx, {
        type: 'request-created',
        actor: row.requested_by,
        at: row.created_at,
        requestId: row.id,
        detail: {
          apiRef: row.api_ref,
          consumerRef: row.consumer_ref,
          scope: input.scope,
          expiresAt: row.expires_at,
        },
      });
    });
  } catch (error: unknown) {
    if (!isUniqueViolation(error)) throw error;
    const pending = await ctx
      .knex<RequestRow>(REQUESTS)
      .where({
        consumer_ref: row.consumer_ref,
        api_ref: row.api_ref,
        state: 'pending',
      })
      .first('id');
    if (pending)
      throw new PendingRequestExistsError(
        pending.id,
        row.consumer_ref,
        row.api_ref,
      );
    throw new ConflictError(
      `a request for ${row.consumer_ref} to ${row.api_ref} was decided meanwhile; try again`,
    );
  }
  return toRequest(row);
}

async function readRequest(db: Knex, id: string): Promise<AccessRequest> {
  const row = await db<RequestRow>(REQUESTS).where({ id }).first();
  if (!row) throw new NotFoundError(`access request ${id} not found`);
  return toRequest(row);
}

export async function approve(
  ctx: StoreContext,
  requestId: string,
  approval: Approval,
): Promise<{ request: AccessRequest; grant: AccessGrant }> {
  assertRef(approval.by, 'by');
  assertNoKey(approval.note ?? '', 'note');
  assertNoKey(approval.scope, 'scope');
  const expiresAt = isoTime(approval.expiresAt, 'expiresAt');
  const at = ctx.now();
  const grantId = newId();
  try {
    return await ctx.knex.transaction(async trx => {
      const changed = await trx<RequestRow>(REQUESTS)
        .where({ id: requestId, state: 'pending' })
        .update({
          state: 'approved',
          decided_by: approval.by,
          decided_at: at,
          decision_note: approval.note ?? null,
          auto_approved: approval.autoApproved === true,
          grant_id: grantId,
        });
      if (changed !== 1)
        throw await notChanged(
          trx,
          REQUESTS,
          'request',
          requestId,
          'only a pending request can be approved',
        );
      // whoever won the transition creates the grant (the unique request_id index guards it too)
      const request = await readRequest(trx, requestId);
      const grant: GrantRow = {
        id: grantId,
        request_id: requestId,
        api_ref: request.apiRef,
        consumer_ref: request.consumerRef,
        scope: JSON.stringify(approval.scope),
        state: 'awaiting-key',
        created_at: at,
        expires_at: expiresAt,
        approved_by: approval.by,
        key_id: null,
        key_prefix: null,
        key_issued_at: null,
        previous_key_id: null,
        previous_key_expires_at: null,
        revoked_by: null,
        revoked_at: null,
        objects: JSON.stringify(approval.objects ?? []),
        drift: null,
        unenforced_limits: approval.unenforcedLimits ?? null,
      };
      await trx<GrantRow>(GRANTS).insert(grant);
      await appendEvent(trx, {
        type: 'request-approved',
        actor: approval.by,
        at,
        requestId,
        grantId,
        detail: {
          autoApproved: approval.autoApproved === true,
          ...(approval.note && { note: approval.note }),
        },
      });
      await appendEvent(trx, {
        type: 'grant-created',
        actor: approval.by,
        at,
        requestId,
        grantId,
        detail: { scope: approval.scope, expiresAt },
      });
      return { request, grant: toGrant(grant) };
    });
  } catch (error: unknown) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(
        `access request ${requestId} already has a grant`,
      );
    }
    throw error;
  }
}

export async function decide(
  ctx: StoreContext,
  requestId: string,
  to: 'denied' | 'cancelled' | 'closed',
  by: string,
  note?: string,
): Promise<AccessRequest> {
  assertRef(by, 'by');
  assertNoKey(note ?? '', 'note');
  const at = ctx.now();
  return ctx.knex.transaction(async trx => {
    const changed = await trx<RequestRow>(REQUESTS)
      .where({ id: requestId, state: 'pending' })
      .update({
        state: to,
        decided_by: by,
        decided_at: at,
        decision_note: note ?? null,
      });
    if (changed !== 1)
      throw await notChanged(
        trx,
        REQUESTS,
        'request',
        requestId,
        `only a pending request can be ${to}`,
      );
    await appendEvent(trx, {
      type: `request-${to}`,
      actor: by,
      at,
      requestId,
      detail: note ? { note } : {},
    });
    return readRequest(trx, requestId);
  });
}

export async function undoApproval(
  ctx: StoreContext,
  requestId: string,
  by: string,
  reason: string,
): Promise<AccessRequest> {
  assertRef(by, 'by');
  assertNoKey(reason, 'reason');
  const at = ctx.now();
  try {
    return await ctx.knex.transaction(async trx => {
      const grant = await trx<GrantRow>(GRANTS)
        .where({ request_id: requestId })
        .first('id');
      if (!grant)
        throw await notChanged(
          trx,
          REQUESTS,
          'request',
          requestId,
          'it has no grant to undo',
        );
      const deleted = await trx<GrantRow>(GRANTS)
        .where({ id: grant.id, state: 'awaiting-key' })
        .whereNull('key_id')
        .delete();
      if (deleted !== 1)
        throw await notChanged(
          trx,
          GRANTS,
          'grant',
          grant.id,
          'only a grant awaiting its key can be undone',
        );
      const changed = await trx<RequestRow>(REQUESTS)
        .where({ id: requestId, state: 'approved' })
        .update({
          state: 'pending',
          decided_by: null,
          decided_at: null,
          decision_note: null,
          auto_approved: false,
          grant_id: null,
        });
      if (changed !== 1)
        throw await notChanged(
          trx,
          REQUESTS,
          'request',
          requestId,
          'only an approved request can be undone',
        );
      await appendEvent(trx, {
        type: 'approval-undone',
        actor: by,
        at,
        requestId,
        grantId: grant.id,
        detail: { reason },
      });
      return readRequest(trx, requestId);
    });
  } catch (error: unknown) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(
        `access request ${requestId} cannot be pending again: another request for the same consumer and API is pending`,
      );
    }
    throw error;
  }
}
