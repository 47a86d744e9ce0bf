import {
  KubeObject,
  Problem,
  ResourceItem,
  findKind,
  findProblems,
  findRouteOverlaps,
  listenerSetParent,
  overlapProblem,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { toResourceItem } from './resourceItems';

/** A ListenerSet (`<namespace>/<name>`) of `everything` → its Gateway and listeners, as the backend resolves it. */
const listenerSetIn = (everything: KubeObject[]) => (ref: string) =>
  listenerSetParent(
    everything.find(
      o =>
        o.kind === 'ListenerSet' &&
        `${o.metadata.namespace}/${o.metadata.name}` === ref,
    ),
  );

/**
 * The problems of `owned` (an entity's objects) in one cluster where `everything` exists, with the lookup
 * semantics of the backend: references to kinds outside the registry (e.g. Service) are unknown, not missing.
 */
export function fixtureProblems(
  owned: KubeObject[],
  everything: KubeObject[],
): Problem[] {
  const known = (o: KubeObject) => !!findKind(o.kind);
  const items = owned
    .filter(known)
    .map(o => toResourceItem(o, { relation: 'owned' }));
  const all: ResourceItem[] = everything
    .filter(known)
    .map(o => toResourceItem(o));
  return findProblems(items, {
    exists: (_cluster, ref) => {
      const kind = findKind(ref.kind);
      if (!kind || kind.group !== ref.group) return undefined;
      return all.some(
        i =>
          i.kind === kind.kind &&
          i.name === ref.name &&
          (!kind.namespaced || (i.namespace ?? 'default') === ref.namespace),
      );
    },
    referrerCount: (_cluster, kind, namespace, name) =>
      all.filter(i =>
        i.references.some(
          r =>
            r.role === 'backend' &&
            r.kind === kind &&
            r.name === name &&
            (namespace === undefined || r.namespace === namespace),
        ),
      ).length,
    routes: () => everything.filter(o => o.kind === 'HTTPRoute'),
    listenerSet: (_cluster, ref) => listenerSetIn(everything)(ref),
  });
}

/** Like the platform overview of the backend: overlapping routes of different namespaces, one problem per side. */
export function fixtureOverlaps(everything: KubeObject[]): Problem[] {
  return findRouteOverlaps(
    'local',
    everything.filter(o => o.kind === 'HTTPRoute'),
    undefined,
    listenerSetIn(everything),
  ).flatMap(o => [overlapProblem(o, 'a'), overlapProblem(o, 'b')]);
}
