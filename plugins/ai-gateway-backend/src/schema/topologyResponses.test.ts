import {
  KubeObject,
  MetricsResult,
  MetricsWindow,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { TrafficSimulator } from '@ai-gateway-backstage/traffic-simulator';
import { PodProxyMetricsSource } from '../metrics/PodProxyMetricsSource';
import {
  SimulatorTransport,
  allFixtureObjects,
} from '../metrics/__testUtils__/simulator';
import { UsageResult } from '../metrics/types';
import { buildTopology, buildUsage } from '../topology';
import { TopologyScope } from '../topology/scope';
import {
  CLUSTER,
  demoSnapshot,
  entityScope,
} from '../topology/__testUtils__/data';
import { responseSchemaErrors } from '../__testUtils__/openApiResponses';

const ENTITY_TOPOLOGY = '/entity/{kind}/{namespace}/{name}/topology';
const ENTITY_USAGE = '/entity/{kind}/{namespace}/{name}/usage';

/** The demo cluster plus MCP selector targets and a missing backend, read through the pod proxy of a simulator. */
async function simulated() {
  const objects = allFixtureObjects();
  let now = 120_000;
  const sim = new TrafficSimulator(objects, {
    seed: 7,
    startMs: 0,
    rateScale: 5,
  });
  sim.advanceTo(now);
  const source = new PodProxyMetricsSource({
    transport: new SimulatorTransport(sim),
    now: () => now,
    sleep: async ms => {
      now += ms;
      sim.advanceTo(now);
    },
    firstRateDelayMs: 30_000,
  });
  return {
    objects: objects.map((object: KubeObject) => ({
      cluster: CLUSTER,
      object,
    })),
    snapshot: (w: MetricsWindow) => source.snapshot(w),
    usage: (w: MetricsWindow) => source.usage(w),
  };
}

/** The topology answer as JSON (the route's bytes are checked in topology/routes.test.ts). */
function topologyJson(
  objects: Awaited<ReturnType<typeof simulated>>['objects'],
  scope: TopologyScope,
  metrics: Record<string, MetricsResult>,
  window: MetricsWindow,
) {
  const built = buildTopology({ objects, scope, metrics, window });
  return JSON.parse(
    JSON.stringify({ ...built, clusters: [{ name: CLUSTER, ok: true }] }),
  );
}

describe('topology and usage answers match openapi.yaml', () => {
  it('the topology of an entity and of the platform, with simulated numbers', async () => {
    const s = await simulated();
    const snapshot = await s.snapshot('5m');
    expect(snapshot.available).toBe(true);
    for (const [path, scope] of [
      [ENTITY_TOPOLOGY, entityScope('chat-service')],
      [ENTITY_TOPOLOGY, entityScope('tools-service')],
      ['/platform/topology', { type: 'platform' }],
    ] as Array<[string, TopologyScope]>) {
      const body = topologyJson(
        s.objects,
        scope,
        { [CLUSTER]: snapshot },
        '5m',
      );
      expect(responseSchemaErrors('get', path, body)).toEqual([]);
      expect(body.nodes.length).toBeGreaterThan(0);
      expect(body.metricsAt).toBe(
        snapshot.available ? snapshot.collectedAt : undefined,
      );
    }
  });

  it('the topology with hand-made numbers (MCP tools, LLM targets), and without any', async () => {
    const s = await simulated();
    const platform = { type: 'platform' } as const;
    const withTools = topologyJson(
      s.objects,
      platform,
      { [CLUSTER]: demoSnapshot() },
      '1h',
    );
    expect(
      withTools.nodes.some((n: { type: string }) => n.type === 'tool'),
    ).toBe(true);
    expect(
      responseSchemaErrors('get', '/platform/topology', withTools),
    ).toEqual([]);
    // no numbers: one cluster's source failed, one has no source at all
    const without = topologyJson(
      s.objects,
      platform,
      {
        [CLUSTER]: { available: false, reason: 'Prometheus is unreachable' },
        other: { available: false, reason: 'No metrics source' },
      },
      '24h',
    );
    expect(without.metricsAt).toBeUndefined();
    expect(responseSchemaErrors('get', '/platform/topology', without)).toEqual(
      [],
    );
  });

  it('usage of an entity and of the platform, from the pod proxy and unavailable', async () => {
    const s = await simulated();
    const usage = await s.usage('5m');
    expect(usage.available).toBe(true);
    const none: UsageResult = { available: false, reason: 'No metrics source' };
    for (const [path, scope] of [
      [ENTITY_USAGE, entityScope('chat-service')],
      ['/platform/usage', { type: 'platform' }],
    ] as Array<[string, TopologyScope]>) {
      const body = JSON.parse(
        JSON.stringify(
          buildUsage({
            objects: s.objects,
            usage: { [CLUSTER]: usage, other: none },
            scope,
            window: '5m',
          }),
        ),
      );
      expect(responseSchemaErrors('get', path, body)).toEqual([]);
      expect(body.series.length).toBeGreaterThan(0);
      expect(body.metricsAt).toBe(
        usage.available ? usage.collectedAt : undefined,
      );
    }
  });

  it('the shapes are closed: an unknown field, a missing number or a wrong kind is an error', async () => {
    const s = await simulated();
    const body = topologyJson(
      s.objects,
      { type: 'platform' },
      { [CLUSTER]: demoSnapshot() },
      '5m',
    );
    const broken = structuredClone(body);
    broken.nodes[0].extra = 1;
    broken.edges[0].rps = null;
    broken.nodes[1].type = 'pod';
    delete broken.metrics[0].collectedAt;
    const errors = responseSchemaErrors('get', '/platform/topology', broken);
    expect(errors.join('\n')).toMatch(/\/nodes\/0 must NOT have additional/);
    expect(errors.join('\n')).toMatch(/\/edges\/0\/rps must be number/);
    expect(errors.join('\n')).toMatch(/\/nodes\/1\/type must be equal to one/);
    expect(errors.join('\n')).toMatch(
      /\/metrics\/0 must have required property 'collectedAt'/,
    );
  });
});
