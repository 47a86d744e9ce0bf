import { ResultKey } from './types';

/** The timestamps of an MCP / A2A discovery result (`discoveredAt`, `error.at`). */
interface TimedResult {
  discoveredAt?: string;
  error?: { at: string; message: string };
}

/** A result's JSON without its timestamps: equal for "the same tools again" and "the same error again". */
export function contentJson(result: TimedResult | undefined): string {
  if (!result) return 'none';
  const { discoveredAt: _d, error, ...rest } = result;
  return JSON.stringify(
    error ? { ...rest, error: { ...error, at: undefined } } : rest,
  );
}

/** The key of one backend's result. */
export const resultKey = (cluster: string, namespace: string, name: string) =>
  `${cluster}\u0000${namespace}\u0000${name}`;

interface Used<T> {
  /** what the source returned */
  given: T | undefined;
  /** what the build put into the entities (an earlier equal result, with its timestamps, or `given`) */
  used: T | undefined;
  content: string;
}

/**
 * The MCP (or A2A) discovery results the last snapshot build read, per backend key, so that a new result is
 * compared with what the entities contain instead of rebuilding the snapshot for every result:
 * - a backend no entity read (e.g. an MCP backend no route exposes) changes nothing;
 * - a result that differs from the used one only in its timestamps (the same tools, or the same error again at a
 *   later time) changes nothing either, and the next build keeps using the earlier result, so the entities keep
 *   the time the content was first discovered (or the error first seen) rather than the last attempt's.
 */
export class UsedResults<T extends TimedResult> {
  private last = new Map<string, Used<T>>();
  private reading?: Map<string, Used<T>>;

  /** A build starts: it records what it reads (`keep`: an update of some entities, the other reads stay). */
  begin(keep = false): void {
    this.reading = keep ? new Map(this.last) : new Map();
  }

  /** The build ended: its reads become the ones compared with (unless it failed: then the earlier build's stay). */
  end(succeeded: boolean): void {
    if (this.reading && succeeded) this.last = this.reading;
    this.reading = undefined;
  }

  /** The result a build uses for `key`, given what the source returned. */
  use(key: string, given: T | undefined): T | undefined {
    const seen = this.reading?.get(key);
    if (seen && seen.given === given) return seen.used;
    const before = seen ?? this.last.get(key);
    let entry: Used<T>;
    if (before && before.given === given) entry = before;
    else {
      const content = contentJson(given);
      entry = {
        given,
        used: before && before.content === content ? before.used : given,
        content,
      };
    }
    this.reading?.set(key, entry);
    return entry.used;
  }

  /** Keys the last build (or the running one) read. */
  keys(): string[] {
    return [...new Set([...this.last.keys(), ...(this.reading?.keys() ?? [])])];
  }

  /** Whether `result` for `key` would change an entity of the last build (or of the running one). */
  changes(key: string, result: T | undefined): boolean {
    const before = this.reading?.get(key) ?? this.last.get(key);
    if (!before) return false;
    if (before.given === result) return false;
    return before.content !== contentJson(result);
  }

  /**
   * The keys whose result would change an entity of the last build, as `read` returns them now: `key`'s, or (unknown
   * which changed) those of every backend the last build read.
   */
  changedKeys(
    key: ResultKey | undefined,
    read: (cluster: string, namespace: string, name: string) => T | undefined,
  ): string[] {
    const keys = key
      ? [resultKey(key.cluster, key.namespace, key.backend)]
      : this.keys();
    return keys.filter(k => {
      const [cluster, namespace, name] = k.split('\u0000');
      return this.changes(k, read(cluster, namespace, name));
    });
  }
}
