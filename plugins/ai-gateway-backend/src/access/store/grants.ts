import { InputError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import type {
  AccessGrant,
  GrantDrift,
  GrantObjectRef,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { notChanged, StoreContext } from './context';
import { appendEvent, NewEvent } from './events';
import { GRANTS, GrantRow, LIVE_GRANT_STATES, toGrant } from './rows';
import type { IssuedKeyRecord, KeyRotation } from './types';
import {
  assertKeyId,
  assertKeyPrefix,
  assertNoKey,
  assertRef,
  isoTime,
} from './util';

async function readGrantRow(db: Knex, id: string): Promise<GrantRow> {
  const row = await db<GrantRow>(GRANTS).where({ id }).first();
  if (!row) throw new NotFoundError(`access grant ${id} not found`);
  return row;
}

/** One conditional UPDATE of a grant and its event in a transaction; 409 / 404 when the condition does not hold. */
async function transition(
  ctx: StoreContext,
  grantId: string,
  change: {
    where: (q: Knex.QueryBuilder<GrantRow>) => void;
    set: Partial<GrantRow>;
    expected: string;
    event: Omit<NewEvent, 'at' | 'grantId' | 'requestId'>;
  },
): Promise<AccessGrant> {
  const at = ctx.now();
  return ctx.knex.transaction(async trx => {
    const query = trx<GrantRow>(GRANTS).where('id', grantId);
    change.where(query);
    const changed = await query.update(change.set);
    if (changed !== 1)
      throw await notChanged(trx, GRANTS, 'grant', grantId, change.expected);
    const row = await readGrantRow(trx, grantId);
    await appendEvent(trx, {
      ...change.event,
      at,
      grantId,
      requestId: row.request_id,
    });
    return toGrant(row);
  });
}

export async function issueKey(
  ctx: StoreContext,
  grantId: string,
  key: IssuedKeyRecord,
): Promise<AccessGrant> {
  assertRef(key.by, 'by');
  assertKeyId(key.keyId, 'keyId');
  assertKeyPrefix(key.keyPrefix, 'keyPrefix');
  return transition(ctx, grantId, {
    where: q => q.where('state', 'awaiting-key').whereNull('key_id'),
    set: {
      state: 'active',
      key_id: key.keyId,
      key_prefix: key.keyPrefix,
      key_issued_at: ctx.now(),
    },
    expected:
      'its key can be claimed only once, while it awaits its key (rotate to get a new one)',
    event: {
      type: 'key-issued',
      actor: key.by,
      detail: { keyId: key.keyId, keyPrefix: key.keyPrefix },
    },
  });
}

export async function rotateKey(
  ctx: StoreContext,
  grantId: string,
  rotation: KeyRotation,
): Promise<{ grant: AccessGrant; droppedKeyId?: string }> {
  assertRef(rotation.by, 'by');
  assertKeyId(rotation.keyId, 'keyId');
  assertKeyId(rotation.expectedKeyId, 'expectedKeyId');
  assertKeyPrefix(rotation.keyPrefix, 'keyPrefix');
  const graceEnds = isoTime(
    rotation.previousKeyExpiresAt,
    'previousKeyExpiresAt',
  );
  const before = await readGrantRow(ctx.knex, grantId);
  if (
    rotation.keyId === rotation.expectedKeyId ||
    rotation.keyId === before.previous_key_id
  ) {
    throw new InputError(
      `keyId ${rotation.keyId} is already in use by grant ${grantId}`,
    );
  }
  const dropped = before.previous_key_id;
  const grant = await transition(ctx, grantId, {
    where: q => {
      q.where({ state: 'active', key_id: rotation.expectedKeyId });
      if (dropped === null) q.whereNull('previous_key_id');
      else q.where('previous_key_id', dropped);
    },
    set: {
      key_id: rotation.keyId,
      key_prefix: rotation.keyPrefix,
      key_issued_at: ctx.now(),
      previous_key_id: rotation.expectedKeyId,
      previous_key_expires_at: graceEnds,
    },
    expected: `only an active grant whose current key is ${rotation.expectedKeyId} can be rotated (another rotation may have won)`,
    event: {
      type: 'key-rotated',
      actor: rotation.by,
      detail: {
        keyId: rotation.keyId,
        keyPrefix: rotation.keyPrefix,
        previousKeyId: rotation.expectedKeyId,
        previousKeyExpiresAt: graceEnds,
        ...(dropped !== null && { droppedKeyId: dropped }),
      },
    },
  });
  return dropped === null ? { grant } : { grant, droppedKeyId: dropped };
}

export async function clearPreviousKey(
  ctx: StoreContext,
  grantId: string,
  previousKeyId: string,
  by: string,
): Promise<AccessGrant> {
  assertRef(by, 'by');
  assertKeyId(previousKeyId, 'previousKeyId');
  return transition(ctx, grantId, {
    where: q => q.where('previous_key_id', previousKeyId),
    set: { previous_key_id: null, previous_key_expires_at: null },
    expected: `its previous key is not ${previousKeyId}`,
    event: {
      type: 'previous-key-cleared',
      actor: by,
      detail: { previousKeyId },
    },
  });
}

export async function revoke(
  ctx: StoreContext,
  grantId: string,
  by: string,
  note?: string,
): Promise<AccessGrant> {
  assertRef(by, 'by');
  assertNoKey(note ?? '', 'note');
  return transition(ctx, grantId, {
    where: q => q.whereIn('state', LIVE_GRANT_STATES),
    set: { state: 'revoked', revoked_by: by, revoked_at: ctx.now() },
    expected: 'only a grant awaiting its key or active can be revoked',
    event: { type: 'grant-revoked', actor: by, detail: note ? { note } : {} },
  });
}

export async function expire(
  ctx: StoreContext,
  grantId: string,
  by: string,
  now?: Date,
): Promise<AccessGrant> {
  assertRef(by, 'by');
  const at = now ? isoTime(now, 'now') : ctx.now();
  return transition(ctx, grantId, {
    where: q =>
      q.whereIn('state', LIVE_GRANT_STATES).where('expires_at', '<=', at),
    set: { state: 'expired' },
    expected: `only a live grant whose expiry is at or before ${at} can expire`,
    event: { type: 'grant-expired', actor: by, detail: { at } },
  });
}

function sameDifferences(stored: string | null, drift: GrantDrift): boolean {
  if (stored === null) return false;
  const old = JSON.parse(stored) as GrantDrift;
  return JSON.stringify(old.differences) === JSON.stringify(drift.differences);
}

export async function recordDrift(
  ctx: StoreContext,
  grantId: string,
  drift: GrantDrift,
  by: string,
): Promise<AccessGrant> {
  assertRef(by, 'by');
  const normalized: GrantDrift = {
    ...drift,
    detectedAt: isoTime(drift.detectedAt, 'drift.detectedAt'),
  };
  const before = await readGrantRow(ctx.knex, grantId);
  if (sameDifferences(before.drift, normalized)) return toGrant(before);
  return transition(ctx, grantId, {
    where: q => {
      q.whereIn('state', LIVE_GRANT_STATES);
      if (before.drift === null) q.whereNull('drift');
      else q.where('drift', before.drift);
    },
    set: { drift: JSON.stringify(normalized) },
    expected:
      'drift is recorded for live grants, and its drift changed meanwhile',
    event: {
      type: 'drift-detected',
      actor: by,
      detail: { differences: normalized.differences },
    },
  });
}

export async function clearDrift(
  ctx: StoreContext,
  grantId: string,
  by: string,
): Promise<AccessGrant> {
  assertRef(by, 'by');
  const before = await readGrantRow(ctx.knex, grantId);
  if (before.drift === null) return toGrant(before);
  return transition(ctx, grantId, {
    where: q => q.where('drift', before.drift),
    set: { drift: null },
    expected: 'its drift changed meanwhile',
    event: { type: 'drift-cleared', actor: by },
  });
}

export async function recordObjects(
  ctx: StoreContext,
  grantId: string,
  objects: GrantObjectRef[],
  by: string,
  unenforcedLimits?: string | null,
): Promise<AccessGrant> {
  assertRef(by, 'by');
  assertNoKey(objects, 'objects');
  const set: Partial<GrantRow> = { objects: JSON.stringify(objects) };
  if (unenforcedLimits !== undefined) set.unenforced_limits = unenforcedLimits;
  return transition(ctx, grantId, {
    where: () => undefined,
    set,
    expected: 'it changed meanwhile',
    event: {
      type: 'objects-recorded',
      actor: by,
      detail: {
        objects,
        ...(unenforcedLimits !== undefined && { unenforcedLimits }),
      },
    },
  });
}
