import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { factsOf } from './facts';

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

/** Decides which objects a scope sees. Pure (the per-object references come from the cached facts). */
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
  const facts = objects.map(factsOf);
  const keys = new Set(facts.map(f => f.key));
  for (const f of facts) {
    if (relevant(f.object.kind) && scope.owns(f.cluster, f.object))
      relation.set(f.key, 'owned');
  }
  // shared gateways the entity's routes attach to, and backends its routes reference
  for (const f of facts) {
    if (!ROUTE_KINDS.has(f.object.kind) || relation.get(f.key) !== 'owned')
      continue;
    for (const p of f.parents) {
      if (relation.has(p.key)) continue;
      if (keys.has(p.key)) relation.set(p.key, 'attached');
      else external.add(p.key);
    }
    for (const b of f.backends) if (!relation.has(b.key)) external.add(b.key);
  }
  // policies attached to those shared gateways explain denials the entity sees (JWT, rate limits)
  for (const f of facts) {
    if (f.object.kind !== 'AgentgatewayPolicy' || relation.has(f.key)) continue;
    const targetsShared = f.targets.some(
      t => t.kind === 'Gateway' && relation.get(t.key) === 'attached',
    );
    if (targetsShared) relation.set(f.key, 'attached');
  }
  for (const k of relation.keys()) external.delete(k);
  return { relation, external };
}
