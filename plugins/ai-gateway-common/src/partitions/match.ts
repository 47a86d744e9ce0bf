/**
 * The matching rules of partitions, as Gateway API defines them: hostnames with a leading `*.` label match one or
 * more labels (`*.example.com` matches `a.example.com` and `a.b.example.com`, not `example.com`); `PathPrefix`
 * matches path-element-wise (`/search` matches `/search` and `/search/x`, not `/searchx`; a trailing slash is
 * ignored); paths and prefixes compare case-sensitively.
 */

/** Gateway API's hostname syntax (lowercase labels, an optional leading `*.` label). */
const HOSTNAME =
  /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isHostname(value: string): boolean {
  return value.length <= 253 && HOSTNAME.test(value);
}

/** Whether every host a route's `host` claims is also claimed by the assignment's `pattern`. */
export function hostCovered(host: string, pattern: string): boolean {
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  if (h === p) return true;
  if (!p.startsWith('*.')) return false;
  const suffix = p.slice(1); // `.example.com`
  // `a.example.com` or `*.a.example.com` (the wildcard's hosts are all below the suffix too)
  const rest = h.startsWith('*.') ? h.slice(1) : `.${h}`;
  return rest.length > suffix.length && rest.endsWith(suffix);
}

/** Whether hostname patterns `a` and `b` can match one common host. */
export function hostsIntersect(a: string, b: string): boolean {
  return hostCovered(a, b) || hostCovered(b, a);
}

/** A path prefix as compared: without trailing slashes (`/` becomes ``, which covers everything). */
const trimPrefix = (p: string) => p.replace(/\/+$/, '');

/** Dot segments or empty segments: the CRD refuses them; never treat them as inside a prefix. */
const UNNORMALIZED = /(^|\/)\.{1,2}(\/|$)|\/\//;

/**
 * Whether every request path a match of `type` / `value` matches lies under `prefix`. `Exact /search/x` and
 * `PathPrefix /search/x` are under `/search`; `PathPrefix /searchx` and `PathPrefix /` are not.
 * RegularExpression matches are never proved covered (see `allowRegularExpressions`).
 */
export function pathCovered(
  type: string,
  value: string,
  prefix: string,
): boolean {
  if (type !== 'Exact' && type !== 'PathPrefix') return false;
  if (!value.startsWith('/') || UNNORMALIZED.test(value)) return false;
  const p = trimPrefix(prefix);
  if (p === '') return true;
  const v = type === 'PathPrefix' ? trimPrefix(value) : value;
  return v === p || v.startsWith(`${p}/`);
}

/** Whether `value` is a usable prefix in an assignment (absolute, normalized). */
export function isPathPrefix(value: string): boolean {
  return value.startsWith('/') && !UNNORMALIZED.test(value);
}
