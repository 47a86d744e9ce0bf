import type {
  AccessGrant,
  AccessGrantState,
  AccessRequest,
  AccessRequestState,
  AccessScope,
  GrantDrift,
  GrantObjectRef,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { AccessEvent, AccessEventType } from './types';

export const REQUESTS = 'ai_gateway_access_requests';
export const GRANTS = 'ai_gateway_access_grants';
export const EVENTS = 'ai_gateway_access_events';

export const LIVE_GRANT_STATES: AccessGrantState[] = ['awaiting-key', 'active'];

export interface RequestRow {
  id: string;
  api_ref: string;
  consumer_ref: string;
  requested_by: string;
  scope: string;
  reason: string;
  expires_at: string;
  state: AccessRequestState;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  /** SQLite returns 0 / 1 */
  auto_approved: boolean | number;
  grant_id: string | null;
}

export interface GrantRow {
  id: string;
  request_id: string;
  api_ref: string;
  consumer_ref: string;
  scope: string;
  state: AccessGrantState;
  created_at: string;
  expires_at: string;
  approved_by: string;
  key_id: string | null;
  key_prefix: string | null;
  key_issued_at: string | null;
  previous_key_id: string | null;
  previous_key_expires_at: string | null;
  revoked_by: string | null;
  revoked_at: string | null;
  objects: string;
  drift: string | null;
  unenforced_limits: string | null;
}

export interface EventRow {
  /** bigint may come back as a string */
  id: number | string;
  type: AccessEventType;
  actor: string;
  at: string;
  request_id: string | null;
  grant_id: string | null;
  detail: string;
}

function parse<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function toRequest(row: RequestRow): AccessRequest {
  return {
    id: row.id,
    apiRef: row.api_ref,
    consumerRef: row.consumer_ref,
    requestedBy: row.requested_by,
    scope: parse<AccessScope>(row.scope),
    reason: row.reason,
    expiresAt: row.expires_at,
    state: row.state,
    createdAt: row.created_at,
    ...(row.decided_by !== null && { decidedBy: row.decided_by }),
    ...(row.decided_at !== null && { decidedAt: row.decided_at }),
    ...(row.decision_note !== null && { decisionNote: row.decision_note }),
    ...(Boolean(row.auto_approved) && { autoApproved: true }),
    ...(row.grant_id !== null && { grantId: row.grant_id }),
  };
}

export function toGrant(row: GrantRow): AccessGrant {
  return {
    id: row.id,
    requestId: row.request_id,
    apiRef: row.api_ref,
    consumerRef: row.consumer_ref,
    scope: parse<AccessScope>(row.scope),
    state: row.state,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    approvedBy: row.approved_by,
    ...(row.key_id !== null && { keyId: row.key_id }),
    ...(row.key_prefix !== null && { keyPrefix: row.key_prefix }),
    ...(row.key_issued_at !== null && { keyIssuedAt: row.key_issued_at }),
    ...(row.previous_key_id !== null && {
      previousKeyId: row.previous_key_id,
    }),
    ...(row.previous_key_expires_at !== null && {
      previousKeyExpiresAt: row.previous_key_expires_at,
    }),
    ...(row.revoked_by !== null && { revokedBy: row.revoked_by }),
    ...(row.revoked_at !== null && { revokedAt: row.revoked_at }),
    objects: parse<GrantObjectRef[]>(row.objects),
    ...(row.drift !== null && { drift: parse<GrantDrift>(row.drift) }),
    ...(row.unenforced_limits !== null && {
      unenforcedLimits: row.unenforced_limits,
    }),
  };
}

export function toEvent(row: EventRow): AccessEvent {
  return {
    id: Number(row.id),
    type: row.type,
    actor: row.actor,
    at: row.at,
    ...(row.request_id !== null && { requestId: row.request_id }),
    ...(row.grant_id !== null && { grantId: row.grant_id }),
    detail: parse<AccessEvent['detail']>(row.detail),
  };
}
