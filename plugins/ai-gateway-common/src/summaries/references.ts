import { KubeObject, ObjectReference } from '../registry/types';

const GATEWAY_API = 'gateway.networking.k8s.io';

/** A Gateway API style reference (`parentRef`, `backendRef`, `targetRef`) resolved against the object's namespace. */
export function gatewayApiRef(
  role: ObjectReference['role'],
  ref: any,
  from: KubeObject,
  defaults: { group: string; kind: string },
): ObjectReference | undefined {
  if (!ref || typeof ref.name !== 'string') return undefined;
  return {
    role,
    group: ref.group ?? defaults.group,
    kind: ref.kind ?? defaults.kind,
    namespace: ref.namespace ?? from.metadata.namespace ?? '',
    name: ref.name,
    ...(ref.sectionName ? { sectionName: ref.sectionName } : {}),
    ...(typeof ref.weight === 'number' ? { weight: ref.weight } : {}),
  };
}

export function secretRef(ref: any, from: KubeObject): ObjectReference | undefined {
  if (!ref || typeof ref.name !== 'string') return undefined;
  return { role: 'secret', group: '', kind: 'Secret', namespace: from.metadata.namespace ?? '', name: ref.name };
}

/** Every `secretRef` anywhere below `value` (backend auth, API-key auth, JWT JWKS, TLS...). */
export function collectSecretRefs(value: unknown, from: KubeObject): ObjectReference[] {
  const found: ObjectReference[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      v.forEach(walk);
    } else if (v && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (key === 'secretRef') {
          const ref = secretRef(child, from);
          if (ref) found.push(ref);
        } else {
          walk(child);
        }
      }
    }
  };
  walk(value);
  return dedupe(found);
}

export function dedupe(refs: ObjectReference[]): ObjectReference[] {
  const seen = new Set<string>();
  return refs.filter(r => {
    const key = `${r.role}|${r.group}|${r.kind}|${r.namespace}|${r.name}|${r.sectionName ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function parentRefs(obj: KubeObject): ObjectReference[] {
  const refs: any[] = Array.isArray(obj.spec?.parentRefs) ? obj.spec.parentRefs : [];
  return refs
    .map(r => gatewayApiRef('parent', r, obj, { group: GATEWAY_API, kind: 'Gateway' }))
    .filter((r): r is ObjectReference => !!r);
}

export function routeBackendRefs(obj: KubeObject): ObjectReference[] {
  const rules: any[] = Array.isArray(obj.spec?.rules) ? obj.spec.rules : [];
  return dedupe(
    rules
      .flatMap(rule => (Array.isArray(rule?.backendRefs) ? rule.backendRefs : []))
      .map(r => gatewayApiRef('backend', r, obj, { group: '', kind: 'Service' }))
      .filter((r): r is ObjectReference => !!r),
  );
}

export function policyTargetRefs(obj: KubeObject): ObjectReference[] {
  const refs: any[] = Array.isArray(obj.spec?.targetRefs) ? obj.spec.targetRefs : [];
  return refs
    .map(r => gatewayApiRef('target', r, obj, { group: GATEWAY_API, kind: 'Gateway' }))
    .filter((r): r is ObjectReference => !!r);
}

export function refLabel(ref: ObjectReference, relativeTo?: string): string {
  const ns = ref.namespace && ref.namespace !== relativeTo ? `${ref.namespace}/` : '';
  return `${ref.kind} ${ns}${ref.name}${ref.sectionName ? `:${ref.sectionName}` : ''}`;
}
