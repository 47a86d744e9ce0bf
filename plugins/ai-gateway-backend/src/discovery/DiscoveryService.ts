import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  DISCOVERY_EVENT_TOPIC,
  DiscoveryChangedEvent,
  DiscoverySnapshot,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceCaches } from '../cache/ResourceCaches';
import { buildSnapshot } from './buildSnapshot';
import { DiscoveryConfig } from './config';
import { ClusterObjects } from './context';
import { OwnerDirectory, OwnerLookup } from './owners';
import {
  A2aDiscoverySource,
  DISCOVERY_KINDS,
  McpDiscoverySource,
} from './types';

/** How long a snapshot request waits for the caches' first LIST. */
const SETTLE_MS = 5000;

/**
 * Keeps the discovery snapshot: computed from the watch caches (never a LIST of its own), the annotated catalog
 * entities and the MCP discovery store; rebuilt (debounced) when any of them changes, and then announced on
 * the events topic `ai-gateway.discovery` with the entity names that changed.
 */
export class DiscoveryService {
  private current?: DiscoverySnapshot;
  private dirty = true;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly unsubscribe: Array<() => void> = [];
  private building?: Promise<DiscoverySnapshot>;
  private readonly subscribed = new WeakSet<object>();
  private clusterSet = '';
  private syncTimer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly options: {
      caches: ResourceCaches;
      owners: OwnerDirectory;
      config: DiscoveryConfig;
      mcp?: McpDiscoverySource;
      a2a?: A2aDiscoverySource;
      events?: EventsService;
      logger?: LoggerService;
    },
  ) {}

  start(): void {
    const { owners, mcp, a2a } = this.options;
    this.syncSubscriptions();
    // clusters located from the catalog come and go: subscribe to the caches of new ones
    this.syncTimer = setInterval(() => this.syncSubscriptions(), 5000);
    this.syncTimer.unref?.();
    this.unsubscribe.push(owners.onChange(() => this.changed()));
    if (mcp) this.unsubscribe.push(mcp.onChange(() => this.changed()));
    if (a2a) this.unsubscribe.push(a2a.onChange(() => this.changed()));
    owners.start();
  }

  /** Subscribes to the kind caches of every current cluster; a changed cluster set is a change. */
  private syncSubscriptions() {
    const { caches } = this.options;
    const names = caches.clusterNames();
    for (const cluster of names) {
      for (const kind of DISCOVERY_KINDS) {
        const cache = caches.cache(cluster, kind);
        if (cache && !this.subscribed.has(cache)) {
          this.subscribed.add(cache);
          this.unsubscribe.push(cache.subscribe(() => this.changed()));
        }
      }
    }
    const set = [...names].sort().join(',');
    if (set !== this.clusterSet) {
      this.clusterSet = set;
      this.changed();
    }
  }

  stop(): void {
    if (this.syncTimer) clearInterval(this.syncTimer);
    this.syncTimer = undefined;
    this.unsubscribe.splice(0).forEach(u => u());
    this.options.owners.stop();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The current snapshot (rebuilt first if anything changed since). */
  async snapshot(): Promise<DiscoverySnapshot> {
    if (!this.dirty && this.current) return this.current;
    return this.rebuild();
  }

  private changed() {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.rebuild().catch(e =>
        this.options.logger?.warn(`ai-gateway discovery: rebuild failed: ${e}`),
      );
    }, this.options.config.debounceMs);
    this.timer.unref?.();
  }

  private rebuild(): Promise<DiscoverySnapshot> {
    this.building ??= this.doRebuild().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  private async doRebuild(): Promise<DiscoverySnapshot> {
    const { caches, owners, config, mcp, a2a } = this.options;
    this.dirty = false;
    await caches.waitUntilSettled([...DISCOVERY_KINDS], SETTLE_MS);
    const lookup = new OwnerLookup(await owners.current(), config.defaultOwner);
    const clusters: ClusterObjects[] = caches.clusterNames().map(name => {
      const states = DISCOVERY_KINDS.map(k => caches.cache(name, k)?.state());
      const notSynced = states.find(s => s && !s.synced);
      return {
        name,
        ok: !notSynced,
        ...(notSynced
          ? {
              message: `${notSynced.kind}: ${
                notSynced.error?.message ?? 'not synced yet'
              }`,
            }
          : {}),
        gateways: caches.query(name, 'Gateway'),
        routes: caches.query(name, 'HTTPRoute'),
        models: caches.query(name, 'AgentgatewayModel'),
        backends: caches.query(name, 'AgentgatewayBackend'),
        policies: caches.query(name, 'AgentgatewayPolicy'),
      };
    });
    const next = buildSnapshot({ clusters, owners: lookup, mcp, a2a, config });
    const previous = this.current;
    this.current = next;
    if (
      next.problems.length &&
      next.problems.join() !== previous?.problems.join()
    ) {
      this.options.logger?.warn(
        `ai-gateway discovery: ${
          next.problems.length
        } object(s) skipped: ${next.problems.slice(0, 10).join('; ')}`,
      );
    }
    if (previous && previous.version !== next.version) {
      await this.publish(previous, next);
    }
    return next;
  }

  private async publish(prev: DiscoverySnapshot, next: DiscoverySnapshot) {
    if (!this.options.events) return;
    const index = (s: DiscoverySnapshot) =>
      new Map(
        [...s.apis, ...s.resources].map(e => [e.name, JSON.stringify(e)]),
      );
    const before = index(prev);
    const after = index(next);
    const payload: DiscoveryChangedEvent = {
      version: next.version,
      changed: [...after]
        .filter(([k, v]) => before.get(k) !== v)
        .map(([k]) => k),
      removed: [...before.keys()].filter(k => !after.has(k)),
    };
    try {
      await this.options.events.publish({
        topic: DISCOVERY_EVENT_TOPIC,
        eventPayload: payload,
      });
    } catch (e) {
      this.options.logger?.warn(
        `ai-gateway discovery: could not publish the change event: ${e}`,
      );
    }
  }
}
