import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  ListResult,
  ListWatchSource,
  ObjectEventType,
  WatchEvent,
  WatchHandle,
} from './source';

interface Watcher {
  onEvent: (event: WatchEvent) => void;
  onDone: (err?: unknown) => void;
}

/**
 * An in-memory API collection for unit tests of the cache: keeps a resourceVersion counter and a
 * bounded event history like the API server, answers a watch from a too-old resourceVersion with
 * the server's ERROR event (410 `Expired`), and can be told to fail. Integration tests use kube-local.
 */
export class InMemoryCollection implements ListWatchSource {
  private objects = new Map<string, KubeObject>();
  private rv = 0;
  private history: Array<{
    rv: number;
    type: ObjectEventType;
    object: KubeObject;
  }> = [];
  private watchers = new Set<Watcher>();
  private partitioned: Watcher[] = [];
  listCalls = 0;
  watchCalls: string[] = [];
  listError?: unknown;

  constructor(private readonly historySize = 100) {}

  apply(type: ObjectEventType, obj: KubeObject): void {
    const key = `${obj.metadata.namespace}/${obj.metadata.name}`;
    this.rv++;
    const stored = {
      ...obj,
      metadata: { ...obj.metadata, resourceVersion: String(this.rv) },
    };
    if (type === 'DELETED') this.objects.delete(key);
    else this.objects.set(key, stored);
    this.history.push({ rv: this.rv, type, object: stored });
    if (this.history.length > this.historySize) this.history.shift();
    for (const w of this.watchers) w.onEvent({ type, object: stored });
  }

  bookmark(): void {
    for (const w of this.watchers) {
      w.onEvent({
        type: 'BOOKMARK',
        object: {
          kind: 'Bookmark',
          metadata: { resourceVersion: String(this.rv) },
        },
      });
    }
  }

  /** Ends every open watch, normally or with an error. */
  closeWatches(err?: unknown): void {
    const ws = [...this.watchers];
    this.watchers.clear();
    ws.forEach(w => w.onDone(err));
  }

  /** Open watches stop receiving events (the client does not notice yet) until {@link heal}. */
  partition(): void {
    this.partitioned = [...this.watchers];
    this.watchers.clear();
  }

  /** The partitioned watches end normally: the client resumes from the last resourceVersion it saw. */
  heal(): void {
    const ws = this.partitioned;
    this.partitioned = [];
    ws.forEach(w => w.onDone());
  }

  /** Drops the event history, so a watch from any older resourceVersion gets 410. */
  compact(): void {
    this.history = [];
  }

  get openWatches(): number {
    return this.watchers.size;
  }

  async list(): Promise<ListResult> {
    this.listCalls++;
    if (this.listError) throw this.listError;
    return {
      items: [...this.objects.values()],
      resourceVersion: String(this.rv),
    };
  }

  async watch(
    resourceVersion: string,
    onEvent: (event: WatchEvent) => void,
    onDone: (err?: unknown) => void,
  ): Promise<WatchHandle> {
    this.watchCalls.push(resourceVersion);
    const from = Number(resourceVersion);
    const oldest = this.history.length ? this.history[0].rv - 1 : this.rv;
    if (from < oldest) {
      onEvent({
        type: 'ERROR',
        object: {
          kind: 'Status',
          status: 'Failure',
          reason: 'Expired',
          code: 410,
          message: 'too old',
        },
      });
      onDone();
      return { stop: () => {} };
    }
    const watcher: Watcher = { onEvent, onDone };
    for (const e of this.history.filter(h => h.rv > from))
      onEvent({ type: e.type, object: e.object });
    this.watchers.add(watcher);
    return { stop: () => this.watchers.delete(watcher) };
  }
}
