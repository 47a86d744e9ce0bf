import path from 'node:path';
import { loadObjectsFromPath } from './load';
import { OPENMETRICS_CONTENT_TYPE, RunningSimulator, startSimulatorServer } from './server';

describe('simulator server', () => {
  let running: RunningSimulator;
  beforeAll(async () => {
    running = await startSimulatorServer(loadObjectsFromPath(path.resolve(__dirname, '../fixtures/demo-cluster.yaml')), {
      seed: 3,
      startMs: Date.now() - 120_000,
    });
  });
  afterAll(() => running.close());

  it('serves /metrics as OpenMetrics when asked', async () => {
    const res = await fetch(`${running.url}/metrics`, { headers: { Accept: 'application/openmetrics-text;version=1.0.0' } });
    expect(res.headers.get('content-type')).toBe(OPENMETRICS_CONTENT_TYPE);
    const text = await res.text();
    expect(text).toContain('agentgateway_requests_total{');
    expect(text.trimEnd().endsWith('# EOF')).toBe(true);
  });

  it('lists one labelled proxy pod per gateway and serves its metrics on the pod proxy path', async () => {
    const list = await (await fetch(`${running.url}/api/v1/pods?labelSelector=gateway.networking.k8s.io/gateway-name`)).json();
    expect(list.items.map((p: any) => p.metadata.labels['gateway.networking.k8s.io/gateway-name']).sort()).toEqual(['ai-gateway', 'mcp-gateway']);
    const only = await (await fetch(`${running.url}/api/v1/pods?labelSelector=gateway.networking.k8s.io/gateway-name=mcp-gateway`)).json();
    expect(only.items).toHaveLength(1);
    const pod = only.items[0].metadata;
    const res = await fetch(`${running.url}/api/v1/namespaces/${pod.namespace}/pods/${pod.name}:15020/proxy/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('gateway="platform/mcp-gateway"');
    expect(text).not.toContain('gateway="platform/ai-gateway"');
    expect((await fetch(`${running.url}/api/v1/namespaces/${pod.namespace}/pods/nope:15020/proxy/metrics`)).status).toBe(404);
  });
});
