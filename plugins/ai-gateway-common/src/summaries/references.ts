import {
  KubeObject,
  ObjectReference,
  UnknownKubeObject,
} from '../registry/types';
import { listReferences } from '../references/walker';
import type { FoundReference } from '../references/types';

const GATEWAY_API = 'gateway.networking.k8s.io';

/** A reference the walker found, as the API's {@link ObjectReference} (namespace resolved against the object's). */
export function toObjectReference(
  role: ObjectReference['role'],
  ref: FoundReference,
  from: Pick<UnknownKubeObject, 'metadata'>,
): ObjectReference {
  return {
    role,
    group: ref.group,
    kind: ref.kind,
    namespace: ref.namespace ?? from.metadata.namespace ?? '',
    name: ref.name,
    ...(ref.sectionName ? { sectionName: ref.sectionName } : {}),
    ...(ref.weight !== undefined ? { weight: ref.weight } : {}),
  };
}

/** The references `obj` makes at one reference field of its kind (`spec.parentRefs[]`). */
function referencesAt(
  obj: UnknownKubeObject,
  field: string,
  role: ObjectReference['role'],
  defaults?: { group: string; kind: string },
): ObjectReference[] {
  return listReferences(obj.kind, obj)
    .filter(r => r.field === field)
    .map(r =>
      toObjectReference(
        role,
        {
          ...r,
          group: r.group || (defaults?.group ?? ''),
          kind: r.kind || (defaults?.kind ?? ''),
        },
        obj,
      ),
    );
}

export function dedupe(refs: ObjectReference[]): ObjectReference[] {
  const seen = new Set<string>();
  return refs.filter(r => {
    const key = `${r.role}|${r.group}|${r.kind}|${r.namespace}|${r.name}|${
      r.sectionName ?? ''
    }`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every Secret the object references (backend auth, API-key auth, JWT, TLS certificates, ...), once each. */
export function secretReferences(obj: UnknownKubeObject): ObjectReference[] {
  return dedupe(
    listReferences(obj.kind, obj)
      .filter(r => r.kind === 'Secret' && r.group === '')
      .map(r => toObjectReference('secret', r, obj)),
  );
}

/** `spec.parentRefs[]` (routes, models): the Gateways the object attaches to. */
export function parentRefs(
  obj: KubeObject<unknown, unknown>,
): ObjectReference[] {
  return referencesAt(obj, 'spec.parentRefs[]', 'parent', {
    group: GATEWAY_API,
    kind: 'Gateway',
  });
}

/** `spec.rules[].backendRefs[]` of a route, once each. */
export function routeBackendRefs(
  obj: KubeObject<unknown, unknown>,
): ObjectReference[] {
  return dedupe(
    referencesAt(obj, 'spec.rules[].backendRefs[]', 'backend', {
      group: '',
      kind: 'Service',
    }),
  );
}

/** `spec.targetRefs[]` of a policy. */
export function policyTargetRefs(
  obj: KubeObject<unknown, unknown>,
): ObjectReference[] {
  return referencesAt(obj, 'spec.targetRefs[]', 'target', {
    group: GATEWAY_API,
    kind: 'Gateway',
  });
}

export function refLabel(ref: ObjectReference, relativeTo?: string): string {
  const ns =
    ref.namespace && ref.namespace !== relativeTo ? `${ref.namespace}/` : '';
  return `${ref.kind} ${ns}${ref.name}${
    ref.sectionName ? `:${ref.sectionName}` : ''
  }`;
}
