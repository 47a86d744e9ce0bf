/**
 * One instance per distinct string: the cached objects' repeated strings (namespaces, label values, timestamps of
 * objects created together, condition reasons and messages, API groups in references) share it instead of each
 * object holding its own copy (`JSON.parse` shares only strings of up to 10 characters).
 *
 * Bounded: strings longer than `maxLength` are not pooled, and the pool starts over when it holds `maxEntries`
 * strings, so strings that occur once (and objects deleted since) cost at most that many entries. Starting over
 * changes nothing but which instance later objects share.
 */
export class StringPool {
  private pool = new Map<string, string>();

  constructor(
    private readonly maxEntries = 20_000,
    private readonly maxLength = 256,
  ) {}

  get size(): number {
    return this.pool.size;
  }

  intern(s: string): string {
    if (s.length > this.maxLength) return s;
    const pooled = this.pool.get(s);
    if (pooled !== undefined) return pooled;
    if (this.pool.size >= this.maxEntries) this.pool = new Map();
    this.pool.set(s, s);
    return s;
  }

  /**
   * The value with its strings pooled: a string is returned pooled, arrays and plain objects are updated in place
   * (each string property replaced by the pooled equal string; frozen ones are left alone).
   */
  internDeep<T>(value: T): T {
    if (typeof value === 'string') return this.intern(value) as T;
    if (value === null || typeof value !== 'object' || Object.isFrozen(value))
      return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++)
        value[i] = this.internDeep(value[i]);
      return value;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (typeof v === 'string') record[key] = this.intern(v);
      else if (v !== null && typeof v === 'object') this.internDeep(v);
    }
    return value;
  }
}
