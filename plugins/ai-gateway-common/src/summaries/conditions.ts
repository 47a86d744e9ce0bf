import { StatusCondition, UnknownKubeObject } from '../registry/types';
import { isRecord, recordsOf, stringOf } from '../util/json';

function toConditions(list: unknown, scope?: string): StatusCondition[] {
  return recordsOf(list).flatMap(c => {
    const type = stringOf(c.type);
    if (type === undefined) return [];
    const reason = stringOf(c.reason);
    const message = stringOf(c.message);
    const lastTransitionTime = stringOf(c.lastTransitionTime);
    return [
      {
        type,
        status:
          c.status === 'True' || c.status === 'False' ? c.status : 'Unknown',
        ...(reason !== undefined ? { reason } : {}),
        ...(message !== undefined ? { message } : {}),
        ...(lastTransitionTime !== undefined ? { lastTransitionTime } : {}),
        ...(scope ? { scope } : {}),
      },
    ];
  });
}

function refLabel(ref: unknown, fallbackNamespace?: string): string {
  if (!isRecord(ref)) return '';
  const ns = stringOf(ref.namespace) ?? fallbackNamespace;
  const section = stringOf(ref.sectionName);
  return `${stringOf(ref.kind) ?? 'Gateway'} ${ns ? `${ns}/` : ''}${
    stringOf(ref.name) ?? ''
  }${section ? `/${section}` : ''}`;
}

const statusOf = (obj: UnknownKubeObject) =>
  isRecord(obj.status) ? obj.status : {};

/** `status.conditions[]` (Gateway, GatewayClass, AgentgatewayBackend). */
export function topLevelConditions(obj: UnknownKubeObject): StatusCondition[] {
  return toConditions(statusOf(obj).conditions);
}

/** `status.parents[].conditions[]` (HTTPRoute, AgentgatewayModel). */
export function parentConditions(obj: UnknownKubeObject): StatusCondition[] {
  return recordsOf(statusOf(obj).parents).flatMap(p =>
    toConditions(p.conditions, refLabel(p.parentRef, obj.metadata.namespace)),
  );
}

/** `status.ancestors[].conditions[]` (AgentgatewayPolicy, Gateway API PolicyStatus). */
export function ancestorConditions(obj: UnknownKubeObject): StatusCondition[] {
  return recordsOf(statusOf(obj).ancestors).flatMap(a =>
    toConditions(a.conditions, refLabel(a.ancestorRef, obj.metadata.namespace)),
  );
}

export function noConditions(): StatusCondition[] {
  return [];
}

/**
 * Folds the conditions of one type into a single chip state: a False wins, then Unknown, then True;
 * `undefined` when no condition of that type was written yet.
 */
export function conditionState(
  conditions: StatusCondition[],
  type: string,
): StatusCondition | undefined {
  const ofType = conditions.filter(c => c.type === type);
  return (
    ofType.find(c => c.status === 'False') ??
    ofType.find(c => c.status === 'Unknown') ??
    ofType[0]
  );
}
