import {
  bundledCrdDirectory,
  crdKey,
  loadBundledCrds,
  parseCrdYaml,
} from './crds';

describe('bundled CRDs', () => {
  it('loads the agentgateway and Gateway API kinds once', () => {
    const crds = loadBundledCrds();
    expect(
      crds.map(c => `${c.spec.group}/${c.spec.names.kind}`).sort(),
    ).toEqual([
      'agentgateway.dev/AgentgatewayBackend',
      'agentgateway.dev/AgentgatewayModel',
      'agentgateway.dev/AgentgatewayParameters',
      'agentgateway.dev/AgentgatewayPolicy',
      'gateway.networking.k8s.io/BackendTLSPolicy',
      'gateway.networking.k8s.io/GRPCRoute',
      'gateway.networking.k8s.io/Gateway',
      'gateway.networking.k8s.io/GatewayClass',
      'gateway.networking.k8s.io/HTTPRoute',
      'gateway.networking.k8s.io/ListenerSet',
      'gateway.networking.k8s.io/ReferenceGrant',
    ]);
    expect(loadBundledCrds()).toBe(crds);
    expect(
      crds.every(c =>
        c.spec.versions.some(v => v.storage && v.schema?.openAPIV3Schema),
      ),
    ).toBe(true);
    expect(bundledCrdDirectory()).toMatch(/ai-gateway-node[\\/]crds$/);
  });

  it('parses multi-document YAML and keeps only CRDs', () => {
    const text = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}',
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\n' +
        'spec: {group: example.com, names: {kind: Widget, plural: widgets}, scope: Namespaced, versions: []}',
    ].join('\n---\n');
    const crds = parseCrdYaml(text);
    expect(crds.map(c => c.metadata.name)).toEqual(['widgets.example.com']);
    expect(() => parseCrdYaml('a: [unclosed')).toThrow(/Invalid CRD YAML/);
  });

  it('builds group/version/Kind keys', () => {
    expect(crdKey('agentgateway.dev', 'v1alpha1', 'AgentgatewayBackend')).toBe(
      'agentgateway.dev/v1alpha1/AgentgatewayBackend',
    );
  });
});
