import { ResourceRegistry } from '../registry/ResourceRegistry';
import { apiVersionOf } from '../types';

const gvPath = (group: string, version: string) =>
  group ? `apis/${group}/${version}` : `api/${version}`;

/** `/openapi/v3`: one entry per served group/version. */
export function openapiRoot(registry: ResourceRegistry): unknown {
  const paths: Record<string, unknown> = {};
  for (const t of registry.all()) {
    for (const v of t.versions)
      paths[gvPath(t.group, v)] = {
        serverRelativeURL: `/openapi/v3/${gvPath(t.group, v)}`,
      };
  }
  return { paths };
}

/**
 * `/openapi/v3/<gv>`: a skeleton without schemas that only declares the PATCH operations and their `fieldValidation`
 * query parameter, so kubectl validates server-side (the real validator) instead of downloading client-side schemas.
 */
export function openapiGroupVersion(
  registry: ResourceRegistry,
  pathname: string,
): unknown {
  const m = /^\/openapi\/v3\/(?:api\/([^/]+)|apis\/([^/]+)\/([^/]+))$/.exec(
    pathname,
  );
  if (!m) return undefined;
  const group = m[2] ?? '';
  const version = m[1] ?? m[3];
  const types = registry.inGroupVersion(group, version);
  if (types.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  for (const t of types) {
    const gvk = { group: t.group, version, kind: t.kind };
    const op = {
      'x-kubernetes-action': 'patch',
      'x-kubernetes-group-version-kind': gvk,
      parameters: ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map(
        name => ({
          name,
          in: 'query',
          schema: { type: 'string' },
          uniqueItems: true,
        }),
      ),
      responses: { 200: { description: 'OK' } },
    };
    const base = `/${gvPath(t.group, version)}${
      t.namespaced ? '/namespaces/{namespace}' : ''
    }/${t.plural}/{name}`;
    paths[base] = { patch: op };
  }
  return {
    openapi: '3.0.0',
    info: {
      title: 'Kubernetes (kube-local)',
      version: apiVersionOf(group, version),
    },
    paths,
    components: { schemas: {} },
  };
}
