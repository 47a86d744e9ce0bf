import {
  KubeObject,
  KubeObjectOf,
  ObjectReference,
  ResourceSummary,
} from '../registry/types';
import type { ListenerSetParent } from '../partitions/types';
import { dedupe, secretReferences } from './references';

type ListenerSet = KubeObjectOf<'ListenerSet'>;

const GATEWAY_API = 'gateway.networking.k8s.io';

/**
 * The Gateway a ListenerSet attaches its listeners to (`spec.parentRef`, kind Gateway by default, in the
 * ListenerSet's namespace unless it names one), as `<namespace>/<name>`; undefined when it names no Gateway.
 */
export function listenerSetGateway(obj: KubeObject): string | undefined {
  const ref = (obj.spec as ListenerSet['spec'] | undefined)?.parentRef;
  if (!ref || typeof ref.name !== 'string' || !ref.name) return undefined;
  if ((ref.kind ?? 'Gateway') !== 'Gateway') return undefined;
  if ((ref.group ?? GATEWAY_API) !== GATEWAY_API) return undefined;
  return `${ref.namespace ?? obj.metadata.namespace ?? ''}/${ref.name}`;
}

/** A ListenerSet's listeners by name → their `hostname` (absent: every host). */
export function listenerSetListeners(
  obj: KubeObject,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const listeners = (obj.spec as ListenerSet['spec'] | undefined)?.listeners;
  for (const l of Array.isArray(listeners) ? listeners : []) {
    if (l && typeof l.name === 'string')
      out[l.name] = typeof l.hostname === 'string' ? l.hostname : undefined;
  }
  return out;
}

/**
 * What a route's parentRef to this ListenerSet resolves to (its Gateway and listeners), as partitions and overlap
 * warnings see it; undefined for no object or one that names no Gateway.
 */
export function listenerSetParent(
  obj: KubeObject | undefined,
): ListenerSetParent | undefined {
  const gateway = obj && listenerSetGateway(obj);
  return gateway
    ? { gateway, listeners: listenerSetListeners(obj) }
    : undefined;
}

export function summarizeListenerSet(obj: ListenerSet): ResourceSummary {
  const listeners = Array.isArray(obj.spec?.listeners)
    ? obj.spec.listeners
    : [];
  const statusListeners = Array.isArray(obj.status?.listeners)
    ? obj.status.listeners
    : [];
  const gateway = listenerSetGateway(obj);
  return {
    gateways: gateway ? [gateway] : [],
    listeners: listeners.map(
      l =>
        `${l.name} ${l.protocol}/${l.port}${
          l.hostname ? ` ${l.hostname}` : ''
        }`,
    ),
    attachedRoutes: statusListeners
      .filter(l => typeof l.attachedRoutes === 'number')
      .map(l => `${l.name}: ${l.attachedRoutes}`),
  };
}

/** The parent Gateway and the listeners' certificate Secrets. */
export function listenerSetReferences(obj: ListenerSet): ObjectReference[] {
  const refs: ObjectReference[] = [];
  const gateway = listenerSetGateway(obj);
  if (gateway) {
    const [namespace, name] = gateway.split('/');
    refs.push({
      role: 'parent',
      group: GATEWAY_API,
      kind: 'Gateway',
      namespace,
      name,
    });
  }
  return dedupe([...refs, ...secretReferences(obj)]);
}
