import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** `namespace/name` (or `name` for cluster-scoped objects). */
export function objectKey(obj: Pick<KubeObject, 'metadata'>): string {
  return obj.metadata.namespace
    ? `${obj.metadata.namespace}/${obj.metadata.name}`
    : obj.metadata.name;
}

function labelKey(key: string, value: string): string {
  return `${key}=${value}`;
}

function addTo(index: Map<string, Set<string>>, key: string, member: string) {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(member);
}

function removeFrom(
  index: Map<string, Set<string>>,
  key: string,
  member: string,
) {
  const set = index.get(key);
  if (!set) return;
  set.delete(member);
  if (set.size === 0) index.delete(key);
}

/**
 * The objects of one kind in one cluster, indexed by key, namespace and label (`key=value`) so a
 * request reads only the objects it needs.
 */
export class ObjectIndex {
  private readonly objects = new Map<string, KubeObject>();
  private readonly byNamespace = new Map<string, Set<string>>();
  private readonly byLabel = new Map<string, Set<string>>();

  get size(): number {
    return this.objects.size;
  }

  upsert(obj: KubeObject): void {
    const key = objectKey(obj);
    this.remove(key);
    this.objects.set(key, obj);
    addTo(this.byNamespace, obj.metadata.namespace ?? '', key);
    for (const [k, v] of Object.entries(obj.metadata.labels ?? {}))
      addTo(this.byLabel, labelKey(k, v), key);
  }

  /** Removes by key; returns the removed object. */
  remove(key: string): KubeObject | undefined {
    const old = this.objects.get(key);
    if (!old) return undefined;
    this.objects.delete(key);
    removeFrom(this.byNamespace, old.metadata.namespace ?? '', key);
    for (const [k, v] of Object.entries(old.metadata.labels ?? {}))
      removeFrom(this.byLabel, labelKey(k, v), key);
    return old;
  }

  /** Replaces the whole content (after a LIST); returns the keys that disappeared. */
  replaceAll(objs: KubeObject[]): string[] {
    const fresh = new Set(objs.map(objectKey));
    const gone = [...this.objects.keys()].filter(k => !fresh.has(k));
    gone.forEach(k => this.remove(k));
    objs.forEach(o => this.upsert(o));
    return gone;
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(namespace ? `${namespace}/${name}` : name);
  }

  all(): KubeObject[] {
    return [...this.objects.values()];
  }

  inNamespace(namespace: string): KubeObject[] {
    return this.collect(this.byNamespace.get(namespace));
  }

  withLabel(key: string, value: string): KubeObject[] {
    return this.collect(this.byLabel.get(labelKey(key, value)));
  }

  /** How many objects carry `key=value` (for choosing the narrowest index). */
  countWithLabel(key: string, value: string): number {
    return this.byLabel.get(labelKey(key, value))?.size ?? 0;
  }

  countInNamespace(namespace: string): number {
    return this.byNamespace.get(namespace)?.size ?? 0;
  }

  private collect(keys: Set<string> | undefined): KubeObject[] {
    if (!keys) return [];
    const out: KubeObject[] = [];
    for (const k of keys) {
      const o = this.objects.get(k);
      if (o) out.push(o);
    }
    return out;
  }
}
