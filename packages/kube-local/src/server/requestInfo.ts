/** A request for a resource (collection, object or subresource), parsed from the URL path. */
export interface ResourcePath {
  group: string;
  version: string;
  namespace?: string;
  plural: string;
  name?: string;
  subresource?: string;
  /** The deprecated `/watch/` prefix (`/api/v1/watch/namespaces/ns/configmaps[/name]`): a watch. */
  watch?: boolean;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** `/api/v1/[watch/]...` or `/apis/<group>/<version>/...` → resource path; undefined for anything else (incl. discovery). */
export function parseResourcePath(pathname: string): ResourcePath | undefined {
  const segs = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 3) {
    group = '';
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 4) {
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else return undefined;
  const watch = rest[0] === 'watch' && rest.length > 1;
  if (watch) rest = rest.slice(1);
  let namespace: string | undefined;
  if (
    rest[0] === 'namespaces' &&
    rest.length >= 3 &&
    !NAMESPACE_SUBRESOURCES.has(rest[2])
  ) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length > 3) return undefined;
  const [plural, name, subresource] = rest;
  if (watch && subresource) return undefined;
  const path: ResourcePath = { group, version, namespace, plural, name };
  if (subresource) path.subresource = subresource;
  if (watch) path.watch = true;
  return path;
}
