import { TestCluster, startTestCluster } from './__testUtils__/testServer';

/**
 * The Gateway API CRDs' own CEL rules (x-kubernetes-validations of the bundled v1 CRDs) and metadata validation with
 * several errors at once, answered as kube-apiserver v1.32 answers them: 422 Invalid with every cause.
 */
describe('Gateway API CEL rules and metadata errors', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(() => t.server.close());

  const post = (path: string, body: object) =>
    t.json(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const gateway = (name: string, listeners: object[]) =>
    post('/apis/gateway.networking.k8s.io/v1/namespaces/default/gateways', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name },
      spec: { gatewayClassName: 'agentgateway', listeners },
    });
  const messages = (r: { body: any }) =>
    (r.body.details?.causes ?? []).map((c: any) => `${c.field}: ${c.message}`);

  it('listeners: port / protocol / hostname combination unique, no TLS on HTTP, hostname not on TCP', async () => {
    const dup = await gateway('dup', [
      { name: 'a', port: 80, protocol: 'HTTP', hostname: 'x.example.com' },
      { name: 'b', port: 80, protocol: 'HTTP', hostname: 'x.example.com' },
    ]);
    expect(dup.status).toBe(422);
    expect(messages(dup)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^spec\.listeners: Invalid value: .*Combination of port, protocol and hostname must be unique for each listener/,
        ),
      ]),
    );
    // a different hostname makes the combination unique
    expect(
      (
        await gateway('ok', [
          { name: 'a', port: 80, protocol: 'HTTP', hostname: 'x.example.com' },
          { name: 'b', port: 80, protocol: 'HTTP', hostname: 'y.example.com' },
        ])
      ).status,
    ).toBe(201);
    const tlsOnHttp = await gateway('tls', [
      {
        name: 'a',
        port: 80,
        protocol: 'HTTP',
        tls: { mode: 'Terminate', certificateRefs: [{ name: 'c' }] },
      },
    ]);
    expect(tlsOnHttp.status).toBe(422);
    expect(messages(tlsOnHttp).join('\n')).toContain(
      "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
    );
    const hostOnTcp = await gateway('tcp', [
      { name: 'a', port: 9000, protocol: 'TCP', hostname: 'x.example.com' },
    ]);
    expect(hostOnTcp.status).toBe(422);
    expect(messages(hostOnTcp).join('\n')).toContain(
      "hostname must not be specified for protocols ['TCP', 'UDP']",
    );
  });

  it('HTTPRoute path rules: an Exact / PathPrefix value must be an absolute path', async () => {
    const r = await post(
      '/apis/gateway.networking.k8s.io/v1/namespaces/default/httproutes',
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'r' },
        spec: {
          rules: [
            { matches: [{ path: { type: 'PathPrefix', value: 'no-slash' } }] },
          ],
        },
      },
    );
    expect(r.status).toBe(422);
    expect(messages(r).join('\n')).toContain(
      "value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']",
    );
  });

  it('reports several metadata errors at once (name, label, annotation)', async () => {
    const r = await post('/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'Bad_Name',
        labels: { 'bad key!': 'v' },
        annotations: { '-bad': 'v' },
      },
    });
    expect(r.status).toBe(422);
    const fields = r.body.details.causes.map((c: any) => c.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'metadata.name',
        'metadata.labels',
        'metadata.annotations',
      ]),
    );
    expect(r.body.message).toMatch(
      /^ConfigMap "Bad_Name" is invalid: \[metadata\.name: Invalid value: "Bad_Name": /,
    );
  });
});
