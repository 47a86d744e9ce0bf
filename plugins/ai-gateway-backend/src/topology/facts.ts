import {
  KubeObject,
  SummaryValues,
  TopologyNode,
  findKind,
  parentRefs,
  policyTargetRefs,
  routeBackendRefs,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { backendRefIdentity } from './labels';
import { TopologyObject, keyOf, nsName, objectKey } from './scope';
import { ObjectStatus, listenerStatus, statusOf } from './status';

/** A node id from an object key (`cluster|kind|ns|name` → `cluster:kind:ns:name`). */
export const nodeId = (key: string) => key.replace(/\|/g, ':');

export interface ListenerFacts {
  name: string;
  label: string;
  hostname?: string;
  protocol?: string;
  port?: number;
  status: TopologyNode['status'];
}

export interface RefFacts {
  key: string;
  id: string;
  /** `namespace/name`, how agentgateway's labels name it */
  name: string;
}

/**
 * What the graph needs of one object version, computed once: the object caches hand out the same object
 * until a watch event replaces it, so a watch event recomputes the facts of exactly the objects it changed.
 */
export interface ObjectFacts {
  object: KubeObject;
  cluster: string;
  key: string;
  id: string;
  /** `namespace/name` */
  name: string;
  ref: NonNullable<TopologyNode['ref']>;
  label: string;
  status: ObjectStatus;
  details: SummaryValues;
  /** Gateway listeners */
  listeners: ListenerFacts[];
  /** route parentRefs (with the listener they name, if any) */
  parents: Array<RefFacts & { section?: string }>;
  /** route backendRefs (`identity`: how the `backend` label names it) */
  backends: Array<RefFacts & { identity: string; weight?: number }>;
  /** policy targetRefs: object keys, node ids (and the listener section, if any) */
  targets: Array<{ key: string; id: string; kind: string; section?: string }>;
}

const cache = new WeakMap<KubeObject, ObjectFacts>();

const asArray = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** The facts of an object version (cached per object identity). */
export function factsOf(o: TopologyObject): ObjectFacts {
  const hit = cache.get(o.object);
  if (hit && hit.cluster === o.cluster) return hit;
  const { object, cluster } = o;
  const { namespace, name } = object.metadata;
  const kind = object.kind;
  const key = keyOf(o);
  const d = findKind(kind);
  const isRoute = kind === 'HTTPRoute' || kind === 'GRPCRoute';
  const facts: ObjectFacts = {
    object,
    cluster,
    key,
    id: nodeId(key),
    name: nsName(object),
    ref: { kind, ...(namespace ? { namespace } : {}), name },
    label: `${namespace ? `${namespace}/` : ''}${name}`,
    status: statusOf(object),
    details: d ? d.summarize(object) : {},
    listeners:
      kind === 'Gateway'
        ? asArray<{
            name: string;
            protocol?: string;
            port?: number;
            hostname?: string;
          }>(object.spec?.listeners).map(l => ({
            name: l.name,
            label: `${l.name} ${l.protocol ?? ''}/${l.port ?? ''}`.trim(),
            hostname: l.hostname,
            protocol: l.protocol,
            port: l.port,
            status: listenerStatus(object, l.name),
          }))
        : [],
    parents: isRoute
      ? parentRefs(object).map(p => {
          const k = objectKey(cluster, p.kind, p.namespace, p.name);
          return {
            key: k,
            id: nodeId(k),
            name: `${p.namespace}/${p.name}`,
            ...(p.sectionName ? { section: p.sectionName } : {}),
          };
        })
      : [],
    backends: isRoute
      ? routeBackendRefs(object).map(b => {
          const k = objectKey(cluster, b.kind, b.namespace, b.name);
          return {
            key: k,
            id: nodeId(k),
            name: `${b.namespace}/${b.name}`,
            identity: backendRefIdentity(b),
            ...(b.weight !== undefined ? { weight: b.weight } : {}),
          };
        })
      : [],
    targets:
      kind === 'AgentgatewayPolicy'
        ? policyTargetRefs(object).map(t => {
            const k = objectKey(cluster, t.kind, t.namespace, t.name);
            return {
              key: k,
              id: nodeId(k),
              kind: t.kind,
              ...(t.sectionName ? { section: t.sectionName } : {}),
            };
          })
        : [],
  };
  cache.set(object, facts);
  return facts;
}
