import {
  KubeObject,
  KubeObjectOf,
  ObjectReference,
  ResourceSummary,
} from '../registry/types';
import { dedupe, secretReferences } from './references';
import { stringOf } from '../util/json';
import { sortedKeys } from './order';

type Gateway = KubeObjectOf<'Gateway'>;

export function summarizeGateway(obj: Gateway): ResourceSummary {
  const listeners = Array.isArray(obj.spec?.listeners)
    ? obj.spec.listeners
    : [];
  const statusListeners = Array.isArray(obj.status?.listeners)
    ? obj.status.listeners
    : [];
  // A route attached to several listeners counts once per listener in status, so show it per listener.
  const attached = statusListeners
    .filter(l => typeof l.attachedRoutes === 'number')
    .map(l => `${l.name}: ${l.attachedRoutes}`);
  return {
    class: obj.spec?.gatewayClassName,
    listeners: listeners.map(
      l =>
        `${l.name} ${l.protocol}/${l.port}${
          l.hostname ? ` ${l.hostname}` : ''
        }`,
    ),
    addresses: (Array.isArray(obj.status?.addresses)
      ? obj.status.addresses
      : []
    )
      .map(a => ('value' in a ? stringOf(a.value) : undefined))
      .filter((v): v is string => v !== undefined),
    attachedRoutes: attached,
  };
}

export function gatewayReferences(obj: Gateway): ObjectReference[] {
  const refs: ObjectReference[] = [];
  const className = obj.spec?.gatewayClassName;
  if (className) {
    refs.push({
      role: 'parent',
      group: 'gateway.networking.k8s.io',
      kind: 'GatewayClass',
      namespace: '',
      name: className,
    });
  }
  const infra = obj.spec?.infrastructure?.parametersRef;
  if (infra?.name) {
    refs.push({
      role: 'parent',
      group: infra.group ?? 'agentgateway.dev',
      kind: infra.kind ?? 'AgentgatewayParameters',
      namespace: obj.metadata.namespace ?? '',
      name: infra.name,
    });
  }
  return dedupe([...refs, ...secretReferences(obj)]);
}

export function summarizeGatewayClass(
  obj: KubeObjectOf<'GatewayClass'>,
): ResourceSummary {
  const ref = obj.spec?.parametersRef;
  return {
    controller: obj.spec?.controllerName,
    parameters: ref ? `${ref.kind} ${ref.name}` : undefined,
  };
}

export function summarizeReferenceGrant(
  obj: KubeObjectOf<'ReferenceGrant'>,
): ResourceSummary {
  const from = Array.isArray(obj.spec?.from) ? obj.spec.from : [];
  const to = Array.isArray(obj.spec?.to) ? obj.spec.to : [];
  return {
    from: from.map(f => `${f.kind} in ${f.namespace}`),
    to: to.map(t => `${t.kind}${t.name ? ` ${t.name}` : ''}`),
  };
}

export function summarizeParameters(
  obj: KubeObjectOf<'AgentgatewayParameters'>,
): ResourceSummary {
  const image = obj.spec?.image;
  return {
    image: image
      ? [image.registry, image.repository].filter(Boolean).join('/') +
        (image.tag ? `:${image.tag}` : '')
      : undefined,
    overrides: sortedKeys(obj.spec).filter(k => k !== 'image'),
  };
}

/**
 * AgentgatewayModel: `spec.provider` is an enum string (`OpenAI`, `VertexAI`, ...; reported lower-cased like the
 * backend provider keys) or the model is a `virtualModel` (`failover` / `weighted` / `conditional` over other models);
 * the matched model name is `spec.match.model`, defaulting to `metadata.name`.
 */
export function summarizeModel(
  obj: KubeObjectOf<'AgentgatewayModel'>,
): ResourceSummary {
  const spec = obj.spec;
  const virtual = spec?.virtualModel
    ? sortedKeys(spec.virtualModel)[0]
    : undefined;
  let provider: string | undefined;
  if (typeof spec?.provider === 'string')
    provider = spec.provider.toLowerCase();
  else if (virtual) provider = `virtual (${virtual})`;
  return {
    provider,
    model: spec?.match?.model ?? obj.metadata.name,
    visibility: spec?.visibility ?? 'Public',
    gateways: (Array.isArray(spec?.parentRefs) ? spec.parentRefs : []).map(
      p => p.name,
    ),
  };
}

export function summarizeSecret(
  obj: KubeObject<unknown, unknown>,
): ResourceSummary {
  // Values never leave the backend: only key names, type and metadata.
  return { type: obj.type ?? 'Opaque', keys: sortedKeys(obj.data) };
}
