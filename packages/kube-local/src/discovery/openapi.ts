/**
 * OpenAPI v3 (`/openapi/v3`, `/openapi/v3/<gv>`) in the shape of kube-apiserver's documents: per group-version,
 * `components.schemas` with each served kind and its List under the real definition names —
 * `<reversed group>.<version>.<Kind>` with the CRD version's structural schema for custom kinds
 * (`dev.agentgateway.v1alpha1.AgentgatewayBackend`), the Go package names for built-in kinds
 * (./builtinSchemas.ts) — each carrying `x-kubernetes-group-version-kind`, `metadata` as a `$ref` to ObjectMeta;
 * and `paths` with the get and patch operations of every kind (patch declares the `fieldValidation` parameter, so
 * kubectl validates server-side) answering those schemas. This is what `kubectl explain` reads.
 */
import { ResourceRegistry } from '../registry/ResourceRegistry';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject, ResourceType, deepClone } from '../types';
import { BuiltinSchemas, builtinPrefix, ref } from './builtinSchemas';

const gvPath = (group: string, version: string) =>
  group ? `apis/${group}/${version}` : `api/${version}`;

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const API_VERSION = {
  type: 'string',
  description:
    'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
};
const KIND = {
  type: 'string',
  description:
    'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
};

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

/** The definition name prefix of a CRD group-version (`gateway.networking.k8s.io` → `io.k8s.networking.gateway`). */
export const crdPrefix = (group: string, version: string) =>
  `${group.split('.').reverse().join('.')}.${version}`;

function crdSchemas(
  t: ResourceType,
  version: string,
  crd: KubeObject | undefined,
  out: Record<string, unknown>,
): string {
  const prefix = crdPrefix(t.group, version);
  const v = (crd?.spec?.versions ?? []).find(
    (x: KubeObject) => x.name === version,
  );
  const schema: KubeObject = deepClone(
    v?.schema?.openAPIV3Schema ?? {
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
    },
  );
  schema.properties = {
    ...(schema.properties ?? {}),
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: {
      ...ref(`${META}.ObjectMeta`),
      description:
        "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    },
  };
  const gvk = (kind: string) => [{ group: t.group, kind, version }];
  out[`${prefix}.${t.kind}`] = {
    ...schema,
    'x-kubernetes-group-version-kind': gvk(t.kind),
  };
  out[`${prefix}.${t.listKind}`] = {
    description: `${t.listKind} is a list of ${t.kind}`,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: API_VERSION,
      items: {
        description: `List of ${t.plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`,
        type: 'array',
        items: ref(`${prefix}.${t.kind}`),
      },
      kind: KIND,
      metadata: {
        ...ref(`${META}.ListMeta`),
        description:
          'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
      },
    },
    'x-kubernetes-group-version-kind': gvk(t.listKind),
  };
  return prefix;
}

function operations(
  t: ResourceType,
  version: string,
  schemaName: string,
): Record<string, unknown> {
  const gvk = { group: t.group, version, kind: t.kind };
  const response = {
    200: {
      description: 'OK',
      content: { 'application/json': { schema: ref(schemaName) } },
    },
  };
  const base = `/${gvPath(t.group, version)}${
    t.namespaced ? '/namespaces/{namespace}' : ''
  }/${t.plural}`;
  if (!t.verbs.includes('get'))
    return {
      [base]: {
        post: {
          'x-kubernetes-action': 'post',
          'x-kubernetes-group-version-kind': gvk,
          responses: response,
        },
      },
    };
  return {
    [`${base}/{name}`]: {
      get: {
        'x-kubernetes-action': 'get',
        'x-kubernetes-group-version-kind': gvk,
        responses: response,
      },
      patch: {
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
        responses: response,
      },
    },
  };
}

/** `/openapi/v3/<gv>`: the document of one served group-version; undefined when nothing serves it. */
export function openapiGroupVersion(
  registry: ResourceRegistry,
  store: ObjectStore,
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
  const builtins = new BuiltinSchemas(builtinPrefix(group));
  builtins.add('V1ObjectMeta');
  builtins.add('V1ListMeta');
  const schemas: Record<string, unknown> = {};
  let paths: Record<string, unknown> = {};
  for (const t of types) {
    let name: string;
    if (t.custom) {
      const crd = store.get(
        'apiextensions.k8s.io/customresourcedefinitions',
        '',
        `${t.plural}.${t.group}`,
      );
      name = `${crdSchemas(t, version, crd, schemas)}.${t.kind}`;
    } else {
      builtins.addKind(t, version);
      name = `${builtinPrefix(group)}.${t.kind}`;
    }
    paths = { ...paths, ...operations(t, version, name) };
  }
  const custom = types.some(t => t.custom);
  return {
    openapi: '3.0.0',
    info: custom
      ? { title: 'Kubernetes CRD Swagger', version: 'v0.1.0' }
      : { title: 'Kubernetes', version: 'unversioned' },
    paths,
    components: { schemas: { ...builtins.schemas, ...schemas } },
  };
}
