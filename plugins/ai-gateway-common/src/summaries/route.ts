import {
  KubeObjectOf,
  ObjectReference,
  ResourceSummary,
} from '../registry/types';
import { parentRefs, refLabel, routeBackendRefs } from './references';

type Route = KubeObjectOf<'HTTPRoute'>;
type Match = NonNullable<
  NonNullable<NonNullable<Route['spec']>['rules']>[number]['matches']
>[number];

function matchText(m: Match | undefined): string {
  const parts: string[] = [];
  if (m?.path)
    parts.push(`${m.path.type === 'Exact' ? '=' : ''}${m.path.value ?? '/'}`);
  if (m?.method) parts.push(m.method);
  for (const h of Array.isArray(m?.headers) ? m.headers : [])
    parts.push(`${h.name}: ${h.value}`);
  return parts.join(' ') || '/';
}

export function summarizeRoute(obj: Route): ResourceSummary {
  const ns = obj.metadata.namespace;
  const rules = Array.isArray(obj.spec?.rules) ? obj.spec.rules : [];
  return {
    gateways: parentRefs(obj).map(r =>
      refLabel(r, ns).replace(/^Gateway /, ''),
    ),
    hostnames: Array.isArray(obj.spec?.hostnames) ? obj.spec.hostnames : [],
    matches: rules.flatMap(r =>
      Array.isArray(r?.matches) && r.matches.length
        ? r.matches.map(matchText)
        : ['/'],
    ),
    backends: routeBackendRefs(obj).map(
      r =>
        `${refLabel(r, ns)}${r.weight !== undefined ? ` (${r.weight})` : ''}`,
    ),
  };
}

export function routeReferences(obj: Route): ObjectReference[] {
  return [...parentRefs(obj), ...routeBackendRefs(obj)];
}
