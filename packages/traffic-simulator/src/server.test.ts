import path from 'node:path';
import { PROTOBUF_CONTENT_TYPE } from './protobuf';
import { loadObjectsFromPath } from './load';
import {
  TEXT_CONTENT_TYPE,
  wantsProtobuf,
  RunningSimulator,
  startSimulatorServer,
} from './server';

describe('simulator server', () => {
  let running: RunningSimulator;
  beforeAll(async () => {
    running = await startSimulatorServer(
      loadObjectsFromPath(
        path.resolve(__dirname, '../fixtures/demo-cluster.yaml'),
      ),
      {
        seed: 3,
        startMs: Date.now() - 120_000,
      },
    );
  });
  afterAll(() => running.close());

  it('serves OpenMetrics text under text/plain, as agentgateway does, even when OpenMetrics is asked for', async () => {
    const res = await fetch(`${running.url}/metrics`, {
      headers: {
        Accept:
          'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
      },
    });
    expect(res.headers.get('content-type')).toBe(TEXT_CONTENT_TYPE);
    const text = await res.text();
    expect(text).toContain('agentgateway_requests_total{');
    expect(text).toContain('# TYPE agentgateway_build info');
    expect(text.trimEnd().endsWith('# EOF')).toBe(true);
  });

  it('serves the protobuf exposition when the Accept header prefers it', async () => {
    const res = await fetch(`${running.url}/metrics`, {
      headers: {
        Accept:
          'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3',
      },
    });
    expect(res.headers.get('content-type')).toBe(PROTOBUF_CONTENT_TYPE);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.includes('agentgateway_requests_total')).toBe(true);
    expect(wantsProtobuf('text/plain')).toBe(false);
    expect(wantsProtobuf(undefined)).toBe(false);
    expect(wantsProtobuf('application/x-protobuf;q=0.9,text/plain;q=0.5')).toBe(
      true,
    );
  });

  it('lists one labelled proxy pod per gateway and serves its metrics on the pod proxy path', async () => {
    const list = await (
      await fetch(
        `${running.url}/api/v1/pods?labelSelector=gateway.networking.k8s.io/gateway-name`,
      )
    ).json();
    expect(
      list.items
        .map(
          (p: { metadata: { labels: Record<string, string> } }) =>
            p.metadata.labels['gateway.networking.k8s.io/gateway-name'],
        )
        .sort(),
    ).toEqual(['ai-gateway', 'mcp-gateway']);
    const only = await (
      await fetch(
        `${running.url}/api/v1/pods?labelSelector=gateway.networking.k8s.io/gateway-name=mcp-gateway`,
      )
    ).json();
    expect(only.items).toHaveLength(1);
    const pod = only.items[0].metadata;
    const res = await fetch(
      `${running.url}/api/v1/namespaces/${pod.namespace}/pods/${pod.name}:15020/proxy/metrics`,
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('gateway="platform/mcp-gateway"');
    expect(text).not.toContain('gateway="platform/ai-gateway"');
    expect(
      (
        await fetch(
          `${running.url}/api/v1/namespaces/${pod.namespace}/pods/nope:15020/proxy/metrics`,
        )
      ).status,
    ).toBe(404);
  });
});

describe('simulator server reload', () => {
  it('picks up new objects: new gateways get a pod and traffic, old counters keep growing', async () => {
    const objects = loadObjectsFromPath(
      path.resolve(__dirname, '../fixtures/demo-cluster.yaml'),
    );
    const onlyAi = objects.filter(
      o => !(o.kind === 'HTTPRoute' && o.metadata.name === 'mcp'),
    );
    let current = onlyAi;
    const running = await startSimulatorServer(onlyAi, {
      seed: 1,
      startMs: Date.now() - 60_000,
      reload: async () => current,
      reloadMs: 50,
    });
    try {
      expect(running.pods.map(p => p.gateway)).toEqual(['platform/ai-gateway']);
      current = objects;
      await new Promise(r => setTimeout(r, 200));
      expect(running.pods.map(p => p.gateway)).toEqual([
        'platform/ai-gateway',
        'platform/mcp-gateway',
      ]);
      expect(running.simulator.flows.some(f => f.route === 'team-b/mcp')).toBe(
        true,
      );
    } finally {
      await running.close();
    }
  });
});
