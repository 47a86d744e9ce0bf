import {
  KubeObject,
  parentRefs,
  routeBackendRefs,
  policyTargetRefs,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** An object of one cluster, as the caches hold them. */
export interface TopologyObject {
  cluster: string;
  object: KubeObject;
}

/**
 * Who looks: the platform sees everything; an entity sees the objects it owns (selected by its kubernetes
 * annotations, decided by the caller) plus the shared gateways its routes attach to.
 */
export type TopologyScope =
  | { type: 'platform' }
  | {
      type: 'entity';
      entityRef: string;
      owns: (cluster: string, obj: KubeObject) => boolean;
    };

export const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute']);
export const BACKEND_KINDS = new Set(['AgentgatewayBackend', 'Service']);

export const objectKey = (
  cluster: string,
  kind: string,
  namespace: string | undefined,
  name: string,
) => `${cluster}|${kind}|${namespace ?? ''}|${name}`;

export const keyOf = (o: TopologyObject) =>
  objectKey(
    o.cluster,
    o.object.kind,
    o.object.metadata.namespace,
    o.object.metadata.name,
  );

/** `namespace/name`, the form agentgateway writes in its `gateway`, `route` and `backend` labels. */
export const nsName = (o: KubeObject) =>
  `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;

export interface VisibleSet {
  /** object key → relation */
  relation: Map<string, 'owned' | 'attached'>;
  /** object keys referenced by visible objects but not visible themselves */
  external: Set<string>;
}

/** Decides which objects a scope sees. Pure. */
export function visibleObjects(
  objects: TopologyObject[],
  scope: TopologyScope,
): VisibleSet {
  const relation = new Map<string, 'owned' | 'attached'>();
  const external = new Set<string>();
  const relevant = (k: string) =>
    k === 'Gateway' ||
    ROUTE_KINDS.has(k) ||
    k === 'AgentgatewayBackend' ||
    k === 'AgentgatewayPolicy';
  if (scope.type === 'platform') {
    for (const o of objects)
      if (relevant(o.object.kind)) relation.set(keyOf(o), 'owned');
    return { relation, external };
  }
  const byKey = new Map(objects.map(o => [keyOf(o), o]));
  for (const o of objects) {
    if (relevant(o.object.kind) && scope.owns(o.cluster, o.object))
      relation.set(keyOf(o), 'owned');
  }
  // shared gateways the entity's routes attach to, and backends its routes reference
  for (const o of objects) {
    if (!ROUTE_KINDS.has(o.object.kind) || relation.get(keyOf(o)) !== 'owned')
      continue;
    for (const p of parentRefs(o.object)) {
      const k = objectKey(o.cluster, p.kind, p.namespace, p.name);
      if (relation.has(k)) continue;
      if (byKey.has(k)) relation.set(k, 'attached');
      else external.add(k);
    }
    for (const b of routeBackendRefs(o.object)) {
      const k = objectKey(o.cluster, b.kind, b.namespace, b.name);
      if (!relation.has(k)) external.add(k);
    }
  }
  // policies attached to those shared gateways explain denials the entity sees (JWT, rate limits)
  for (const o of objects) {
    if (o.object.kind !== 'AgentgatewayPolicy' || relation.has(keyOf(o)))
      continue;
    const targetsShared = policyTargetRefs(o.object).some(
      t =>
        t.kind === 'Gateway' &&
        relation.get(objectKey(o.cluster, 'Gateway', t.namespace, t.name)) ===
          'attached',
    );
    if (targetsShared) relation.set(keyOf(o), 'attached');
  }
  for (const k of relation.keys()) external.delete(k);
  return { relation, external };
}
