import type {
  AccessGrant,
  AccessGrantState,
  AccessRequest,
  AccessScope,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

const DAY = 24 * 60 * 60 * 1000;

/** `2026-12-02` of an ISO time (the date part, UTC). */
export function dateOf(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : '';
}

/** A day `days` after `from`, as `YYYY-MM-DD`. */
export function daysFrom(days: number, from = new Date()): string {
  return new Date(from.getTime() + days * DAY).toISOString().slice(0, 10);
}

/** The end of a picked day (UTC), as the ISO time the backend expects. */
export function endOfDay(date: string): string {
  return `${date}T23:59:59.000Z`;
}

/**
 * The expiry to send for a picked day: its end, but never beyond `maxDays` from now (the backend counts the
 * maximum from the moment it receives the request; five minutes are left for clock skew).
 */
export function expiryOf(
  date: string,
  maxDays: number,
  now = new Date(),
): string {
  const latest = now.getTime() + maxDays * DAY - 5 * 60 * 1000;
  const end = Date.parse(endOfDay(date));
  return end > latest ? new Date(latest).toISOString() : endOfDay(date);
}

/** `2026-12-02 14:05 UTC` */
export function when(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '';
}

/** What a scope allows, in words: `models gpt-4.1, gpt-4.1-mini · 60 requests/min`. */
export function describeScope(scope: AccessScope): string {
  const parts: string[] = [];
  if (scope.models?.length) parts.push(`models ${scope.models.join(', ')}`);
  if (scope.tools?.length) parts.push(`tools ${scope.tools.join(', ')}`);
  if (!scope.models?.length && !scope.tools?.length)
    parts.push('the whole API');
  const l = scope.limits;
  if (l?.requestsPerMinute) parts.push(`${l.requestsPerMinute} requests/min`);
  if (l?.tokensPerMinute) parts.push(`${l.tokensPerMinute} tokens/min`);
  return parts.join(' · ');
}

/** The state a grant shows: its own, or `drifted` when its objects in the cluster differ. */
export function grantStateLabel(grant: AccessGrant): string {
  const labels: Record<AccessGrantState, string> = {
    'awaiting-key': 'awaiting key',
    active: 'active',
    revoked: 'revoked',
    expired: 'expired',
  };
  const base = labels[grant.state];
  return grant.drift && grant.state !== 'revoked' && grant.state !== 'expired'
    ? `${base} · drifted`
    : base;
}

export function isLive(grant: AccessGrant): boolean {
  return grant.state === 'active' || grant.state === 'awaiting-key';
}

/** `user:default/ana` → `ana`; other refs stay whole. */
export function shortRef(ref: string | undefined): string {
  if (!ref) return '';
  return ref.startsWith('user:') ? ref.replace(/^user:(default\/)?/, '') : ref;
}

export function requestStateLabel(request: AccessRequest): string {
  return request.autoApproved && request.state === 'approved'
    ? 'auto-approved'
    : request.state;
}
