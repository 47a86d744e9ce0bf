import { ResourceRegistry } from '../registry/ResourceRegistry';
import { apiVersionOf } from '../types';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-kube-local',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/**
 * The legacy (unaggregated) discovery documents: /api, /api/v1, /apis, /apis/<g>, /apis/<g>/<v>.
 * Returns undefined when the path is not a discovery path (or names an unknown group/version).
 */
export function discovery(
  registry: ResourceRegistry,
  pathname: string,
  serverAddress: string,
): unknown {
  const segs = pathname.split('/').filter(Boolean);
  if (segs.length === 1 && segs[0] === 'api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
    };
  }
  if (segs.length === 2 && segs[0] === 'api')
    return segs[1] === 'v1' ? resourceList(registry, '', 'v1') : undefined;
  if (segs.length === 1 && segs[0] === 'apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: registry.groups().map(g => groupDoc(g.name, g.versions)),
    };
  }
  if (segs.length === 2 && segs[0] === 'apis') {
    const g = registry.groups().find(x => x.name === segs[1]);
    return g
      ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(g.name, g.versions) }
      : undefined;
  }
  if (segs.length === 3 && segs[0] === 'apis') {
    return registry.inGroupVersion(segs[1], segs[2]).length > 0
      ? resourceList(registry, segs[1], segs[2])
      : undefined;
  }
  return undefined;
}

function groupDoc(name: string, versions: string[]) {
  const vs = versions.map(v => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

function resourceList(
  registry: ResourceRegistry,
  group: string,
  version: string,
) {
  const resources: unknown[] = [];
  for (const t of registry.inGroupVersion(group, version)) {
    resources.push({
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length ? { categories: t.categories } : {}),
      storageVersionHash: '',
    });
    if (t.hasStatus) {
      resources.push({
        name: `${t.plural}/status`,
        singularName: '',
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: ['get', 'patch', 'update'],
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(group, version),
    resources,
  };
}
