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

/** The namespace ('' when cluster-scoped) and name of a `namespace/name` or `name` key. */
function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return slash < 0 ? ['', key] : [key.slice(0, slash), key.slice(slash + 1)];
}

/**
 * The objects of one kind in one cluster, indexed by namespace and label (`key=value`) so a request reads only the
 * objects it needs.
 *
 * Memory: objects are kept per namespace, by name (the namespace index is the store itself), and the label index
 * holds the objects, so no `namespace/name` string is kept per object.
 */
export class ObjectIndex {
  private readonly byNamespace = new Map<string, Map<string, KubeObject>>();
  private readonly byLabel = new Map<string, Set<KubeObject>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  upsert(obj: KubeObject): void {
    const namespace = obj.metadata.namespace ?? '';
    let names = this.byNamespace.get(namespace);
    if (!names) {
      names = new Map();
      this.byNamespace.set(namespace, names);
    }
    const old = names.get(obj.metadata.name);
    if (old) this.unlabel(old);
    else this.count++;
    names.set(obj.metadata.name, obj);
    const labels = obj.metadata.labels;
    if (!labels) return;
    for (const k of Object.keys(labels)) {
      const key = labelKey(k, labels[k]);
      let set = this.byLabel.get(key);
      if (!set) {
        set = new Set();
        this.byLabel.set(key, set);
      }
      set.add(obj);
    }
  }

  /** Removes by key (`namespace/name`, or `name` when cluster-scoped); returns the removed object. */
  remove(key: string): KubeObject | undefined {
    const [namespace, name] = splitKey(key);
    const names = this.byNamespace.get(namespace);
    const old = names?.get(name);
    if (!names || !old) return undefined;
    names.delete(name);
    if (names.size === 0) this.byNamespace.delete(namespace);
    this.count--;
    this.unlabel(old);
    return old;
  }

  /** Replaces the whole content (after a LIST); returns the keys that disappeared. */
  replaceAll(objs: KubeObject[]): string[] {
    const gone: string[] = [];
    if (this.count > 0) {
      const fresh = new Map<string, Set<string>>();
      for (const o of objs) {
        const ns = o.metadata.namespace ?? '';
        let names = fresh.get(ns);
        if (!names) fresh.set(ns, (names = new Set()));
        names.add(o.metadata.name);
      }
      for (const [ns, names] of this.byNamespace)
        for (const name of names.keys())
          if (!fresh.get(ns)?.has(name)) gone.push(ns ? `${ns}/${name}` : name);
      gone.forEach(k => this.remove(k));
    }
    objs.forEach(o => this.upsert(o));
    return gone;
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.byNamespace.get(namespace ?? '')?.get(name);
  }

  all(): KubeObject[] {
    const out: KubeObject[] = [];
    for (const names of this.byNamespace.values())
      for (const o of names.values()) out.push(o);
    return out;
  }

  inNamespace(namespace: string): KubeObject[] {
    const names = this.byNamespace.get(namespace);
    return names ? [...names.values()] : [];
  }

  withLabel(key: string, value: string): KubeObject[] {
    const set = this.byLabel.get(labelKey(key, value));
    return set ? [...set] : [];
  }

  /** How many objects carry `key=value` (for choosing the narrowest index). */
  countWithLabel(key: string, value: string): number {
    return this.byLabel.get(labelKey(key, value))?.size ?? 0;
  }

  countInNamespace(namespace: string): number {
    return this.byNamespace.get(namespace)?.size ?? 0;
  }

  private unlabel(old: KubeObject) {
    const labels = old.metadata.labels;
    if (!labels) return;
    for (const k of Object.keys(labels)) {
      const key = labelKey(k, labels[k]);
      const set = this.byLabel.get(key);
      if (!set) continue;
      set.delete(old);
      if (set.size === 0) this.byLabel.delete(key);
    }
  }
}
