/**
 * A tiny TTL cache of promises: concurrent callers share one in-flight load, results live `ttlMs`
 * (failures `errorTtlMs`, so a down Prometheus is not hammered but recovers quickly).
 */
export class TtlCache<V> {
  private readonly entries = new Map<
    string,
    { expires: number; value: Promise<V> }
  >();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(
    key: string,
    load: () => Promise<V>,
    ttlFor: (v: V) => number = () => this.ttlMs,
  ): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) return hit.value;
    const value = load();
    const entry = { expires: Infinity, value };
    this.entries.set(key, entry);
    value.then(
      v => {
        entry.expires = this.now() + ttlFor(v);
      },
      () => {
        this.entries.delete(key);
      },
    );
    return value;
  }
}
