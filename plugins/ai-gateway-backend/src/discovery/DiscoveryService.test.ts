import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DISCOVERY_EVENT_TOPIC,
  DiscoveryChangedEvent,
  McpServerDefinition,
  RESOURCE_KINDS,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceCaches } from '../cache/ResourceCaches';
import { ListResult } from '../cache/source';
import { InMemoryCollection } from '../cache/testSource';
import { McpDiscoveryService } from '../mcp/McpDiscoveryService';
import { DatabaseMcpDiscoveryStore } from '../mcp/store';
import { McpConfig } from '../mcp/config';
import { DiscoveryService } from './DiscoveryService';
import { buildSnapshot } from './buildSnapshot';
import { clusterObjects } from './context';
import { OwnerDirectory, OwnerLookup, toOwnerEntities } from './owners';
import { DISCOVERY_KINDS } from './types';
import { demoConfig, demoEntities, demoObjects } from './__testUtils__/demo';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

/** An in-memory API collection whose first LIST answers only when the test opens the gate. */
class GatedCollection extends InMemoryCollection {
  private open!: () => void;
  private readonly gate = new Promise<void>(r => {
    this.open = r;
  });

  release() {
    this.open();
  }

  async list(): Promise<ListResult> {
    await this.gate;
    return super.list();
  }
}

const waitFor = async (what: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 10));
  }
};
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** The demo cluster in real watch-backed caches; the HTTPRoute LIST waits for `release()`. */
function demoCaches() {
  const collections = new Map<string, GatedCollection>();
  const caches = new ResourceCaches({
    clusters: ['local'],
    kinds: RESOURCE_KINDS.filter(k =>
      (DISCOVERY_KINDS as readonly string[]).includes(k.kind),
    ),
    sourceFor: (_cluster, kind) => {
      const source = new GatedCollection();
      demoObjects
        .filter(o => o.kind === kind.kind)
        .forEach(o => source.apply('ADDED', o));
      if (kind.kind !== 'HTTPRoute') source.release();
      collections.set(kind.kind, source);
      return source;
    },
  });
  return { caches, collections };
}

async function startService(caches: ResourceCaches, mcp?: McpDiscoveryService) {
  const logger = mockServices.logger.mock();
  const events = DefaultEventsService.create({ logger });
  const published: DiscoveryChangedEvent[] = [];
  await events.subscribe({
    id: 'test',
    topics: [DISCOVERY_EVENT_TOPIC],
    onEvent: async e => {
      published.push(e.eventPayload as DiscoveryChangedEvent);
    },
  });
  const service = new DiscoveryService({
    caches,
    owners: new OwnerDirectory({
      catalog: catalogServiceMock({ entities: demoEntities }),
      auth: mockServices.auth(),
    }),
    config: demoConfig({ catalog: { debounceMs: 10 } }),
    mcp,
    events,
    logger,
  });
  service.start();
  return { service, published, logger };
}

describe('DiscoveryService', () => {
  let stop: Array<() => void> = [];
  afterEach(() => {
    stop.forEach(s => s());
    stop = [];
  });

  it('builds no snapshot while a kind cache is in its first LIST; one when the caches have synced', async () => {
    const { caches, collections } = demoCaches();
    caches.start();
    const { service, published } = await startService(caches);
    stop.push(
      () => service.stop(),
      () => caches.stop(),
    );
    // the other kinds synced, and a watch event arrives: still no build
    await waitFor(() => caches.cache('local', 'Gateway')!.state().synced);
    const gateway = demoObjects.find(o => o.kind === 'Gateway')!;
    collections.get('Gateway')!.apply('MODIFIED', {
      ...gateway,
      metadata: { ...gateway.metadata, labels: { changed: 'yes' } },
    });
    await sleep(300);
    expect(service.builds).toBe(0);

    collections.get('HTTPRoute')!.release();
    await waitFor(() => service.builds === 1);
    const snapshot = await service.snapshot();
    expect(snapshot.complete).toBe(true);
    expect(snapshot.apis.map(a => a.name)).toContain(
      'team-support.support-kb-mcp',
    );
    await sleep(300);
    expect(service.builds).toBe(1);
    expect(published).toEqual([]);
  });

  it('a watch event updates its cluster only, as a whole build would', async () => {
    const { caches, collections } = demoCaches();
    collections.get('HTTPRoute')!.release();
    caches.start();
    const { service, published, logger } = await startService(caches);
    stop.push(
      () => service.stop(),
      () => caches.stop(),
    );
    await waitFor(() => service.builds === 1);
    const before = await service.snapshot();
    const route = demoObjects.find(
      o => o.kind === 'HTTPRoute' && o.metadata.name === 'support-kb-mcp',
    )!;
    collections.get('HTTPRoute')!.apply('MODIFIED', {
      ...route,
      metadata: {
        ...route.metadata,
        annotations: { 'ai-gateway.backstage.io/discoverable': 'false' },
      },
    });
    await waitFor(() => service.builds === 2);
    const after = await service.snapshot();
    expect(service.wholeBuildFallbacks).toBe(0);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('updated (clusters local)'),
    );
    expect(after.apis.map(a => a.name)).toEqual(
      before.apis
        .map(a => a.name)
        .filter(n => n !== 'team-support.support-kb-mcp'),
    );
    const whole = buildSnapshot({
      clusters: [clusterObjects(caches, 'local')],
      owners: new OwnerLookup(
        toOwnerEntities(demoEntities),
        demoConfig().defaultOwner,
      ),
      config: demoConfig({ catalog: { debounceMs: 10 } }),
      now: new Date(after.generatedAt),
    });
    expect(after).toEqual(whole);
    await waitFor(() => published.length === 1);
    expect(published[0].version).toBe(after.version);
    // the API is gone; its backend's Resource (the same name) no longer depends on the route's Gateway
    expect(published[0].changed).toEqual(['team-support.support-kb-mcp']);
    expect(published[0].removed).toEqual([]);
  });

  it('an MCP result changing no entity (the same error again, later) neither rebuilds nor publishes', async () => {
    const { caches, collections } = demoCaches();
    collections.get('HTTPRoute')!.release();
    caches.start();
    await caches.waitUntilSettled([...DISCOVERY_KINDS], 5000);
    const knex = await databases.init('SQLITE_3');
    const config: McpConfig = {
      enabled: true,
      frequencyMs: 60_000,
      timeoutMs: 5_000,
      maxResponseBytes: 1024 * 1024,
      maxItems: 100,
      concurrency: 1,
      // nothing listens there: every discovery fails the same way
      endpoints: [
        {
          backend: 'team-support/support-kb-mcp',
          url: 'http://127.0.0.1:9/mcp',
          transport: 'streamable-http',
          headers: {},
        },
      ],
      gateways: new Map(),
      registry: { enabled: false, namespace: 'x' },
    };
    const mcp = new McpDiscoveryService({
      reader: caches,
      store: await DatabaseMcpDiscoveryStore.create(
        mockServices.database({ knex, migrations: { skip: false } }),
      ),
      config,
      logger: mockServices.logger.mock(),
    });
    const { service, published } = await startService(caches, mcp);
    stop.push(
      () => service.stop(),
      () => caches.stop(),
    );
    await waitFor(() => service.builds === 1);
    const kb = async () =>
      (await service.snapshot()).apis.find(
        a => a.name === 'team-support.support-kb-mcp',
      )!.definition as McpServerDefinition;
    expect((await kb()).discovery.status).toBe('pending');
    const backend = caches.get(
      'local',
      'AgentgatewayBackend',
      'team-support',
      'support-kb-mcp',
    )!;

    // pending → failed: the entity changes, one build, one event naming it
    const first = await mcp.refreshBackend('local', backend);
    expect(first.status).toBe('failed');
    await waitFor(() => published.length === 1);
    expect(service.builds).toBe(2);
    expect(published[0].changed).toEqual(['team-support.support-kb-mcp']);
    expect((await kb()).discovery.error).toEqual(first.error);

    // the same failure again, a moment later: a new result, no entity changes
    await sleep(20);
    const second = await mcp.refreshBackend('local', backend);
    expect(second.error!.at).not.toBe(first.error!.at);
    expect(second.error!.message).toBe(first.error!.message);
    // a backend no entity uses (no route exposes it) changes nothing either
    const unused = await mcp.refreshBackend('local', {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayBackend',
      metadata: { name: 'orphan-mcp', namespace: 'team-x' },
      spec: {
        mcp: {
          targets: [{ name: 'o', static: { host: '127.0.0.1', port: 9 } }],
        },
      },
    });
    expect(mcp.getServer('local', 'team-x', 'orphan-mcp')).toEqual(unused);
    await sleep(300);
    expect(service.builds).toBe(2);
    expect(published).toHaveLength(1);
    // the entity keeps the time the failure was first seen
    expect((await kb()).discovery.error).toEqual(first.error);
  });
});
