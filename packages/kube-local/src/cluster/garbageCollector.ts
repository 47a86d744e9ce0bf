/**
 * The garbage collector's part of deletion (kube-controller-manager's garbagecollector), run shortly after each
 * change: dependents (objects whose `ownerReferences` name a uid) of an owner that is gone are deleted; an owner
 * deleting in the foreground (`foregroundDeletion` finalizer) has its dependents deleted first and then loses the
 * finalizer; an owner deleting with `orphan` has its references removed from its dependents and then loses the
 * finalizer. Removing the last finalizer completes the owner's deletion.
 */
import { StoreEvent } from '../store/ObjectStore';
import { KubeObject, ResourceType, typeKey } from '../types';
import type { Cluster } from './Cluster';
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN } from './deletion';
import { finalizeNamespace } from './namespaceLifecycle';

const refs = (
  o: KubeObject,
): Array<{ uid: string; apiVersion?: string; kind?: string }> =>
  Array.isArray(o.metadata?.ownerReferences) ? o.metadata!.ownerReferences : [];

interface Located {
  type: ResourceType;
  object: KubeObject;
}

export class GarbageCollector {
  private scheduled = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly cluster: Cluster) {
    this.unsubscribe = cluster.store.subscribe(e => this.onEvent(e));
  }

  stop(): void {
    this.unsubscribe();
  }

  private onEvent(e: StoreEvent): void {
    const m = e.object.metadata ?? {};
    const relevant =
      e.type === 'DELETED' ||
      (m.deletionTimestamp && e.key === 'namespaces') ||
      (m.deletionTimestamp &&
        (m.finalizers ?? []).some(
          (f: string) => f === FINALIZER_FOREGROUND || f === FINALIZER_ORPHAN,
        ));
    if (!relevant || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.attempt(() => this.collect());
    });
  }

  /** One pass over every object (cheap at kube-local's sizes); changes schedule the next pass through their events. */
  private collect(): void {
    const all: Located[] = [];
    for (const type of this.cluster.registry.all()) {
      for (const object of this.cluster.store.list(
        typeKey(type.group, type.plural),
      ))
        all.push({ type, object });
    }
    const byUid = new Map(all.map(l => [l.object.metadata!.uid as string, l]));
    for (const owner of all) {
      const m = owner.object.metadata!;
      if (!m.deletionTimestamp) continue;
      const dependents = all.filter(d =>
        refs(d.object).some(r => r.uid === m.uid),
      );
      if ((m.finalizers ?? []).includes(FINALIZER_ORPHAN)) {
        for (const d of dependents)
          this.attempt(() =>
            this.cluster.updateMetadata(
              d.type,
              d.object,
              dm =>
                (dm.ownerReferences = refs(d.object).filter(
                  r => r.uid !== m.uid,
                )),
            ),
          );
        this.attempt(() =>
          this.cluster.updateMetadata(
            owner.type,
            owner.object,
            om =>
              (om.finalizers = om.finalizers.filter(
                (f: string) => f !== FINALIZER_ORPHAN,
              )),
          ),
        );
      } else if ((m.finalizers ?? []).includes(FINALIZER_FOREGROUND)) {
        const pending = dependents.filter(
          d => !d.object.metadata!.deletionTimestamp,
        );
        for (const d of pending)
          this.attempt(() =>
            this.cluster.delete(
              d.type,
              d.object.metadata!.namespace,
              d.object.metadata!.name,
              { propagationPolicy: 'Foreground' },
            ),
          );
        if (dependents.length === 0) {
          this.attempt(() =>
            this.cluster.updateMetadata(
              owner.type,
              owner.object,
              om =>
                (om.finalizers = om.finalizers.filter(
                  (f: string) => f !== FINALIZER_FOREGROUND,
                )),
            ),
          );
        }
      }
    }
    this.terminateNamespaces(all);
    for (const d of all) {
      const owners = refs(d.object);
      if (owners.length === 0 || d.object.metadata!.deletionTimestamp) continue;
      // an owner of a kind this server does not serve cannot be looked up: the real collector leaves such references
      const alive = owners.filter(r => byUid.has(r.uid) || !this.served(r));
      if (alive.length === owners.length) continue;
      if (alive.length === 0)
        this.attempt(() =>
          this.cluster.delete(
            d.type,
            d.object.metadata!.namespace,
            d.object.metadata!.name,
            {},
          ),
        );
      else
        this.attempt(() =>
          this.cluster.updateMetadata(
            d.type,
            d.object,
            dm => (dm.ownerReferences = alive),
          ),
        );
    }
  }

  /** The namespace controller: delete the content of terminating namespaces, then finalize them. */
  private terminateNamespaces(all: Located[]): void {
    for (const ns of all) {
      const m = ns.object.metadata!;
      if (
        ns.type.kind !== 'Namespace' ||
        !m.deletionTimestamp ||
        !(ns.object.spec?.finalizers ?? []).includes('kubernetes')
      )
        continue;
      const content = all.filter(
        o => o.type.namespaced && o.object.metadata!.namespace === m.name,
      );
      for (const o of content) {
        if (!o.object.metadata!.deletionTimestamp)
          this.attempt(() =>
            this.cluster.delete(o.type, m.name, o.object.metadata!.name, {}),
          );
      }
      if (content.length === 0)
        this.attempt(() => finalizeNamespace(this.cluster, m.name));
    }
  }

  private served(r: { apiVersion?: string; kind?: string }): boolean {
    const [group, version] = String(r.apiVersion ?? '').includes('/')
      ? String(r.apiVersion).split('/')
      : ['', String(r.apiVersion ?? '')];
    return !!this.cluster.registry.byKind(group, version, String(r.kind ?? ''));
  }

  /** A controller retries later; here the next event retries. Conflicts and gone objects are expected. */
  private attempt(fn: () => unknown): void {
    try {
      fn();
    } catch {
      // the object changed or is gone: the event of that change schedules the next pass
    }
  }
}
