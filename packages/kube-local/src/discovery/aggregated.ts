/**
 * Aggregated discovery (apidiscovery.k8s.io/v2, KEP-3352): what kubectl asks `/api` and `/apis` for first, with
 * `Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`. One document lists every group,
 * version and resource (with subresources), so a client needs no further discovery requests.
 */
import { ResourceRegistry } from '../registry/ResourceRegistry';

export const AGGREGATED_MEDIA_TYPE =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** True when the Accept header asks for the v2 aggregated document (parameters in any order, any spacing). */
export function wantsAggregated(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some(part => {
    const [type, ...params] = part.split(';').map(p => p.trim());
    const p = new Map(
      params.map(x => x.split('=').map(y => y.trim()) as [string, string]),
    );
    return (
      type === 'application/json' &&
      p.get('g') === 'apidiscovery.k8s.io' &&
      p.get('v') === 'v2' &&
      p.get('as') === 'APIGroupDiscoveryList'
    );
  });
}

function versionDoc(
  registry: ResourceRegistry,
  group: string,
  version: string,
) {
  const resources = registry.inGroupVersion(group, version).map(t => {
    const responseKind = { group, version, kind: t.kind };
    return {
      resource: t.plural,
      responseKind,
      scope: t.namespaced ? 'Namespaced' : 'Cluster',
      singularResource: t.singular,
      verbs: t.verbs,
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length ? { categories: t.categories } : {}),
      ...(t.hasStatus
        ? {
            subresources: [
              {
                subresource: 'status',
                responseKind,
                verbs: ['get', 'patch', 'update'],
              },
            ],
          }
        : {}),
    };
  });
  return { version, resources, freshness: 'Current' };
}

/** The APIGroupDiscoveryList of `/api` (the core group) or `/apis` (every named group); undefined for other paths. */
export function aggregatedDiscovery(
  registry: ResourceRegistry,
  pathname: string,
): unknown {
  let items: unknown[];
  if (pathname === '/api')
    items = [
      {
        metadata: { creationTimestamp: null },
        versions: [versionDoc(registry, '', 'v1')],
      },
    ];
  else if (pathname === '/apis') {
    items = registry.groups().map(g => ({
      metadata: { name: g.name, creationTimestamp: null },
      versions: g.versions.map(v => versionDoc(registry, g.name, v)),
    }));
  } else return undefined;
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items,
  };
}
