import { TestCluster, startTestCluster } from './__testUtils__/testServer';

/**
 * OpenAPI v3 documents in the shape of kube-apiserver v1.32's (what `kubectl explain` reads): per group-version,
 * `components.schemas` under the real definition names with `x-kubernetes-group-version-kind`, the CRD's
 * structural schema for custom kinds, `metadata` as a `$ref` to ObjectMeta, and every `$ref` resolvable.
 */
describe('OpenAPI v3 documents', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(() => t.server.close());

  const doc = async (gv: string) => {
    const r = await t.json(`/openapi/v3/${gv}`);
    expect(r.status).toBe(200);
    return r.body;
  };
  /** What kubectl explain does: the schema whose x-kubernetes-group-version-kind names the kind. */
  const schemaOfKind = (d: any, kind: string) =>
    Object.entries<any>(d.components.schemas).find(([, s]) =>
      (s['x-kubernetes-group-version-kind'] ?? []).some(
        (g: any) => g.kind === kind,
      ),
    );
  const resolve = (d: any, s: any): any => {
    const r = s?.allOf?.[0]?.$ref ?? s?.$ref;
    return r
      ? resolve(d, d.components.schemas[r.replace('#/components/schemas/', '')])
      : s;
  };
  /** Follow a field path (`spec.ai.provider`) through properties, items and $refs. */
  const field = (d: any, s: any, path: string) =>
    path.split('.').reduce((cur, name) => {
      let at = resolve(d, cur);
      if (at?.type === 'array') at = resolve(d, at.items);
      return at?.properties?.[name];
    }, s);
  const refsOf = (v: unknown): string[] =>
    v && typeof v === 'object'
      ? Object.entries(v).flatMap(([k, x]) =>
          k === '$ref' ? [String(x)] : refsOf(x),
        )
      : [];

  it('serves a CRD version with its structural schema under the reversed-group name, and its List', async () => {
    const d = await doc('apis/agentgateway.dev/v1alpha1');
    expect(d.openapi).toBe('3.0.0');
    const crd = (
      await t.json(
        '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/agentgatewaybackends.agentgateway.dev',
      )
    ).body;
    const v1alpha1 = crd.spec.versions.find((v: any) => v.name === 'v1alpha1');
    const found = schemaOfKind(d, 'AgentgatewayBackend');
    expect(found?.[0]).toBe('dev.agentgateway.v1alpha1.AgentgatewayBackend');
    const schema = found![1];
    expect(schema['x-kubernetes-group-version-kind']).toEqual([
      {
        group: 'agentgateway.dev',
        kind: 'AgentgatewayBackend',
        version: 'v1alpha1',
      },
    ]);
    expect(schema.properties.spec).toEqual(
      v1alpha1.schema.openAPIV3Schema.properties.spec,
    );
    expect(schema.properties.metadata.allOf).toEqual([
      {
        $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      },
    ]);
    expect(field(d, schema, 'metadata.labels')).toMatchObject({
      type: 'object',
      additionalProperties: { type: 'string' },
    });
    expect(field(d, schema, 'spec.ai')).toBeDefined();
    const list =
      d.components.schemas['dev.agentgateway.v1alpha1.AgentgatewayBackendList'];
    expect(list['x-kubernetes-group-version-kind']).toEqual([
      {
        group: 'agentgateway.dev',
        kind: 'AgentgatewayBackendList',
        version: 'v1alpha1',
      },
    ]);
    expect(resolve(d, list.properties.items.items)).toBe(schema);
    for (const r of refsOf(d))
      expect(
        d.components.schemas[r.replace('#/components/schemas/', '')],
      ).toBeDefined();
  });

  it('names Gateway API definitions as the real document does', async () => {
    const d = await doc('apis/gateway.networking.k8s.io/v1');
    expect(schemaOfKind(d, 'Gateway')?.[0]).toBe(
      'io.k8s.networking.gateway.v1.Gateway',
    );
    const gw = d.components.schemas['io.k8s.networking.gateway.v1.Gateway'];
    expect(field(d, gw, 'spec.listeners.port')).toMatchObject({
      type: 'integer',
    });
  });

  it('serves the built-in kinds with their fields, formats and resolvable $refs', async () => {
    const d = await doc('api/v1');
    expect(schemaOfKind(d, 'ConfigMap')?.[0]).toBe(
      'io.k8s.api.core.v1.ConfigMap',
    );
    const cm = d.components.schemas['io.k8s.api.core.v1.ConfigMap'];
    expect(cm.properties.data).toMatchObject({
      type: 'object',
      additionalProperties: { type: 'string' },
    });
    expect(cm['x-kubernetes-group-version-kind']).toEqual([
      { group: '', kind: 'ConfigMap', version: 'v1' },
    ]);
    const svc = d.components.schemas['io.k8s.api.core.v1.Service'];
    expect(field(d, svc, 'spec.ports.port')).toMatchObject({
      type: 'integer',
      format: 'int32',
    });
    expect(resolve(d, field(d, svc, 'spec.ports.targetPort'))).toEqual({
      type: 'string',
      format: 'int-or-string',
    });
    expect(field(d, svc, 'metadata.creationTimestamp')).toMatchObject({
      type: 'string',
      format: 'date-time',
    });
    expect(schemaOfKind(d, 'SecretList')?.[0]).toBe(
      'io.k8s.api.core.v1.SecretList',
    );
    for (const r of refsOf(d))
      expect(
        d.components.schemas[r.replace('#/components/schemas/', '')],
      ).toBeDefined();

    const rbac = await doc('apis/rbac.authorization.k8s.io/v1');
    const role = rbac.components.schemas['io.k8s.api.rbac.v1.ClusterRole'];
    expect(field(rbac, role, 'rules.verbs')).toMatchObject({
      type: 'array',
      items: { type: 'string' },
    });
    expect(
      field(rbac, role, 'aggregationRule.clusterRoleSelectors'),
    ).toBeDefined();
    const crds = await doc('apis/apiextensions.k8s.io/v1');
    expect(schemaOfKind(crds, 'CustomResourceDefinition')?.[0]).toBe(
      'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
    );
  });

  it('describes the built-in kinds and their fields with the texts of the Kubernetes OpenAPI document, and lists required fields', async () => {
    const d = await doc('api/v1');
    const schemas = d.components.schemas;
    const secret = schemas['io.k8s.api.core.v1.Secret'];
    expect(secret.description).toBe(
      'Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.',
    );
    expect(secret.properties.type.description).toBe(
      'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types',
    );
    expect(schemas['io.k8s.api.core.v1.ConfigMap'].description).toBe(
      'ConfigMap holds configuration data for pods to consume.',
    );
    expect(schemas['io.k8s.api.core.v1.Namespace'].description).toBe(
      'Namespace provides a scope for Names. Use of multiple namespaces is optional.',
    );
    expect(
      field(d, schemas['io.k8s.api.core.v1.Namespace'], 'spec.finalizers')
        .description,
    ).toMatch(/^Finalizers is an opaque list of values that must be empty/);
    // a $ref'd field keeps its description next to the allOf
    const meta = schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'];
    expect(meta.properties.ownerReferences.description).toMatch(
      /^List of objects depended by this object\./,
    );
    expect(
      schemas['io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference'].required,
    ).toEqual(['apiVersion', 'kind', 'name', 'uid']);
    expect(schemas['io.k8s.api.core.v1.ServicePort'].required).toEqual([
      'port',
    ]);
    // the document stays small enough to fetch on every kubectl explain
    expect(JSON.stringify(d).length).toBeLessThan(1_000_000);
  });
});
