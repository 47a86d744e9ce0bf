import { KubeObject, ObjectReference, SummaryValues } from '../registry/types';
import { collectSecretRefs, policyTargetRefs, refLabel } from './references';

/** `traffic.rateLimit`, `backend.ai`, `frontend.accessLog`...: which sections of the policy are set. */
export function policySections(obj: KubeObject): string[] {
  const spec = obj.spec ?? {};
  return ['traffic', 'backend', 'frontend'].flatMap(section =>
    spec[section] && typeof spec[section] === 'object'
      ? Object.keys(spec[section]).map(k => `${section}.${k}`)
      : [],
  );
}

export function summarizePolicy(obj: KubeObject): SummaryValues {
  const ns = obj.metadata.namespace;
  const selectors: any[] = Array.isArray(obj.spec?.targetSelectors) ? obj.spec.targetSelectors : [];
  return {
    targets: [
      ...policyTargetRefs(obj).map(r => refLabel(r, ns)),
      ...selectors.map(s => `${s.kind} with ${Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',')}`),
    ],
    sections: policySections(obj),
  };
}

export function policyReferences(obj: KubeObject): ObjectReference[] {
  return [...policyTargetRefs(obj), ...collectSecretRefs(obj.spec, obj)];
}
