import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { NotAllowedError } from '@backstage/errors';
import {
  RESOURCE_KINDS,
  TrafficMetrics,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { TrafficSimulator } from '@ai-gateway-backstage/traffic-simulator';
import { ResourceCaches } from '../cache/ResourceCaches';
import { InMemoryCollection } from '../cache/testSource';
import { EntityResolver } from '../entities/EntityResolver';
import { AccessControl } from '../permissions/AccessControl';
import { ReadService } from '../service/ReadService';
import { MetricsService } from '../metrics/config';
import { PodProxyMetricsSource } from '../metrics/PodProxyMetricsSource';
import {
  SimulatorTransport,
  demoObjects,
} from '../metrics/__testUtils__/simulator';
import { TopologyService } from './TopologyService';

const entity = (name: string, id: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': id },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
});

function setup(
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const objects = demoObjects();
  const sources = new Map<string, InMemoryCollection>();
  const caches = new ResourceCaches({
    clusters: ['dev'],
    kinds: RESOURCE_KINDS,
    sourceFor: (_cluster, kind) => {
      const s = new InMemoryCollection();
      objects
        .filter(o => o.kind === kind.kind)
        .forEach(o => s.apply('ADDED', o));
      sources.set(kind.kind, s);
      return s;
    },
  });
  caches.start();
  let now = 120_000;
  const sim = new TrafficSimulator(objects, {
    seed: 3,
    startMs: 0,
    rateScale: 5,
  });
  sim.advanceTo(now);
  const metrics = new MetricsService(
    new Map([
      [
        'dev',
        new PodProxyMetricsSource({
          transport: new SimulatorTransport(sim),
          now: () => now,
          sleep: async ms => {
            now += ms;
            sim.advanceTo(now);
          },
          firstRateDelayMs: 30_000,
        }),
      ],
    ]),
  );
  const access = new AccessControl(
    mockServices.permissions({ result: permission }),
  );
  const reads = new ReadService({
    reader: caches,
    entities: new EntityResolver(
      catalogServiceMock({
        entities: [
          entity('chat', 'chat-service'),
          entity('plain', 'nothing-labelled'),
        ],
      }),
    ),
    access,
  });
  return {
    caches,
    metrics,
    objects,
    sources,
    service: new TopologyService({ reader: caches, reads, access, metrics }),
  };
}

describe('TopologyService', () => {
  let caches: ResourceCaches | undefined;
  let metrics: MetricsService | undefined;
  afterEach(() => {
    caches?.stop();
    metrics?.close();
  });

  it("serves an entity's topology from the caches with live numbers of its own routes", async () => {
    const s = setup();
    caches = s.caches;
    metrics = s.metrics;
    const t = await s.service.entityTopology(
      'component:default/chat',
      '5m',
      mockCredentials.user(),
    );
    expect(t.scope).toEqual({
      type: 'entity',
      entityRef: 'component:default/chat',
    });
    expect(t.nodes.filter(n => n.type === 'route').map(n => n.label)).toEqual([
      'team-a/chat',
    ]);
    expect(t.nodes.find(n => n.type === 'gateway')).toMatchObject({
      label: 'platform/ai-gateway',
      relation: 'attached',
    });
    const chat = t.nodes.find(n => n.label === 'team-a/chat')!
      .metrics as TrafficMetrics;
    expect(chat.available).toBe(true);
    expect(chat.rps).toBeGreaterThan(0);
    expect(t.metrics).toEqual([
      {
        cluster: 'dev',
        available: true,
        source: 'pod-proxy',
        collectedAt: t.metricsAt,
      },
    ]);
    expect(Date.parse(t.metricsAt!)).toBeGreaterThan(0);
    expect(t.clusters).toEqual([{ name: 'dev', ok: true }]);
    const usage = await s.service.entityUsage(
      'component:default/chat',
      '5m',
      mockCredentials.user(),
    );
    expect(
      usage.series.some(
        x => x.metric === 'requests' && x.route === 'team-a/chat',
      ),
    ).toBe(true);
    expect(
      usage.series.every(
        x => x.route === undefined || x.route === 'team-a/chat',
      ),
    ).toBe(true);
  });

  it('serves the platform topology, and an entity without objects gets an empty graph', async () => {
    const s = setup();
    caches = s.caches;
    metrics = s.metrics;
    const t = await s.service.platformTopology('1h', mockCredentials.user());
    expect(t.nodes.filter(n => n.type === 'route')).toHaveLength(3);
    const empty = await s.service.entityTopology(
      'component:default/plain',
      '5m',
      mockCredentials.user(),
    );
    expect(empty.nodes).toEqual([]);
    expect(empty.metrics).toEqual([]);
  });

  it('the next answer after a watch event shows the change (the caches announce it)', async () => {
    const s = setup();
    caches = s.caches;
    metrics = s.metrics;
    const labels = async () =>
      JSON.parse(
        (
          await s.service.platformTopologyBody('5m', mockCredentials.user())
        ).json.toString('utf8'),
      )
        .nodes.filter((n: { type: string }) => n.type === 'route')
        .map((n: { label: string }) => n.label)
        .sort();
    expect(await labels()).toEqual([
      'team-a/chat',
      'team-b/httpbin',
      'team-b/mcp',
    ]);
    const route = s.objects.find(o => o.kind === 'HTTPRoute')!;
    s.sources.get('HTTPRoute')!.apply('ADDED', {
      ...route,
      metadata: { ...route.metadata, name: 'added', uid: 'added-uid' },
    });
    s.sources.get('HTTPRoute')!.apply('DELETED', route);
    // the watch delivers the events asynchronously
    await new Promise(r => setTimeout(r, 50));
    const after = await labels();
    expect(after).toContain(`${route.metadata.namespace}/added`);
    expect(after).not.toContain(
      `${route.metadata.namespace}/${route.metadata.name}`,
    );
    expect(after).toHaveLength(3);
  });

  it('needs the platform permission for the platform views', async () => {
    const s = setup(AuthorizeResult.DENY);
    caches = s.caches;
    metrics = s.metrics;
    await expect(
      s.service.platformTopology('5m', mockCredentials.user()),
    ).rejects.toThrow(NotAllowedError);
    await expect(
      s.service.platformUsage('5m', mockCredentials.user()),
    ).rejects.toThrow(NotAllowedError);
  });
});
