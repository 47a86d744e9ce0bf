import {
  KubeObjectOf,
  ObjectReference,
  ResourceSummary,
} from '../registry/types';
import { isRecord } from '../util/json';
import { sortedKeys, sortedPairs } from './order';
import { policyTargetRefs, refLabel, secretReferences } from './references';

type Policy = KubeObjectOf<'AgentgatewayPolicy'>;

const SECTIONS = ['traffic', 'backend', 'frontend'] as const;

/** `traffic.rateLimit`, `backend.ai`, `frontend.accessLog`...: which sections of the policy are set. */
export function policySections(obj: Policy): string[] {
  const spec = obj.spec ?? {};
  return SECTIONS.flatMap(section => {
    const value = spec[section];
    return isRecord(value) ? sortedKeys(value).map(k => `${section}.${k}`) : [];
  });
}

export function summarizePolicy(obj: Policy): ResourceSummary {
  const ns = obj.metadata.namespace;
  const selectors = obj.spec?.targetSelectors;
  return {
    targets: [
      ...policyTargetRefs(obj).map(r => refLabel(r, ns)),
      ...(Array.isArray(selectors) ? selectors : []).map(
        s => `${s.kind} with ${sortedPairs(s.matchLabels).join(',')}`,
      ),
    ],
    sections: policySections(obj),
  };
}

export function policyReferences(obj: Policy): ObjectReference[] {
  return [...policyTargetRefs(obj), ...secretReferences(obj)];
}
