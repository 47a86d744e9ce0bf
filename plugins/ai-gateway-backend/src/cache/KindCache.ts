import { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubeObject,
  ResourceKindDescriptor,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  ClassifiedError,
  classifyClusterError,
  statusOf,
} from '../cluster/errors';
import { ObjectIndex, objectKey } from './ObjectIndex';
import { ListWatchSource, WatchEvent, WatchHandle } from './source';

export interface KindCacheOptions {
  cluster: string;
  kind: ResourceKindDescriptor;
  source: ListWatchSource;
  logger?: LoggerService;
  /** Applied to every object on ingest (e.g. strip Secret values). */
  transform?: (obj: KubeObject) => KubeObject;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface KindCacheState {
  cluster: string;
  kind: string;
  /** The first LIST succeeded; the content is served from the cache. */
  synced: boolean;
  /** The last LIST / WATCH failure, cleared by the next successful LIST. */
  error?: ClassifiedError;
  /** How many LISTs ran (initial one included). */
  lists: number;
  /** Set when a LIST / WATCH failed after the cache had synced: the content is as of this time (ISO). */
  staleSince?: string;
  /**
   * An optional kind (descriptor `optional`) the cluster does not serve: the LIST answered 404 (CRD not installed),
   * or 403 (the plugin's RBAC predates the kind: a cluster set up before the plugin read it must keep working).
   * The cache is then synced and empty, not failed; the LIST is retried with backoff and clears this when it succeeds.
   */
  unavailable?: string;
}

export type CacheChange =
  | { type: 'upsert' | 'delete'; object: KubeObject }
  | { type: 'relist' };

/**
 * One LIST + WATCH of one kind in one cluster, kept in an {@link ObjectIndex}.
 * - a watch that ends normally is re-opened from the last resourceVersion (no LIST);
 * - 410 Gone / `Expired` (resourceVersion too old) → immediate re-LIST;
 * - any other failure → error recorded, re-LIST after an exponential backoff (capped, with jitter).
 */
export class KindCache {
  readonly index = new ObjectIndex();
  private resourceVersion = '';
  private synced = false;
  private error?: ClassifiedError;
  private lists = 0;
  private staleSince?: string;
  private unavailable?: string;
  private failures = 0;
  private running = false;
  private generation = 0;
  private watchHandle?: WatchHandle;
  private timer?: ReturnType<typeof setTimeout>;
  private waiters = new Set<() => void>();
  private listeners = new Set<(change: CacheChange) => void>();
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(private readonly options: KindCacheOptions) {
    this.initialBackoffMs = options.initialBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30000;
  }

  get kind(): ResourceKindDescriptor {
    return this.options.kind;
  }

  get cluster(): string {
    return this.options.cluster;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.relist();
  }

  stop(): void {
    this.running = false;
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.watchHandle?.stop();
    this.watchHandle = undefined;
    this.wakeWaiters();
  }

  state(): KindCacheState {
    return {
      cluster: this.options.cluster,
      kind: this.options.kind.kind,
      synced: this.synced,
      ...(this.error ? { error: this.error } : {}),
      lists: this.lists,
      ...(this.staleSince ? { staleSince: this.staleSince } : {}),
      ...(this.unavailable ? { unavailable: this.unavailable } : {}),
    };
  }

  /** Resolves once the cache is synced or has failed (or after `timeoutMs`); never LISTs itself. */
  waitUntilSettled(timeoutMs: number): Promise<void> {
    if (this.synced || this.error || !this.running) return Promise.resolve();
    return new Promise(resolve => {
      let timer: ReturnType<typeof setTimeout> | undefined = undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  /** Called on every change the cache applies; returns an unsubscribe function. */
  subscribe(listener: (change: CacheChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private ingest(obj: KubeObject): KubeObject {
    return this.options.transform ? this.options.transform(obj) : obj;
  }

  private emit(change: CacheChange) {
    for (const l of this.listeners) {
      try {
        l(change);
      } catch (e) {
        this.options.logger?.warn(`ai-gateway cache listener failed: ${e}`);
      }
    }
  }

  private wakeWaiters() {
    for (const w of [...this.waiters]) w();
  }

  private backoffMs(): number {
    const base = Math.min(
      this.maxBackoffMs,
      this.initialBackoffMs * 2 ** Math.min(this.failures, 20),
    );
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  private fail(err: unknown, during: string) {
    if (
      during === 'LIST' &&
      this.options.kind.optional &&
      (statusOf(err) === 404 || statusOf(err) === 403)
    ) {
      this.notServed(err);
      return;
    }
    this.error = classifyClusterError(err);
    if (this.synced && !this.staleSince)
      this.staleSince = new Date().toISOString();
    this.failures++;
    const delay = this.backoffMs();
    this.options.logger?.warn(
      `ai-gateway: ${during} of ${this.options.kind.kind} in cluster ${this.options.cluster} failed ` +
        `(${this.error.reason}: ${this.error.message}); retrying in ${delay} ms`,
    );
    this.wakeWaiters();
    this.schedule(delay);
  }

  /** An optional kind the cluster does not serve or lets us list (404 / 403 on LIST): empty, synced, `unavailable`; LIST retried. */
  private notServed(err: unknown) {
    const first = !this.unavailable;
    const message = classifyClusterError(err).message;
    const had = this.index.size > 0;
    this.index.replaceAll([]);
    const resource = `${this.options.kind.plural}.${this.options.kind.group}`;
    this.unavailable =
      statusOf(err) === 403
        ? `${resource} may not be listed by the plugin's identity in this cluster (${message})`
        : `${resource} is not served by the cluster (${message})`;
    this.synced = true;
    this.error = undefined;
    this.staleSince = undefined;
    this.resourceVersion = '';
    this.failures++;
    if (first)
      this.options.logger?.info(
        `ai-gateway: ${this.unavailable}; ${this.options.kind.kind} is treated as absent in cluster ${this.options.cluster}`,
      );
    if (had) this.emit({ type: 'relist' });
    this.wakeWaiters();
    this.schedule(this.backoffMs());
  }

  private schedule(delayMs: number) {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.relist();
    }, delayMs);
  }

  private async relist(): Promise<void> {
    const generation = ++this.generation;
    this.watchHandle?.stop();
    this.watchHandle = undefined;
    this.lists++;
    try {
      const ingest = (o: KubeObject) => this.ingest(o);
      const result = await this.options.source.list(ingest);
      if (!this.running || generation !== this.generation) return;
      this.index.replaceAll(
        result.ingested ? result.items : result.items.map(ingest),
      );
      this.resourceVersion = result.resourceVersion;
      this.synced = true;
      this.error = undefined;
      this.staleSince = undefined;
      this.unavailable = undefined;
      this.failures = 0;
      this.emit({ type: 'relist' });
      this.wakeWaiters();
      this.watch(generation);
    } catch (err) {
      if (!this.running || generation !== this.generation) return;
      this.fail(err, 'LIST');
    }
  }

  private async watch(generation: number): Promise<void> {
    let expired = false;
    let watchError: unknown;
    let events = 0;
    let finished = false;
    const openedAt = Date.now();
    const onEvent = (event: WatchEvent) => {
      if (generation !== this.generation) return;
      events++;
      if (event.type === 'ERROR') {
        const status = event.object;
        if (
          status.code === 410 ||
          status.reason === 'Expired' ||
          status.reason === 'Gone'
        )
          expired = true;
        else
          watchError = Object.assign(
            new Error(status.message ?? 'watch error'),
            { code: status.code, body: status },
          );
        return;
      }
      const rv = event.object.metadata?.resourceVersion;
      if (rv) this.resourceVersion = rv;
      if (event.type === 'BOOKMARK') return;
      if (event.type === 'DELETED') {
        const removed = this.index.remove(objectKey(event.object));
        if (removed) this.emit({ type: 'delete', object: removed });
        return;
      }
      const obj = this.ingest(event.object);
      this.index.upsert(obj);
      this.emit({ type: 'upsert', object: obj });
    };
    const onDone = (err?: unknown) => {
      if (finished) return;
      finished = true;
      if (!this.running || generation !== this.generation) return;
      this.watchHandle = undefined;
      if (expired || statusOf(err) === 410) {
        this.options.logger?.info(
          `ai-gateway: watch of ${this.options.kind.kind} in ${this.options.cluster} expired (410); re-listing`,
        );
        this.relist();
      } else if (err || watchError) {
        this.fail(err ?? watchError, 'WATCH');
      } else if (events === 0 && Date.now() - openedAt < 1000) {
        // closed at once without news: do not spin
        this.failures++;
        this.timer = setTimeout(
          () =>
            this.running &&
            generation === this.generation &&
            this.watch(generation),
          this.backoffMs(),
        );
      } else {
        this.watch(generation);
      }
    };
    try {
      const handle = await this.options.source.watch(
        this.resourceVersion,
        onEvent,
        onDone,
      );
      if (!finished && this.running && generation === this.generation)
        this.watchHandle = handle;
      else if (!finished) handle.stop();
    } catch (err) {
      onDone(err);
    }
  }
}
