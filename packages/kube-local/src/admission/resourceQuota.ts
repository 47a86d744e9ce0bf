/**
 * ResourceQuota object-count quotas, as the ResourceQuota admission plugin and the quota controller enforce them:
 * `count/<plural>` (core), `count/<plural>.<group>` and the legacy core names (`pods`, `services`, `secrets`,
 * `configmaps`, `resourcequotas`). A create that would take a namespace over a quota's hard limit is refused with
 * 403 `<resource> "<name>" is forbidden: exceeded quota: <quota>, requested: ..., used: ..., limited: ...`;
 * `status.hard` / `status.used` are kept current. Compute resources (cpu, memory...) are stored but not enforced.
 */
import { StatusError } from '../errors/StatusError';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject, ResourceType, typeKey } from '../types';

export const QUOTA_KEY = 'resourcequotas';
const LEGACY_COUNTED = new Set([
  'pods',
  'services',
  'secrets',
  'configmaps',
  'resourcequotas',
  'persistentvolumeclaims',
  'replicationcontrollers',
]);

const SUFFIX: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  m: 1e-3,
};

/** A Kubernetes quantity as a number (NaN when it is not one). */
export function quantityValue(q: unknown): number {
  const m = /^([+-]?[0-9.]+)([a-zA-Z]*)$/.exec(String(q ?? '').trim());
  if (!m || !(m[2] in SUFFIX)) return NaN;
  return Number(m[1]) * SUFFIX[m[2]];
}

/** The store key of the type a quota resource name counts, or undefined for what is not an object count. */
export function countedKey(resourceName: string): string | undefined {
  if (resourceName.startsWith('count/')) {
    const r = resourceName.slice('count/'.length);
    const dot = r.indexOf('.');
    return dot < 0 ? r : typeKey(r.slice(dot + 1), r.slice(0, dot));
  }
  return LEGACY_COUNTED.has(resourceName) ? resourceName : undefined;
}

function used(
  store: ObjectStore,
  namespace: string,
  hard: Record<string, unknown>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(hard)) {
    const key = countedKey(name);
    out[name] = String(key ? store.list(key, namespace).length : 0);
  }
  return out;
}

const pretty = (m: Record<string, string>) =>
  Object.keys(m)
    .sort()
    .map(k => `${k}=${m[k]}`)
    .join(',');

/** Refuse a create that exceeds a quota of its namespace (403 Forbidden, worded like the real plugin). */
export function checkQuota(
  store: ObjectStore,
  type: ResourceType,
  object: KubeObject,
): void {
  const namespace = object.metadata?.namespace;
  if (!namespace) return;
  const key = typeKey(type.group, type.plural);
  for (const quota of store.list(QUOTA_KEY, namespace)) {
    const hard: Record<string, unknown> = quota.spec?.hard ?? {};
    const names = Object.keys(hard).filter(n => countedKey(n) === key);
    if (names.length === 0) continue;
    const now = used(store, namespace, hard);
    const exceeded = names.filter(
      n => Number(now[n]) + 1 > quantityValue(hard[n]),
    );
    if (exceeded.length === 0) continue;
    const pick = (f: (n: string) => string) =>
      Object.fromEntries(exceeded.map(n => [n, f(n)]));
    const message = `exceeded quota: ${
      quota.metadata!.name
    }, requested: ${pretty(pick(() => '1'))}, used: ${pretty(
      pick(n => now[n]),
    )}, limited: ${pretty(pick(n => String(hard[n])))}`;
    const resource = type.group ? `${type.plural}.${type.group}` : type.plural;
    const name = object.metadata?.name ?? '';
    throw new StatusError(
      403,
      'Forbidden',
      `${resource}${
        name ? ` ${JSON.stringify(name)}` : ''
      } is forbidden: ${message}`,
      {
        name: name || undefined,
        group: type.group || undefined,
        kind: type.plural,
      },
    );
  }
}

/**
 * The quota controller: after every change in a namespace with quotas, `status.hard` / `status.used` are brought up
 * to date (as a status write with its own resourceVersion). Runs after the change's own event was delivered.
 */
export function startQuotaController(store: ObjectStore): () => void {
  const pending = new Set<string>();
  const sync = () => {
    for (const ns of pending) {
      pending.delete(ns);
      for (const quota of store.list(QUOTA_KEY, ns)) {
        const hard = quota.spec?.hard ?? {};
        const status = { hard: { ...hard }, used: used(store, ns, hard) };
        if (JSON.stringify(quota.status ?? {}) === JSON.stringify(status))
          continue;
        store.commit(QUOTA_KEY, { ...quota, status });
      }
    }
  };
  return store.subscribe(e => {
    if (!e.namespace || store.count(QUOTA_KEY) === 0) return;
    if (pending.size === 0) queueMicrotask(sync);
    pending.add(e.namespace);
  });
}
