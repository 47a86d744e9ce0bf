/**
 * Whether two results say the same, as their stored JSON would: a property holding `undefined` counts as absent.
 * Used to tell listeners only about results that changed (a replica reloading its own write changes nothing).
 */
export function sameResult(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return (
      a.length === other.length && a.every((v, i) => sameResult(v, other[i]))
    );
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) =>
    Object.keys(o).filter(k => o[k] !== undefined);
  const kx = keys(x);
  return kx.length === keys(y).length && kx.every(k => sameResult(x[k], y[k]));
}
