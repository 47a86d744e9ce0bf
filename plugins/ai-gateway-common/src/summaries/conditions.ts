import { KubeObject, StatusCondition } from '../registry/types';

function toConditions(list: unknown, scope?: string): StatusCondition[] {
  if (!Array.isArray(list)) return [];
  return list
    .filter(c => c && typeof c.type === 'string')
    .map(c => ({
      type: c.type,
      status: c.status === 'True' || c.status === 'False' ? c.status : 'Unknown',
      reason: c.reason,
      message: c.message,
      lastTransitionTime: c.lastTransitionTime,
      ...(scope ? { scope } : {}),
    }));
}

function refLabel(ref: any, fallbackNamespace?: string): string {
  if (!ref) return '';
  const ns = ref.namespace ?? fallbackNamespace;
  const section = ref.sectionName ? `/${ref.sectionName}` : '';
  return `${ref.kind ?? 'Gateway'} ${ns ? `${ns}/` : ''}${ref.name}${section}`;
}

/** `status.conditions[]` (Gateway, GatewayClass, AgentgatewayBackend). */
export function topLevelConditions(obj: KubeObject): StatusCondition[] {
  return toConditions(obj.status?.conditions);
}

/** `status.parents[].conditions[]` (HTTPRoute, AgentgatewayModel). */
export function parentConditions(obj: KubeObject): StatusCondition[] {
  const parents: any[] = Array.isArray(obj.status?.parents) ? obj.status.parents : [];
  return parents.flatMap(p => toConditions(p.conditions, refLabel(p.parentRef, obj.metadata.namespace)));
}

/** `status.ancestors[].conditions[]` (AgentgatewayPolicy, Gateway API PolicyStatus). */
export function ancestorConditions(obj: KubeObject): StatusCondition[] {
  const ancestors: any[] = Array.isArray(obj.status?.ancestors) ? obj.status.ancestors : [];
  return ancestors.flatMap(a => toConditions(a.conditions, refLabel(a.ancestorRef, obj.metadata.namespace)));
}

export function noConditions(): StatusCondition[] {
  return [];
}

/**
 * Folds the conditions of one type into a single chip state: any False wins, then Unknown, then True;
 * `undefined` when no condition of that type was written yet.
 */
export function conditionState(conditions: StatusCondition[], type: string): StatusCondition | undefined {
  const ofType = conditions.filter(c => c.type === type);
  return (
    ofType.find(c => c.status === 'False') ?? ofType.find(c => c.status === 'Unknown') ?? ofType[0]
  );
}
