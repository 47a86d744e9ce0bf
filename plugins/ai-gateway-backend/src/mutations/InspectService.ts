import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  ObjectReference,
  ProblemsResponse,
  RESOURCE_KINDS,
  ReferrersResponse,
  ResourceItem,
  findKind,
  KubeObject,
  Problem,
  findProblems,
  outsidePartitionProblem,
  partitionViolations,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../cache/ResourceCaches';
import { cachedListenerSet } from '../partitions/cachedListenerSet';
import { toResourceItem } from '../service/items';
import type { WriteScopes } from './createMutationServices';
import { isSelected } from './ownership';
import { ChangeCounter, VersionedCache, observable } from './problemsCache';
import type { PartitionCheck } from './partitions';

/** Everything in `cluster` that references the object (from the registry's `references()`), from the caches. */
export function referrersOf(
  reader: ResourceReader,
  cluster: string,
  target: { group: string; kind: string; namespace?: string; name: string },
): ResourceItem[] {
  const out: ResourceItem[] = [];
  const hits = (r: ObjectReference) =>
    r.group === target.group &&
    r.kind === target.kind &&
    r.name === target.name &&
    r.namespace === (target.namespace ?? '');
  for (const kind of RESOURCE_KINDS) {
    for (const obj of reader.query(cluster, kind.kind)) {
      if (kind.references(obj).some(hits))
        out.push(toResourceItem(cluster, kind, obj, 'owned'));
    }
  }
  return out;
}

/** How many objects of the cluster send traffic to each target (`backend` references), keyed `kind|namespace|name`. */
function backendReferrers(
  reader: ResourceReader,
  cluster: string,
): Map<string, number> {
  const lists = RESOURCE_KINDS.map(kind => ({
    kind,
    objects: reader.query(cluster, kind.kind),
  }));
  const counts = new Map<string, number>();
  for (const { kind, objects } of lists)
    for (const obj of objects) {
      const seen = new Set<string>();
      // the item's references are computed once per object version (toResourceItem is memoized)
      for (const r of toResourceItem(cluster, kind, obj, 'owned').references) {
        if (r.role !== 'backend') continue;
        const k = `${r.kind}|${r.namespace ?? ''}|${r.name}`;
        if (seen.has(k)) continue;
        seen.add(k);
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
    }
  return counts;
}

/** How long a computed problems answer is kept at most (the caches' changes end it earlier). */
const PROBLEMS_TTL_MS = 5000;

/** Read-only questions about an entity's objects: referrers, completeness (validation: the writer; what the caller may do: the permission framework). */
export class InspectService {
  constructor(
    private readonly o: {
      reader: ResourceReader;
      scopes: WriteScopes;
      /** the shared Gateways' partitions (routes outside their assignment are problems) */
      partitions?: PartitionCheck;
      /** the annotated catalog entities selecting a route, with their owners (the ownership index) */
      routeOwners?(
        route: KubeObject,
      ): Promise<Array<{ entityRef: string; owners: string[] }>>;
    },
  ) {}

  /**
   * For the platform page (the caller checked `ai-gateway.platform.read`): every HTTPRoute outside its owner's
   * assignment on a partitioned Gateway. A route's subjects are the entities selecting it (inside when one of
   * them is assigned the route's space) or, when no entity selects it, only its namespace.
   */
  async outsidePartitions(): Promise<Problem[]> {
    const { reader, partitions, routeOwners } = this.o;
    if (!partitions) return [];
    const problems: Problem[] = [];
    for (const cluster of reader.clusterNames()) {
      const partitionOf = (gateway: string) =>
        partitions.partitionOf(cluster, gateway);
      const listenerSets = partitions.listenerSets(cluster);
      for (const route of reader.query(cluster, 'HTTPRoute')) {
        const namespace = route.metadata.namespace ?? '';
        // cheap first: a route on no partitioned Gateway has no violation whoever owns it
        const unowned = partitionViolations(
          route,
          { namespace },
          partitionOf,
          listenerSets,
        );
        if (unowned.length === 0) continue;
        const owners = (await routeOwners?.(route)) ?? [];
        let best = unowned;
        for (const o of owners) {
          const v = partitionViolations(
            route,
            { namespace, ...o },
            partitionOf,
            listenerSets,
          );
          if (v.length < best.length || best === unowned) best = v;
          if (v.length === 0) break;
        }
        for (const v of best)
          problems.push(
            outsidePartitionProblem(
              cluster,
              { namespace, name: route.metadata.name },
              v,
            ),
          );
      }
    }
    return problems;
  }

  /** The entity's selection, with `ai-gateway.resource.read` on it. */
  private async readable(entityRef: string, credentials: BackstageCredentials) {
    const scope = this.o.scopes.entity(entityRef, credentials);
    await scope.authorize('read');
    return scope.resolved;
  }

  /** Objects that reference one of the entity's objects: the entity's own in full, others only counted. */
  async referrers(
    entityRef: string,
    kindName: string,
    name: string,
    credentials: BackstageCredentials,
  ): Promise<ReferrersResponse & { others: number }> {
    const resolved = await this.readable(entityRef, credentials);
    const kind = findKind(kindName);
    if (!kind) return this.notFound(kindName, name, entityRef);
    const cluster = this.o.scopes.placement.clusterOf(
      kind.kind,
      name,
      resolved,
      resolved.selection.namespace,
    );
    const target = this.o.reader
      .query(cluster, kind.kind, resolved.query)
      .find(o => o.metadata.name === name);
    if (!target) return this.notFound(kindName, name, entityRef);
    const all = referrersOf(this.o.reader, cluster, {
      group: kind.group,
      kind: kind.kind,
      namespace: target.metadata.namespace,
      name,
    });
    const own = all.filter(i => isSelected(resolved, i.object));
    return { items: own, others: all.length - own.length };
  }

  /** Completeness problems of the entity's objects in every cluster (see `findProblems`). */
  async problems(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ProblemsResponse> {
    const scope = this.o.scopes.entity(entityRef, credentials);
    await scope.authorize('read');
    const key = `${entityRef}\u0000${JSON.stringify(scope.resolved.query)}`;
    return this.cachedProblems(key, () => this.findProblemsOf(scope));
  }

  /**
   * Problems per (entity, selection), kept until any cached object changes or {@link PROBLEMS_TTL_MS} passes
   * (the inputs the caches do not hold: the entity's partition assignment). Not cached over test readers.
   */
  private problemsCache?: VersionedCache<ProblemsResponse> | null;

  private cachedProblems(
    key: string,
    compute: () => Promise<ProblemsResponse>,
  ): Promise<ProblemsResponse> {
    if (this.problemsCache === undefined) {
      const caches = observable(this.o.reader);
      this.problemsCache = caches
        ? new VersionedCache<ProblemsResponse>({
            changes: new ChangeCounter(
              caches,
              RESOURCE_KINDS.map(k => k.kind),
            ),
            ttlMs: PROBLEMS_TTL_MS,
          })
        : null;
    }
    return this.problemsCache
      ? this.problemsCache.get(key, compute)
      : compute();
  }

  private async findProblemsOf(
    scope: ReturnType<WriteScopes['entity']>,
  ): Promise<ProblemsResponse> {
    const resolved = scope.resolved;
    const { reader, partitions } = this.o;
    const kinds = RESOURCE_KINDS.filter(
      k => k.scope !== 'platform' || k.kind === 'Gateway',
    );
    await reader.waitUntilSettled(
      RESOURCE_KINDS.map(k => k.kind),
      5000,
    );
    const items = reader
      .clusterNames()
      .flatMap(cluster =>
        kinds.flatMap(kind =>
          reader
            .query(cluster, kind.kind, resolved.query)
            .map(o => toResourceItem(cluster, kind, o, 'owned')),
        ),
      );
    const referrers = new Map<string, Map<string, number>>();
    return {
      problems: findProblems(items, {
        exists: (cluster, ref) => {
          const kind = findKind(ref.kind);
          if (!kind || kind.group !== ref.group) return undefined;
          return (
            reader.get(
              cluster,
              kind.kind,
              kind.namespaced ? ref.namespace : undefined,
              ref.name,
            ) !== undefined
          );
        },
        // one pass over the cluster's objects per cluster (not one per backend: 1,000 backends x 2,000 objects)
        referrerCount: (cluster, kind, namespace, name) => {
          let counts = referrers.get(cluster);
          if (!counts) {
            counts = backendReferrers(reader, cluster);
            referrers.set(cluster, counts);
          }
          return counts.get(`${kind}|${namespace ?? ''}|${name}`) ?? 0;
        },
        routes: cluster => reader.query(cluster, 'HTTPRoute'),
        listenerSet: (cluster, ref) => cachedListenerSet(reader, cluster)(ref),
        ...(partitions && {
          partitionViolations: (cluster, route) =>
            partitionViolations(
              route,
              scope.partitionSubject(route.metadata.namespace ?? ''),
              gateway => partitions.partitionOf(cluster, gateway),
              partitions.listenerSets(cluster),
            ),
        }),
      }),
    };
  }

  private notFound(kind: string, name: string, entityRef: string): never {
    throw new NotFoundError(`${kind} ${name} not found for ${entityRef}`);
  }
}
