/**
 * Summary lists must not depend on the order in which a server happens to send an object's keys (kube-apiserver
 * serializes maps with sorted keys, kube-local in insertion order): keys of maps are listed sorted.
 */
export function sortedKeys(value: object | undefined | null): string[] {
  return Object.keys(value ?? {}).sort();
}

/** `k=v` for every entry of a string map, sorted by key. */
export function sortedPairs(value: object | undefined | null): string[] {
  return Object.entries(value ?? {})
    .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
    .map(([k, v]) => `${k}=${String(v)}`);
}
