import {
  MetricsResult,
  MetricsWindow,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** Called with a new result before it is published (the topology builds its graphs and bodies here). */
export type SnapshotListener = (
  window: MetricsWindow,
  result: MetricsResult,
) => Promise<void> | void;

export interface SnapshotFeedOptions {
  /** one read of the source for a window, bypassing any cache (a batched set of fixed queries) */
  read: (window: MetricsWindow) => Promise<MetricsResult>;
  /** the scrape cadence: one read per window per interval, on timers aligned to it */
  intervalMs: number;
  /** a window nobody asked for this long stops being read, and its result is dropped (default 10 intervals, at least 5 min) */
  idleMs?: number;
  /** how far after each interval boundary the read starts, so the scrape of that boundary has landed (default 10 %) */
  offsetMs?: number;
  now?: () => number;
}

interface WindowState {
  /** the last complete result, served until the next one is prepared and published */
  current?: MetricsResult;
  /** the very first read of the window, which its first requests wait for */
  first?: Promise<MetricsResult>;
  lastAskedAt: number;
  timer?: NodeJS.Timeout;
  /** time of the last read that returned numbers */
  lastGoodAt?: number;
}

/**
 * The metrics of one cluster, read in the background on the scrape cadence so requests never wait for
 * Prometheus (except the first request of a window, bounded by the source's timeout). Per window, while
 * somebody asked for it within `idleMs`, a timer aligned to `intervalMs` reads the source once; the listeners
 * get the new result first (to join and serialize graphs), then it becomes the one {@link get} answers. A
 * failed read is published as unavailable with its reason and the time of the last good read.
 */
export class SnapshotFeed {
  private readonly windows = new Map<MetricsWindow, WindowState>();
  private readonly listeners: SnapshotListener[] = [];
  private readonly idleMs: number;
  private readonly offsetMs: number;
  private readonly now: () => number;
  private closed = false;
  /** reads done so far (tests and the bench) */
  reads = 0;
  /** requests that had to wait for a read: only a window's first (tests and the bench) */
  waits = 0;

  constructor(private readonly options: SnapshotFeedOptions) {
    this.idleMs = options.idleMs ?? Math.max(300_000, 10 * options.intervalMs);
    this.offsetMs = options.offsetMs ?? Math.round(options.intervalMs / 10);
    this.now = options.now ?? Date.now;
  }

  /** The last complete result of the window; only the first request of a window waits for a read. */
  get(window: MetricsWindow): Promise<MetricsResult> {
    let state = this.windows.get(window);
    if (!state) {
      state = { lastAskedAt: this.now() };
      this.windows.set(window, state);
    }
    state.lastAskedAt = this.now();
    if (state.current) return Promise.resolve(state.current);
    this.waits++;
    if (state.first) return state.first;
    const s = state;
    const first = this.refresh(window, s).then(() => {
      s.first = undefined;
      return s.current ?? unavailable('Metrics feed closed');
    });
    s.first = first;
    return first;
  }

  /** The published result of a window, without counting as a request. */
  peek(window: MetricsWindow): MetricsResult | undefined {
    return this.windows.get(window)?.current;
  }

  /** The windows being refreshed. */
  activeWindows(): MetricsWindow[] {
    return [...this.windows.keys()];
  }

  onResult(listener: SnapshotListener): void {
    this.listeners.push(listener);
  }

  close(): void {
    this.closed = true;
    for (const s of this.windows.values()) clearTimeout(s.timer);
    this.windows.clear();
  }

  private async refresh(window: MetricsWindow, state: WindowState) {
    let result: MetricsResult;
    try {
      this.reads++;
      result = await this.options.read(window);
    } catch (e: unknown) {
      result = unavailable(e instanceof Error ? e.message : String(e));
    }
    if (this.closed || this.windows.get(window) !== state) return;
    if (result.available) state.lastGoodAt = this.now();
    else if (state.lastGoodAt !== undefined)
      result = unavailable(
        `${result.reason} (last successful read at ${new Date(
          state.lastGoodAt,
        ).toISOString()})`,
      );
    if (result !== state.current) {
      for (const listener of this.listeners) {
        try {
          await listener(window, result);
        } catch {
          // a listener that fails only misses its head start: requests build what they need
        }
      }
      state.current = result;
    }
    this.schedule(window, state);
  }

  private schedule(window: MetricsWindow, state: WindowState) {
    if (this.closed) return;
    const { intervalMs } = this.options;
    const now = this.now();
    const next =
      (Math.floor((now - this.offsetMs) / intervalMs) + 1) * intervalMs +
      this.offsetMs;
    const delay = next - now;
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      if (this.now() - state.lastAskedAt > this.idleMs) {
        // nobody looks at this window: stop reading it and let its result (and the graphs built on it) go
        this.windows.delete(window);
        return;
      }
      this.refresh(window, state).catch(() => this.schedule(window, state));
    }, delay);
    state.timer.unref?.();
  }
}

function unavailable(reason: string): MetricsResult {
  return { available: false, reason };
}
