import { ObjectReference } from '../registry/types';
import type { ResourceItem } from '../api';
import type { KubeObject } from '../registry/types';
import { findRouteOverlaps, overlapProblem } from './overlaps';
import { outsidePartitionProblem } from './outsidePartition';
import type {
  ListenerSetParent,
  PartitionViolation,
} from '../partitions/types';
import type { AiGatewayApiSchemas as Schemas } from '../models';

/**
 * Completeness at a glance: what an entity's objects point at that does not exist, and what nothing uses.
 * - `MissingParent`: a route / model `parentRef` to a Gateway that does not exist;
 * - `MissingBackend`: a route `backendRef` (or MCP target `backendRef`) to an object that does not exist;
 * - `MissingTarget`: a policy `targetRef` to an object that does not exist;
 * - `MissingSecret`: a `secretRef` to a Secret that does not exist;
 * - `UnusedBackend`: an AgentgatewayBackend no route (of anyone) sends traffic to;
 * - `OverlappingMatch`: an HTTPRoute whose matches overlap another team's route on a shared Gateway listener
 *   (see `findRouteOverlaps`), shown to both owners;
 * - `OutsidePartition`: an HTTPRoute outside its owner's assignment on a partitioned shared Gateway (see
 *   `partitionViolations`), e.g. written before the partition or by a platform admin.
 * `severity` `error`: traffic cannot flow as configured; `warning`: probably unfinished.
 */
export type Problem = Schemas['Problem'];

export type ProblemType = Problem['type'];

/** `GET {ref}/problems` */
export type ProblemsResponse = Schemas['ProblemsResponse'];

/** What the checker may ask about the cluster (answers come from the caches). */
export interface ProblemLookup {
  /** Whether the referenced object exists; `undefined` when it cannot be known (a kind nobody caches, e.g. Service). */
  exists(cluster: string, ref: ObjectReference): boolean | undefined;
  /** How many objects in the cluster reference this one with `role` (routes' backendRefs for backends). */
  referrerCount(
    cluster: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): number;
  /** Every HTTPRoute of the cluster (for overlaps with other teams' routes); overlaps are skipped without it. */
  routes?(cluster: string): KubeObject[];
  /** A ListenerSet (`<namespace>/<name>`) → its Gateway and listeners, for overlaps through it (skipped without). */
  listenerSet?(cluster: string, ref: string): ListenerSetParent | undefined;
  /** Where an owned route leaves its assignment on partitioned Gateways; partitions are skipped without it. */
  partitionViolations?(
    cluster: string,
    route: KubeObject,
  ): PartitionViolation[];
}

const MISSING: Record<string, { type: ProblemType; what: string } | undefined> =
  {
    parent: { type: 'MissingParent', what: 'attaches to' },
    backend: { type: 'MissingBackend', what: 'sends traffic to' },
    target: { type: 'MissingTarget', what: 'targets' },
    secret: { type: 'MissingSecret', what: 'reads credentials from' },
  };

function refText(ref: ObjectReference): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** Pure: the problems of `items` (an entity's objects), asking `lookup` about everything else. */
export function findProblems(
  items: ResourceItem[],
  lookup: ProblemLookup,
): Problem[] {
  const problems: Problem[] = [];
  for (const item of items) {
    if (item.relation !== 'owned') continue;
    const at = {
      cluster: item.cluster,
      kind: item.kind,
      ...(item.namespace ? { namespace: item.namespace } : {}),
      name: item.name,
    };
    for (const ref of item.references) {
      const missing = MISSING[ref.role];
      if (!missing) continue;
      if (lookup.exists(item.cluster, ref) !== false) continue;
      problems.push({
        ...at,
        type: missing.type,
        severity: 'error',
        reference: ref,
        message: `${item.kind} ${item.name} ${missing.what} ${refText(
          ref,
        )}, which does not exist`,
      });
    }
    if (
      item.kind === 'AgentgatewayBackend' &&
      lookup.referrerCount(
        item.cluster,
        item.kind,
        item.namespace,
        item.name,
      ) === 0
    ) {
      problems.push({
        ...at,
        type: 'UnusedBackend',
        severity: 'warning',
        message: `No route sends traffic to backend ${item.name}`,
      });
    }
  }
  return [
    ...problems,
    ...overlapProblems(items, lookup),
    ...partitionProblems(items, lookup),
  ];
}

function partitionProblems(
  items: ResourceItem[],
  lookup: ProblemLookup,
): Problem[] {
  if (!lookup.partitionViolations) return [];
  return items
    .filter(i => i.relation === 'owned' && i.kind === 'HTTPRoute')
    .flatMap(i =>
      lookup.partitionViolations!(i.cluster, i.object).map(v =>
        outsidePartitionProblem(
          i.cluster,
          { namespace: i.namespace ?? '', name: i.name },
          v,
        ),
      ),
    );
}

function overlapProblems(
  items: ResourceItem[],
  lookup: ProblemLookup,
): Problem[] {
  const own = items.filter(
    i => i.relation === 'owned' && i.kind === 'HTTPRoute',
  );
  if (!own.length || !lookup.routes) return [];
  const problems: Problem[] = [];
  for (const cluster of new Set(own.map(i => i.cluster))) {
    const mine = new Set(
      own
        .filter(i => i.cluster === cluster)
        .map(i => `${i.namespace}/${i.name}`),
    );
    const isMine = (r: KubeObject) =>
      mine.has(`${r.metadata.namespace}/${r.metadata.name}`);
    const listenerSet = lookup.listenerSet
      ? (ref: string) => lookup.listenerSet!(cluster, ref)
      : undefined;
    for (const o of findRouteOverlaps(
      cluster,
      lookup.routes(cluster),
      isMine,
      listenerSet,
    ))
      for (const side of ['a', 'b'] as const) {
        const route = o[side];
        if (mine.has(`${route.namespace}/${route.name}`))
          problems.push(overlapProblem(o, side));
      }
  }
  return problems;
}
