import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  DISCOVERY_EVENT_TOPIC,
  DiscoveryChangedEvent,
  DiscoverySnapshot,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceCaches } from '../cache/ResourceCaches';
import { BuiltSnapshot, buildSnapshotWithHashes } from './buildSnapshot';
import { DiscoveryConfig } from './config';
import { clusterObjects } from './context';
import { clustersReading, refreshApis } from './refreshApis';
import { OwnerDirectory, OwnerLookup } from './owners';
import {
  A2aDiscoverySource,
  DISCOVERY_KINDS,
  McpDiscoverySource,
  ResultKey,
} from './types';
import { resultKey, UsedResults } from './usedResults';
import { changedEntities } from './versions';
import { rebuildClusters } from './rebuildClusters';

/** What changed since the last build, when it is known. */
interface Pending {
  /** MCP / A2A result keys */
  keys: Set<string>;
  /** clusters with a watch event */
  clusters: Set<string>;
}

/** How long a snapshot request waits for the caches' first LIST. */
const SETTLE_MS = 5000;
/**
 * How long a change waits for the caches' first LIST before it rebuilds with what they have (the snapshot then
 * says which cluster is incomplete): a cluster whose LIST hangs must not hold back the others' entities for long.
 */
const SYNC_WAIT_MS = 60_000;

/**
 * Keeps the discovery snapshot: computed from the watch caches (never a LIST of its own), the annotated catalog
 * entities and the MCP / A2A discovery results; rebuilt (debounced) when any of them changes, and then announced
 * on the events topic `ai-gateway.discovery` with the entity names that changed.
 * - changes wait until every kind cache has finished its first LIST (or failed): no rebuilds with part of the
 *   objects while the caches sync (a snapshot request during the sync still gets one);
 * - an MCP / A2A result is compared with what the last build read ({@link UsedResults}): one no entity uses, or
 *   the same content with new timestamps, rebuilds nothing;
 * - each entity's JSON is hashed once per build; the version combines the hashes and the change event compares
 *   them (no snapshot-wide stringify).
 */
export class DiscoveryService {
  private last?: BuiltSnapshot;
  /** what changed since the last build: MCP / A2A result keys and the clusters with a watch event, or anything */
  private pending: Pending | 'all' = 'all';
  /** watch-event updates that had to build the whole snapshot instead (diagnostics, tests) */
  private fallbacks = 0;
  private readonly usedMcp = new UsedResults<
    NonNullable<ReturnType<McpDiscoverySource['getServer']>>
  >();
  private readonly usedA2a = new UsedResults<
    NonNullable<ReturnType<A2aDiscoverySource['getAgent']>>
  >();
  private waitingForSync = false;
  private built = 0;
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
    // after the first load: that load is no change (every build waits for it), later ones are
    void owners.current().then(() => {
      if (this.syncTimer)
        this.unsubscribe.push(owners.onChange(() => this.changed()));
    });
    if (mcp) this.unsubscribe.push(mcp.onChange(key => this.mcpChanged(key)));
    if (a2a) this.unsubscribe.push(a2a.onChange(key => this.a2aChanged(key)));
    owners.start();
  }

  /** An MCP result changed (`key`: whose; unknown: any): a change only if an entity would differ. */
  private mcpChanged(key?: ResultKey) {
    const { mcp } = this.options;
    if (!mcp) return;
    const keys = this.usedMcp.changedKeys(key, (c, ns, b) =>
      mcp.getServer(c, ns, b),
    );
    if (keys.length) this.changed(keys);
  }

  /** An A2A result changed (`key`: whose; unknown: any): a change only if an entity would differ. */
  private a2aChanged(key?: ResultKey) {
    const { a2a } = this.options;
    if (!a2a) return;
    const keys = this.usedA2a.changedKeys(key, (c, ns, b) =>
      a2a.getAgent(c, ns, b),
    );
    if (keys.length) this.changed(keys);
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
          this.unsubscribe.push(
            cache.subscribe(() => this.changed(undefined, cluster)),
          );
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

  /** How many watch-event updates had to build the whole snapshot (diagnostics, tests). */
  get wholeBuildFallbacks(): number {
    return this.fallbacks;
  }

  /** How many snapshots were built since the start (diagnostics, tests). */
  get builds(): number {
    return this.built;
  }

  /** The current snapshot (rebuilt first if anything changed since). */
  async snapshot(): Promise<DiscoverySnapshot> {
    if (!this.dirty && this.last) return this.last.snapshot;
    if (this.syncing()) {
      await this.options.caches.waitUntilSettled(
        [...DISCOVERY_KINDS],
        SETTLE_MS,
      );
      // still syncing: the last snapshot (the rebuild follows the sync), or a partial one if there is none
      if (this.last && this.syncing()) return this.last.snapshot;
    }
    return this.rebuild();
  }

  /** `keys`: MCP / A2A results that changed; `cluster`: a watch event there; neither: anything may have changed. */
  private changed(keys?: string[], cluster?: string) {
    const pending = this.pending;
    if (pending === 'all') {
      // stays 'all'
    } else if (keys) keys.forEach(k => pending.keys.add(k));
    else if (cluster !== undefined) pending.clusters.add(cluster);
    else this.pending = 'all';
    this.dirty = true;
    if (this.timer || this.waitingForSync) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.rebuildWhenSynced().catch(e =>
        this.options.logger?.warn(`ai-gateway discovery: rebuild failed: ${e}`),
      );
    }, this.options.config.debounceMs);
    this.timer.unref?.();
  }

  /** Whether a kind cache discovery reads is still in its first LIST (neither synced nor failed). */
  private syncing(): boolean {
    const { caches } = this.options;
    return caches.clusterNames().some(cluster =>
      DISCOVERY_KINDS.some(kind => {
        const state = caches.cache(cluster, kind)?.state();
        return !!state && !state.synced && !state.error;
      }),
    );
  }

  /** The debounced rebuild: first waits for the caches' first LIST (changes meanwhile are folded into it). */
  private async rebuildWhenSynced(): Promise<void> {
    if (this.syncing()) {
      this.waitingForSync = true;
      try {
        // a cluster added while waiting is waited for too, within the same bound (a stopped cache does not wait)
        const deadline = Date.now() + SYNC_WAIT_MS;
        for (let i = 0; i < 3 && this.syncing() && Date.now() < deadline; i++)
          await this.options.caches.waitUntilSettled(
            [...DISCOVERY_KINDS],
            deadline - Date.now(),
          );
      } finally {
        this.waitingForSync = false;
      }
    }
    if (this.dirty) await this.rebuild();
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
    const pending = this.pending;
    this.pending = { keys: new Set(), clusters: new Set() };
    const lookup = new OwnerLookup(await owners.current(), config.defaultOwner);
    const cpu = process.cpuUsage();
    const previous = this.last;
    const names = caches.clusterNames();
    // only MCP / A2A results changed: the APIs reading them, from the clusters they come from
    const only =
      previous && pending !== 'all' && !pending.clusters.size
        ? clustersReading(previous, pending.keys)
        : undefined;
    // watch events: those clusters built again, and the ones whose APIs read a changed result
    const rebuilt =
      previous && pending !== 'all' && pending.clusters.size
        ? new Set([
            ...pending.clusters,
            ...clustersReading(previous, pending.keys),
          ])
        : undefined;
    const clusters = names
      .filter(name => !only || only.has(name))
      .map(name => clusterObjects(caches, name));
    const keep = !!only || !!rebuilt;
    this.usedMcp.begin(keep);
    this.usedA2a.begin(keep);
    let built: BuiltSnapshot | undefined;
    try {
      const input = {
        clusters,
        owners: lookup,
        mcp: mcp && {
          getServer: (cluster: string, namespace: string, name: string) =>
            this.usedMcp.use(
              resultKey(cluster, namespace, name),
              mcp.getServer(cluster, namespace, name),
            ),
          onChange: mcp.onChange.bind(mcp),
        },
        a2a: a2a && {
          getAgent: (cluster: string, namespace: string, name: string) =>
            this.usedA2a.use(
              resultKey(cluster, namespace, name),
              a2a.getAgent(cluster, namespace, name),
            ),
          onChange: a2a.onChange.bind(a2a),
        },
        config,
      };
      if (previous && only && pending !== 'all')
        built = refreshApis(previous, input, pending.keys, names.length > 1);
      if (previous && rebuilt) {
        built = rebuildClusters(previous, input, rebuilt);
        if (!built) {
          this.fallbacks++;
          this.options.logger?.debug(
            `ai-gateway discovery: a watch event needs a whole build (${this.fallbacks} so far)`,
          );
        }
      }
      if (!built) {
        if (keep) {
          // not exact: everything, from every cluster
          this.usedMcp.begin(false);
          this.usedA2a.begin(false);
          input.clusters = names.map(name => clusterObjects(caches, name));
        }
        built = buildSnapshotWithHashes(input);
      }
    } finally {
      this.usedMcp.end(!!built);
      this.usedA2a.end(!!built);
    }
    this.built++;
    this.last = built;
    const next = built.snapshot;
    if (
      next.problems.length &&
      next.problems.join() !== previous?.snapshot.problems.join()
    ) {
      this.options.logger?.warn(
        `ai-gateway discovery: ${
          next.problems.length
        } object(s) skipped: ${next.problems.slice(0, 10).join('; ')}`,
      );
    }
    const changes = previous && changedEntities(previous.hashes, built.hashes);
    const used = process.cpuUsage(cpu);
    let how = 'built';
    if (built === previous) how = 'unchanged';
    else if (only) how = 'updated';
    else if (rebuilt) how = `updated (clusters ${[...rebuilt].join(', ')})`;
    this.options.logger?.info(
      `ai-gateway discovery: snapshot ${next.version} ${how} (${
        next.apis.length
      } APIs, ${next.resources.length} Resources${
        changes
          ? `; ${changes.changed.length} changed, ${changes.removed.length} removed`
          : ''
      }) in ${Math.round((used.user + used.system) / 1000)} ms of CPU`,
    );
    if (previous && changes && previous.snapshot.version !== next.version) {
      await this.publish(next.version, changes);
    }
    return next;
  }

  private async publish(
    version: string,
    changes: { changed: string[]; removed: string[] },
  ) {
    if (!this.options.events) return;
    const payload: DiscoveryChangedEvent = { version, ...changes };
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
