import { ApisApi, CoreApi, VersionApi } from '@kubernetes/client-node';
import { TestCluster, startTestCluster } from './__testUtils__/testServer';

describe('discovery', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(() => t.server.close());

  it('serves /version, /api and /apis through the client', async () => {
    expect((await t.kc.makeApiClient(VersionApi).getCode()).gitVersion).toMatch(
      /^v1\.\d+/,
    );
    expect(
      (await t.kc.makeApiClient(CoreApi).getAPIVersions()).versions,
    ).toEqual(['v1']);
    const groups = (
      await t.kc.makeApiClient(ApisApi).getAPIVersions()
    ).groups.map(g => [g.name, g.preferredVersion?.version]);
    expect(groups).toEqual(
      expect.arrayContaining([
        ['apiextensions.k8s.io', 'v1'],
        ['agentgateway.dev', 'v1alpha1'],
        ['gateway.networking.k8s.io', 'v1'],
      ]),
    );
  });

  it('lists core resources with verbs, scope, kinds, short names and status subresources', async () => {
    const doc = (await t.json('/api/v1')).body;
    expect(doc).toMatchObject({ kind: 'APIResourceList', groupVersion: 'v1' });
    const byName = Object.fromEntries(
      doc.resources.map((r: any) => [r.name, r]),
    );
    expect(Object.keys(byName).sort()).toEqual([
      'configmaps',
      'namespaces',
      'namespaces/status',
      'pods',
      'pods/status',
      'resourcequotas',
      'resourcequotas/status',
      'secrets',
      'services',
      'services/status',
    ]);
    expect(byName.namespaces).toMatchObject({
      namespaced: false,
      kind: 'Namespace',
      shortNames: ['ns'],
    });
    expect(byName.secrets).toMatchObject({
      namespaced: true,
      kind: 'Secret',
      verbs: [
        'create',
        'delete',
        'deletecollection',
        'get',
        'list',
        'patch',
        'update',
        'watch',
      ],
    });
  });

  it('lists custom resources per group and version', async () => {
    const group = (await t.json('/apis/gateway.networking.k8s.io')).body;
    expect(group).toMatchObject({
      kind: 'APIGroup',
      name: 'gateway.networking.k8s.io',
      preferredVersion: { groupVersion: 'gateway.networking.k8s.io/v1' },
    });
    const v1 = (await t.json('/apis/gateway.networking.k8s.io/v1')).body;
    const gw = v1.resources.find((r: any) => r.name === 'gateways');
    expect(gw).toMatchObject({
      kind: 'Gateway',
      namespaced: true,
      singularName: 'gateway',
      shortNames: ['gtw'],
    });
    expect(v1.resources.map((r: any) => r.name)).toContain('gateways/status');
    const agw = (
      await t.json('/apis/agentgateway.dev/v1alpha1')
    ).body.resources.map((r: any) => r.name);
    expect(agw).toEqual(
      expect.arrayContaining([
        'agentgatewaybackends',
        'agentgatewaypolicies',
        'agentgatewaybackends/status',
      ]),
    );
    // unknown groups / versions: the not-found handler's plain-text page
    expect((await t.raw('/apis/nope.example.com')).status).toBe(404);
    expect((await t.raw('/apis/gateway.networking.k8s.io/v9')).status).toBe(
      404,
    );
  });

  it('serves OpenAPI v3 documents declaring PATCH fieldValidation (so kubectl validates server-side) and 404s /openapi/v2', async () => {
    const root = (await t.json('/openapi/v3')).body;
    expect(root.paths['apis/agentgateway.dev/v1alpha1']).toEqual({
      serverRelativeURL: '/openapi/v3/apis/agentgateway.dev/v1alpha1',
    });
    expect(root.paths['api/v1']).toBeDefined();
    const gv = (await t.json('/openapi/v3/apis/agentgateway.dev/v1alpha1'))
      .body;
    const op =
      gv.paths[
        '/apis/agentgateway.dev/v1alpha1/namespaces/{namespace}/agentgatewaybackends/{name}'
      ].patch;
    expect(op['x-kubernetes-group-version-kind']).toEqual({
      group: 'agentgateway.dev',
      version: 'v1alpha1',
      kind: 'AgentgatewayBackend',
    });
    expect(op.parameters.map((p: any) => p.name)).toContain('fieldValidation');
    expect(
      Object.keys((await t.json('/openapi/v3/api/v1')).body.paths),
    ).toContain('/api/v1/namespaces/{name}');
    expect((await t.raw('/openapi/v3/apis/nope.io/v1')).status).toBe(404);
    expect(
      (
        await t.raw('/openapi/v2', {
          headers: {
            Accept:
              'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
          },
        })
      ).status,
    ).toBe(404);
  });

  it('answers aggregated discovery (apidiscovery.k8s.io/v2) when asked for it, as kubectl does first', async () => {
    const accept =
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
    const apis = await t.raw('/apis', { headers: { Accept: accept } });
    expect(apis.headers.get('content-type')).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    const doc = await apis.json();
    expect(doc).toMatchObject({
      kind: 'APIGroupDiscoveryList',
      apiVersion: 'apidiscovery.k8s.io/v2',
    });
    const gw = doc.items.find(
      (g: any) => g.metadata.name === 'gateway.networking.k8s.io',
    );
    expect(gw.versions.map((v: any) => v.version)).toEqual(['v1', 'v1beta1']);
    const gateways = gw.versions[0].resources.find(
      (r: any) => r.resource === 'gateways',
    );
    expect(gateways).toMatchObject({
      responseKind: {
        group: 'gateway.networking.k8s.io',
        version: 'v1',
        kind: 'Gateway',
      },
      scope: 'Namespaced',
      singularResource: 'gateway',
      subresources: [
        { subresource: 'status', verbs: ['get', 'patch', 'update'] },
      ],
    });
    expect(gw.versions[0].freshness).toBe('Current');
    const core = await (
      await t.raw('/api', { headers: { Accept: accept } })
    ).json();
    const namespaces = core.items[0].versions[0].resources.find(
      (r: any) => r.resource === 'namespaces',
    );
    expect(namespaces).toMatchObject({
      scope: 'Cluster',
      responseKind: { group: '', version: 'v1', kind: 'Namespace' },
      shortNames: ['ns'],
    });
    // without the aggregated media type, the legacy documents
    expect((await t.json('/apis')).body.kind).toBe('APIGroupList');
    expect((await t.json('/version')).body).toMatchObject({
      major: '1',
      minor: '32',
    });
  });
});
