import type { KubeObject } from '../registry/types';
import type { ListenerSetParent } from '../partitions/types';
import type { Problem } from './findProblems';

/**
 * Routes of different namespaces (teams) whose matches overlap on one shared Gateway listener: one can capture
 * traffic meant for the other (`PathPrefix /` with a header match vs `/search`, `/search` vs `Exact /search/agent`).
 * Gateway API precedence decides which route wins per request, so an overlap is not an error, but nobody should
 * find out from a traffic incident: both owners and the platform see it (issue 11 item 3).
 */
export interface RouteOverlap {
  cluster: string;
  /** `<namespace>/<name>` of the Gateway and the listener (sectionName) when one is named */
  gateway: string;
  /** `<namespace>/<name>` of the ListenerSet when both routes attach through it (then `listener` is one of its) */
  listenerSet?: string;
  listener?: string;
  a: { namespace: string; name: string; match: string };
  b: { namespace: string; name: string; match: string };
  /** the hostnames both routes claim (`*` when either claims none, i.e. every host of the listener) */
  hosts: string[];
}

interface Match {
  type: 'PathPrefix' | 'Exact' | 'RegularExpression';
  path: string;
  method?: string;
  qualified: boolean;
}

interface Parent {
  gateway: string;
  listenerSet?: string;
  listener?: string;
}

const GATEWAY_API = 'gateway.networking.k8s.io';

type Fields = Record<string, unknown>;
const fields = (v: unknown): Fields =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Fields) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Where a route attaches: a Gateway's own listeners, or a ListenerSet's (resolved to its Gateway with `listenerSet`,
 * the lookup partitions use; an unknown ListenerSet attaches nowhere that can be compared).
 */
function parentsOf(
  route: KubeObject,
  listenerSet?: (ref: string) => ListenerSetParent | undefined,
): Parent[] {
  const ns = route.metadata.namespace ?? '';
  return list(fields(route.spec).parentRefs).flatMap(p => {
    const ref = fields(p);
    const kind = text(ref.kind) ?? 'Gateway';
    if ((text(ref.group) ?? GATEWAY_API) !== GATEWAY_API) return [];
    const named = `${text(ref.namespace) ?? ns}/${text(ref.name) ?? ''}`;
    const listener = text(ref.sectionName);
    if (kind === 'Gateway') return [{ gateway: named, listener }];
    if (kind !== 'ListenerSet') return [];
    const set = listenerSet?.(named);
    return set ? [{ gateway: set.gateway, listenerSet: named, listener }] : [];
  });
}

/**
 * Whether two parents can receive the same request. Listeners of a Gateway and of its ListenerSets are one merged
 * list in which each request is served by one listener (conflicting ones are rejected), and a route attached to the
 * Gateway does not attach to its ListenerSets' listeners: so both must be the same Gateway and the same ListenerSet
 * (or none), and the same listener when both name one.
 */
const sameListeners = (a: Parent, b: Parent) =>
  a.gateway === b.gateway &&
  a.listenerSet === b.listenerSet &&
  (!a.listener || !b.listener || a.listener === b.listener);

function matchesOf(route: KubeObject): Match[] {
  const out: Match[] = [];
  for (const rule of list(fields(route.spec).rules)) {
    const matches = list(fields(rule).matches);
    // a rule without matches matches every request (PathPrefix /)
    for (const m of matches.length ? matches : [{}]) {
      const f = fields(m);
      const path = fields(f.path);
      out.push({
        type: (text(path.type) as Match['type'] | undefined) ?? 'PathPrefix',
        path: text(path.value) ?? '/',
        method: text(f.method),
        qualified: list(f.headers).length > 0 || list(f.queryParams).length > 0,
      });
    }
  }
  return out;
}

const trim = (p: string) => p.replace(/\/+$/, '') || '/';
/** `path` is `prefix` or below it, segment-wise. */
function under(path: string, prefix: string): boolean {
  const p = trim(prefix);
  const x = trim(path);
  return p === '/' || x === p || x.startsWith(`${p}/`);
}

function pathsOverlap(a: Match, b: Match): boolean {
  if (a.method && b.method && a.method !== b.method) return false;
  if (a.type === 'RegularExpression' || b.type === 'RegularExpression')
    return false; // not decidable here; the data plane's precedence applies
  if (a.type === 'Exact' && b.type === 'Exact')
    return trim(a.path) === trim(b.path);
  if (a.type === 'Exact') return under(a.path, b.path);
  if (b.type === 'Exact') return under(b.path, a.path);
  return under(a.path, b.path) || under(b.path, a.path);
}

function hostMatches(host: string, pattern: string): boolean {
  if (host === pattern) return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return false;
}

/** The hostnames both claim; `undefined` when they claim disjoint hosts. No hostnames = every host. */
function sharedHosts(a: string[], b: string[]): string[] | undefined {
  if (a.length === 0) return b.length ? b : ['*'];
  if (b.length === 0) return a;
  const shared = new Set<string>();
  for (const x of a)
    for (const y of b) {
      if (hostMatches(x, y)) shared.add(x);
      else if (hostMatches(y, x)) shared.add(y);
    }
  return shared.size ? [...shared].sort() : undefined;
}

const hostsOf = (route: KubeObject) =>
  list(fields(route.spec).hostnames)
    .map(h => text(h)?.toLowerCase())
    .filter((h): h is string => !!h);

const describe = (m: Match) =>
  `${m.method ? `${m.method} ` : ''}${m.type} ${m.path}${
    m.qualified ? ' (with header / query matches)' : ''
  }`;

/**
 * Every pair of HTTPRoutes of different namespaces in one cluster that attach to the same Gateway (and listener,
 * when both name one; or the same ListenerSet of it, see `sameListeners`) and have overlapping hostnames and matches. One entry per pair (the first overlapping
 * match pair describes it). Routes that are being deleted are left out.
 */
export function findRouteOverlaps(
  cluster: string,
  routes: KubeObject[],
  /** only pairs with at least one route this accepts (an entity's own routes: O(own x all), not O(all²)) */
  involving: (route: KubeObject) => boolean = () => true,
  /** a ListenerSet (`<namespace>/<name>`) → its Gateway and listeners; without it, ListenerSet parents are skipped */
  listenerSet?: (ref: string) => ListenerSetParent | undefined,
): RouteOverlap[] {
  const live = routes.filter(
    r => r.kind === 'HTTPRoute' && !r.metadata.deletionTimestamp,
  );
  const parsed = live.map(route => ({
    route,
    parents: parentsOf(route, listenerSet),
    matches: matchesOf(route),
    hosts: hostsOf(route),
  }));
  const out: RouteOverlap[] = [];
  const involved = parsed.map(p => involving(p.route));
  for (let i = 0; i < parsed.length; i++) {
    if (!involved[i]) continue;
    for (let j = 0; j < parsed.length; j++) {
      // each pair once: from its first involved route
      if (j === i || (involved[j] && j < i)) continue;
      const [a, b] = i < j ? [parsed[i], parsed[j]] : [parsed[j], parsed[i]];
      if (a.route.metadata.namespace === b.route.metadata.namespace) continue;
      const parent = a.parents.find(pa =>
        b.parents.some(pb => sameListeners(pa, pb)),
      );
      if (!parent) continue;
      const hosts = sharedHosts(a.hosts, b.hosts);
      if (!hosts) continue;
      let pair: [Match, Match] | undefined;
      for (const ma of a.matches) {
        const mb = b.matches.find(m => pathsOverlap(ma, m));
        if (mb) {
          pair = [ma, mb];
          break;
        }
      }
      if (!pair) continue;
      out.push({
        cluster,
        gateway: parent.gateway,
        ...(parent.listenerSet && { listenerSet: parent.listenerSet }),
        ...(parent.listener && { listener: parent.listener }),
        a: {
          namespace: a.route.metadata.namespace ?? '',
          name: a.route.metadata.name,
          match: describe(pair[0]),
        },
        b: {
          namespace: b.route.metadata.namespace ?? '',
          name: b.route.metadata.name,
          match: describe(pair[1]),
        },
        hosts,
      });
    }
  }
  return out;
}

/** One sentence for an owner of `side`'s route. */
export function overlapMessage(o: RouteOverlap, side: 'a' | 'b'): string {
  const own = o[side];
  const other = o[side === 'a' ? 'b' : 'a'];
  const listener = o.listener ? ` listener ${o.listener}` : '';
  const where = o.listenerSet
    ? `ListenerSet ${o.listenerSet}${listener} (Gateway ${o.gateway})`
    : `Gateway ${o.gateway}${listener}`;
  const hosts = o.hosts.includes('*') ? 'every host' : o.hosts.join(', ');
  return `${own.match} overlaps ${other.match} of HTTPRoute ${other.namespace}/${other.name} (another team) on ${where} for ${hosts}: precedence decides which route gets the traffic`;
}

/** The problem an owner of `side`'s route sees (type `OverlappingMatch`, the other route as `reference`). */
export function overlapProblem(o: RouteOverlap, side: 'a' | 'b'): Problem {
  const route = o[side];
  const other = o[side === 'a' ? 'b' : 'a'];
  return {
    type: 'OverlappingMatch',
    severity: 'warning',
    cluster: o.cluster,
    kind: 'HTTPRoute',
    namespace: route.namespace,
    name: route.name,
    reference: {
      group: 'gateway.networking.k8s.io',
      kind: 'HTTPRoute',
      namespace: other.namespace,
      name: other.name,
      role: 'overlap',
    },
    message: overlapMessage(o, side),
  };
}
