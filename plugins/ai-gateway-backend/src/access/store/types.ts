import type {
  AccessGrant,
  AccessGrantState,
  AccessRequest,
  AccessRequestState,
  AccessScope,
  GrantDrift,
  GrantObjectRef,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * Persistence of self-service access: requests, grants and their history (`ai_gateway_access_*` tables).
 *
 * - Every transition is one conditional UPDATE (`... WHERE state = <expected>`) in a transaction that also appends the
 *   history event, so several backend replicas on one database behave as one: exactly one caller wins, the others get a
 *   `ConflictError` (409) naming the current state.
 * - Unknown ids in a transition → `NotFoundError` (404). Getters return `undefined` for unknown ids.
 * - No key is ever stored: only the Secret data key name (`keyId`, e.g. `key-1`) and a short prefix (`agw_3fA9`);
 *   free text that looks like a gateway key (`agw_` + 20 or more key characters) is refused with `InputError`.
 * - Times are ISO strings (`toISOString()`, UTC, milliseconds); inputs are normalised, so they sort and compare as text
 *   the same way on PostgreSQL and SQLite.
 */
export interface AccessStore {
  // --- requests -----------------------------------------------------------------------------------------------------

  /** A new `pending` request. A second pending request for the same (consumerRef, apiRef) → `ConflictError` naming the
   * pending one's id (see {@link PendingRequestExistsError}). */
  createRequest(input: NewAccessRequest): Promise<AccessRequest>;

  /**
   * `pending → approved` and the grant (`awaiting-key`) in one transaction: the caller that wins the transition creates
   * the grant, so simultaneous approvals create one grant (also guarded by a unique index on the grant's request id).
   * Not pending any more → `ConflictError` with the current state.
   */
  approve(
    requestId: string,
    approval: Approval,
  ): Promise<{ request: AccessRequest; grant: AccessGrant }>;

  /** `pending → denied | cancelled | closed`; not pending any more → `ConflictError` with the current state. */
  decide(
    requestId: string,
    to: 'denied' | 'cancelled' | 'closed',
    by: string,
    note?: string,
  ): Promise<AccessRequest>;

  /**
   * Compensation when the grant's cluster objects could not be written after {@link AccessStore.approve}: deletes the
   * grant (only while `awaiting-key` with no key issued) and puts the request back to `pending`, with an event.
   * `ConflictError` if the grant moved on, or if another request for the pair became pending meanwhile.
   */
  undoApproval(
    requestId: string,
    by: string,
    reason: string,
  ): Promise<AccessRequest>;

  getRequest(id: string): Promise<AccessRequest | undefined>;
  /** newest first */
  listRequests(filter: RequestFilter): Promise<AccessRequest[]>;
  /** the inbox: pending requests for any of these APIs, oldest first */
  pendingRequestsFor(apiRefs: string[]): Promise<AccessRequest[]>;

  // --- grants -------------------------------------------------------------------------------------------------------

  getGrant(id: string): Promise<AccessGrant | undefined>;
  getGrantByRequest(requestId: string): Promise<AccessGrant | undefined>;
  /** newest first */
  listGrants(filter: GrantFilter): Promise<AccessGrant[]>;

  /** `awaiting-key → active` with the key's id and prefix, only if no key was issued yet (claim once; else 409). */
  issueKey(grantId: string, key: IssuedKeyRecord): Promise<AccessGrant>;
  /**
   * A new current key on an `active` grant whose current key is `expectedKeyId`; the current key becomes the previous
   * one until `previousKeyExpiresAt`. Returns the previous key id this replaced (its Secret entry must go now), if any.
   * Another rotation won meanwhile (current key ≠ `expectedKeyId`) → 409.
   */
  rotateKey(
    grantId: string,
    rotation: KeyRotation,
  ): Promise<{ grant: AccessGrant; droppedKeyId?: string }>;
  /** Forget the previous key (its Secret entry was removed); only if it still is `previousKeyId` (else 409). */
  clearPreviousKey(
    grantId: string,
    previousKeyId: string,
    by: string,
  ): Promise<AccessGrant>;
  /** `awaiting-key | active → revoked` (409 otherwise). */
  revoke(grantId: string, by: string, note?: string): Promise<AccessGrant>;
  /** `awaiting-key | active → expired`, only when `expiresAt <= now` (409 otherwise). */
  expire(grantId: string, by: string, now?: Date): Promise<AccessGrant>;
  /** Record what the grant's objects look like in the cluster; an event only when the differences changed. */
  recordDrift(
    grantId: string,
    drift: GrantDrift,
    by: string,
  ): Promise<AccessGrant>;
  /** Drift resolved (re-applied, or the objects match again). No-op without drift. */
  clearDrift(grantId: string, by: string): Promise<AccessGrant>;
  /** The cluster objects the grant owns (after apply / re-apply). */
  recordObjects(
    grantId: string,
    objects: GrantObjectRef[],
    by: string,
    unenforcedLimits?: string | null,
  ): Promise<AccessGrant>;

  /** live (`awaiting-key`/`active`) grants with `expiresAt <= now`, oldest expiry first */
  grantsDueToExpire(now?: Date): Promise<AccessGrant[]>;
  /** grants (any state) with a previous key whose grace ended (`previousKeyExpiresAt <= now`) */
  grantsWithPreviousKeyPastGrace(now?: Date): Promise<AccessGrant[]>;
  /** for "the API's route was deleted": its pending requests and live grants */
  openForApi(
    apiRef: string,
  ): Promise<{ pendingRequests: AccessRequest[]; grants: AccessGrant[] }>;

  // --- history ------------------------------------------------------------------------------------------------------

  /** Events of a request (including those of its grant) or of a grant, oldest first. */
  history(
    of: { requestId: string } | { grantId: string },
  ): Promise<AccessEvent[]>;
}

export interface NewAccessRequest {
  apiRef: string;
  consumerRef: string;
  requestedBy: string;
  scope: AccessScope;
  reason: string;
  /** ISO date-time */
  expiresAt: string;
}

export interface Approval {
  /** user entity ref of the approver (or the system actor for auto-approval) */
  by: string;
  note?: string;
  autoApproved?: boolean;
  /** what is granted (may be narrower than asked) */
  scope: AccessScope;
  /** ISO date-time */
  expiresAt: string;
  /** known before the objects are written? usually set later with `recordObjects` */
  objects?: GrantObjectRef[];
  unenforcedLimits?: string;
}

export interface IssuedKeyRecord {
  /** the Secret data key of the entry, e.g. `key-1`: lowercase letters, digits, `.` and `-`, at most 32 characters */
  keyId: string;
  /** first characters of the key, at most 12, e.g. `agw_3fA9` */
  keyPrefix: string;
  by: string;
}

export interface KeyRotation extends IssuedKeyRecord {
  /** the current key id the caller read; guards against two rotations at once */
  expectedKeyId: string;
  /** ISO date-time until which the old key keeps working */
  previousKeyExpiresAt: string;
}

export interface RequestFilter {
  apiRef?: string | string[];
  consumerRef?: string | string[];
  requestedBy?: string;
  state?: AccessRequestState | AccessRequestState[];
}

export interface GrantFilter {
  apiRef?: string | string[];
  consumerRef?: string | string[];
  state?: AccessGrantState | AccessGrantState[];
}

export type AccessEventType =
  | 'request-created'
  | 'request-approved'
  | 'request-denied'
  | 'request-cancelled'
  | 'request-closed'
  | 'approval-undone'
  | 'grant-created'
  | 'key-issued'
  | 'key-rotated'
  | 'previous-key-cleared'
  | 'grant-revoked'
  | 'grant-expired'
  | 'drift-detected'
  | 'drift-cleared'
  | 'objects-recorded';

/** One history entry: who did what when. `detail` never holds a key. */
export interface AccessEvent {
  /** increasing in insertion order */
  id: number;
  type: AccessEventType;
  actor: string;
  /** ISO time */
  at: string;
  requestId?: string;
  grantId?: string;
  detail: { [key: string]: unknown };
}
