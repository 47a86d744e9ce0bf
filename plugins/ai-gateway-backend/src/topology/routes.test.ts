import request from 'supertest';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import {
  KubeObject,
  TopologyResponse,
  clustersWithMetrics,
  TrafficMetrics,
  UsageResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  RunningSimulator,
  startSimulatorServer,
} from '@ai-gateway-backstage/traffic-simulator';
import { aiGatewayPlugin } from '../plugin';
import { entities, seed } from '../__testUtils__/seed';
import { responseSchemaErrors } from '../__testUtils__/openApiResponses';

jest.setTimeout(60_000);

/**
 * The whole path: kube-local holds the objects, the traffic simulator plays the data plane behind a
 * Kubernetes-style pod proxy (`aiGateway.metrics.clusters.local.podProxy.apiUrl`), the plugin serves
 * topology and usage through its validated router.
 */
describe('topology and usage routes', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  let sim: RunningSimulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    kube = await startKubeLocal({ port: 0, seed });
    sim = await startSimulatorServer(seed as KubeObject[], {
      seed: 5,
      rateScale: 10,
      // a short backlog: the first scrape simulates every second since startMs (slow on a loaded machine)
      startMs: Date.now() - 30_000,
    });
    backend = await startTestBackend({
      features: [
        aiGatewayPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'local',
                      url: kube.url,
                      authProvider: 'serviceAccount',
                      serviceAccountToken: kube.adminToken,
                    },
                  ],
                },
              ],
            },
            aiGateway: {
              cache: { initialBackoffMs: 100, maxBackoffMs: 500 },
              metrics: {
                clusters: { local: { podProxy: { apiUrl: sim.url } } },
              },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.close();
    await kube?.close();
  });

  it("serves an entity's topology with live numbers from the pod proxy", async () => {
    const res = await request(backend.server).get(
      '/api/ai-gateway/entity/component/default/support-bot/topology?window=5m',
    );
    expect(res.status).toBe(200);
    // the bytes as sent (gzipped: supertest asks for gzip), against the contract
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(
      responseSchemaErrors(
        'get',
        '/entity/{kind}/{namespace}/{name}/topology',
        res.body,
      ),
    ).toEqual([]);
    const body: TopologyResponse = res.body;
    expect(body.scope).toEqual({
      type: 'entity',
      entityRef: 'component:default/support-bot',
    });
    expect(body.metrics).toEqual([
      {
        cluster: 'local',
        available: true,
        source: 'pod-proxy',
        collectedAt: body.metricsAt,
      },
    ]);
    expect(Date.parse(body.metricsAt!)).toBeGreaterThan(0);
    const route = body.nodes.find(
      n => n.type === 'route' && n.label === 'team-support/support-chat',
    );
    expect(route?.relation).toBe('owned');
    expect((route!.metrics as TrafficMetrics).rps).toBeGreaterThan(0);
    expect(
      body.nodes.some(n => n.type === 'gateway' && n.relation === 'attached'),
    ).toBe(true);
    expect(body.nodes.some(n => n.label.startsWith('team-search/'))).toBe(
      false,
    );
    expect(body.clusters).toEqual([{ name: 'local', ok: true }]);
  });

  it('serves usage and the platform views', async () => {
    const usage = await request(backend.server).get(
      '/api/ai-gateway/entity/component/default/support-bot/usage?window=1h',
    );
    expect(usage.status).toBe(200);
    expect(
      responseSchemaErrors(
        'get',
        '/entity/{kind}/{namespace}/{name}/usage',
        usage.body,
      ),
    ).toEqual([]);
    const u: UsageResponse = usage.body;
    expect(u.metricsAt).toBe(clustersWithMetrics(u.metrics)[0]?.collectedAt);
    expect(
      (usage.body as UsageResponse).series.some(
        s => s.metric === 'requests' && s.route === 'team-support/support-chat',
      ),
    ).toBe(true);
    const platform = await request(backend.server).get(
      '/api/ai-gateway/platform/topology?window=24h',
    );
    expect(platform.status).toBe(200);
    expect(
      responseSchemaErrors('get', '/platform/topology', platform.body),
    ).toEqual([]);
    expect(
      (platform.body as TopologyResponse).nodes.some(n =>
        n.label.startsWith('team-search/'),
      ),
    ).toBe(true);
    const platformUsage = await request(backend.server).get(
      '/api/ai-gateway/platform/usage',
    );
    expect(platformUsage.status).toBe(200);
    expect(
      responseSchemaErrors('get', '/platform/usage', platformUsage.body),
    ).toEqual([]);
  });

  it('accepts only the window enum', async () => {
    const res = await request(backend.server).get(
      '/api/ai-gateway/platform/topology?window=7d',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
  });
});
