import {
  KubeObject,
  NodeMetrics,
  TopologyEdge,
  TopologyNodeStatus,
  findKind,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

export interface ObjectStatus {
  status: TopologyNodeStatus;
  statusMessage?: string;
}

/** A node's status from the object's conditions (the kind registry says which condition types count). */
export function statusOf(obj: KubeObject): ObjectStatus {
  const d = findKind(obj.kind);
  if (!d) return { status: 'unknown' };
  const conditions = d
    .conditions(obj)
    .filter(c => d.conditionTypes.includes(c.type));
  const bad = conditions.find(c => c.status === 'False');
  if (bad)
    return {
      status: 'error',
      statusMessage: `${bad.type}: ${[bad.reason, bad.message]
        .filter(Boolean)
        .join(' - ')}`,
    };
  if (conditions.some(c => c.status === 'Unknown'))
    return { status: 'warning', statusMessage: 'Some conditions are Unknown' };
  return conditions.length
    ? { status: 'ok' }
    : { status: 'unknown', statusMessage: 'No status written yet' };
}

/** A listener's status from `status.listeners[name].conditions` of its Gateway. */
export function listenerStatus(
  gateway: KubeObject,
  listener: string,
): TopologyNodeStatus {
  const statuses: Array<{ name?: string; conditions?: unknown }> =
    Array.isArray(gateway.status?.listeners) ? gateway.status.listeners : [];
  const l = statuses.find(x => x?.name === listener);
  const conds: Array<{ status?: string }> = Array.isArray(l?.conditions)
    ? l.conditions
    : [];
  if (!conds.length) return 'unknown';
  return conds.some(c => c.status === 'False') ? 'error' : 'ok';
}

/** The numbers an edge carries: requests, error rate, latency p95, or tokens / calls per minute. */
export function edgeNumbers(
  m: NodeMetrics,
): Pick<TopologyEdge, 'rps' | 'errorRate' | 'p95Ms' | 'perMinute'> {
  if (!m.available) return {};
  const perMinute =
    m.mcpCallsPerMinute ??
    (m.tokensInPerMinute !== undefined
      ? m.tokensInPerMinute + (m.tokensOutPerMinute ?? 0)
      : undefined);
  const out: Pick<TopologyEdge, 'rps' | 'errorRate' | 'p95Ms' | 'perMinute'> =
    {};
  if (m.rps !== undefined) out.rps = m.rps;
  if (m.errorRate !== undefined) out.errorRate = m.errorRate;
  if (m.p95Ms !== undefined) out.p95Ms = m.p95Ms;
  if (perMinute !== undefined) out.perMinute = perMinute;
  return out;
}
