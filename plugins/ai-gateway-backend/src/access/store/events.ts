import { Knex } from 'knex';
import { EVENTS, EventRow, toEvent } from './rows';
import type { AccessEvent, AccessEventType } from './types';
import { assertNoKey } from './util';

export interface NewEvent {
  type: AccessEventType;
  actor: string;
  at: string;
  requestId?: string;
  grantId?: string;
  detail?: AccessEvent['detail'];
}

/** Appends a history row; call it inside the transaction of the change it records. */
export async function appendEvent(db: Knex, event: NewEvent): Promise<void> {
  const detail = event.detail ?? {};
  assertNoKey(detail, 'detail');
  await db<EventRow>(EVENTS).insert({
    type: event.type,
    actor: event.actor,
    at: event.at,
    request_id: event.requestId ?? null,
    grant_id: event.grantId ?? null,
    detail: JSON.stringify(detail),
  });
}

export async function readHistory(
  db: Knex,
  of: { requestId: string } | { grantId: string },
): Promise<AccessEvent[]> {
  const query = db<EventRow>(EVENTS).select('*').orderBy('id', 'asc');
  if ('requestId' in of) query.where('request_id', of.requestId);
  else query.where('grant_id', of.grantId);
  return (await query).map(toEvent);
}
