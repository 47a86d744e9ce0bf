import { KubeObject, ObjectReference, SummaryValues } from '../registry/types';
import { collectSecretRefs, gatewayApiRef } from './references';

export function summarizeGateway(obj: KubeObject): SummaryValues {
  const listeners: any[] = Array.isArray(obj.spec?.listeners) ? obj.spec.listeners : [];
  const statusListeners: any[] = Array.isArray(obj.status?.listeners) ? obj.status.listeners : [];
  // A route attached to several listeners counts once per listener in status, so show it per listener.
  const attached = statusListeners
    .filter(l => typeof l.attachedRoutes === 'number')
    .map(l => `${l.name}: ${l.attachedRoutes}`);
  return {
    class: obj.spec?.gatewayClassName,
    listeners: listeners.map(l => `${l.name} ${l.protocol}/${l.port}${l.hostname ? ` ${l.hostname}` : ''}`),
    addresses: (Array.isArray(obj.status?.addresses) ? obj.status.addresses : []).map((a: any) => a.value),
    attachedRoutes: attached,
  };
}

export function gatewayReferences(obj: KubeObject): ObjectReference[] {
  const refs: ObjectReference[] = [];
  const className = obj.spec?.gatewayClassName;
  if (className) {
    refs.push({ role: 'parent', group: 'gateway.networking.k8s.io', kind: 'GatewayClass', namespace: '', name: className });
  }
  for (const l of Array.isArray(obj.spec?.listeners) ? obj.spec.listeners : []) {
    for (const c of l?.tls?.certificateRefs ?? []) {
      const r = gatewayApiRef('secret', c, obj, { group: '', kind: 'Secret' });
      if (r) refs.push(r);
    }
  }
  const infra = obj.spec?.infrastructure?.parametersRef;
  if (infra?.name) {
    refs.push({ role: 'parent', group: infra.group ?? 'agentgateway.dev', kind: infra.kind ?? 'AgentgatewayParameters', namespace: obj.metadata.namespace ?? '', name: infra.name });
  }
  return [...refs, ...collectSecretRefs(obj.spec?.infrastructure, obj)];
}

export function summarizeGatewayClass(obj: KubeObject): SummaryValues {
  return {
    controller: obj.spec?.controllerName,
    parameters: obj.spec?.parametersRef ? `${obj.spec.parametersRef.kind} ${obj.spec.parametersRef.name}` : undefined,
  };
}

export function summarizeReferenceGrant(obj: KubeObject): SummaryValues {
  return {
    from: (obj.spec?.from ?? []).map((f: any) => `${f.kind} in ${f.namespace}`),
    to: (obj.spec?.to ?? []).map((t: any) => `${t.kind}${t.name ? ` ${t.name}` : ''}`),
  };
}

export function summarizeParameters(obj: KubeObject): SummaryValues {
  const image = obj.spec?.image;
  return {
    image: image ? [image.registry, image.repository].filter(Boolean).join('/') + (image.tag ? `:${image.tag}` : '') : undefined,
    overrides: Object.keys(obj.spec ?? {}).filter(k => k !== 'image'),
  };
}

/**
 * AgentgatewayModel: `spec.provider` is an enum string (`OpenAI`, `VertexAI`, ...; reported lower-cased like the
 * backend provider keys) or the model is a `virtualModel` (`failover` / `weighted` / `conditional` over other models);
 * the matched model name is `spec.match.model`, defaulting to `metadata.name`.
 */
export function summarizeModel(obj: KubeObject): SummaryValues {
  const spec = obj.spec ?? {};
  const virtual = spec.virtualModel ? Object.keys(spec.virtualModel)[0] : undefined;
  const provider = typeof spec.provider === 'string' ? spec.provider.toLowerCase() : virtual ? `virtual (${virtual})` : undefined;
  return {
    provider,
    model: spec.match?.model ?? obj.metadata?.name,
    visibility: spec.visibility ?? 'Public',
    gateways: (spec.parentRefs ?? []).map((p: any) => p.name),
  };
}

export function summarizeSecret(obj: KubeObject): SummaryValues {
  // Values never leave the backend: only key names, type and metadata.
  return { type: obj.type ?? 'Opaque', keys: Object.keys(obj.data ?? {}) };
}
