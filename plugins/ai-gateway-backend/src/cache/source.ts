import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  /** The source applied `ingest` to every item (page by page, so what it drops is freed early). */
  ingested?: boolean;
}

export type WatchEventType = WatchEvent['type'];

/** The `Status` object of a watch ERROR event (e.g. 410 `Expired` when the resourceVersion is too old). */
export interface WatchStatus {
  kind?: string;
  status?: string;
  reason?: string;
  code?: number;
  message?: string;
}

/** A BOOKMARK event's object: only the resourceVersion the watch has reached. */
export interface WatchBookmark {
  kind?: string;
  metadata?: { resourceVersion?: string };
}

export type ObjectEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One watch event: ERROR carries a `Status`, BOOKMARK a resourceVersion, the others an object of the kind. */
export type WatchEvent =
  | { type: 'ERROR'; object: WatchStatus }
  | { type: 'BOOKMARK'; object: WatchBookmark }
  | { type: ObjectEventType; object: KubeObject };

const OBJECT_EVENT_TYPES = new Set<string>(['ADDED', 'MODIFIED', 'DELETED']);

/**
 * A watch event as it arrives from the wire (type and decoded JSON object); undefined for an event this cache does
 * not know or an object that is not a JSON object.
 */
export function toWatchEvent(
  type: string,
  object: unknown,
): WatchEvent | undefined {
  if (object === null || typeof object !== 'object' || Array.isArray(object))
    return undefined;
  if (type === 'ERROR') return { type, object: object as WatchStatus };
  if (type === 'BOOKMARK') return { type, object: object as WatchBookmark };
  if (OBJECT_EVENT_TYPES.has(type))
    return { type: type as ObjectEventType, object: object as KubeObject };
  return undefined;
}

export interface WatchHandle {
  stop(): void;
}

/**
 * LIST and WATCH of one kind in one cluster (all namespaces). The cache drives it; the production
 * implementation talks to the API server with `@kubernetes/client-node`.
 */
export interface ListWatchSource {
  /** LISTs every object; may apply `ingest` to each as it arrives (then says so in `ingested`). */
  list(ingest?: (obj: KubeObject) => KubeObject): Promise<ListResult>;
  /**
   * Opens a watch from `resourceVersion`. `onEvent` gets each event (ERROR events carry a `Status`);
   * `onDone` is called exactly once when the watch ends: `undefined` for a normal close, else the error.
   */
  watch(
    resourceVersion: string,
    onEvent: (event: WatchEvent) => void,
    onDone: (err?: unknown) => void,
  ): Promise<WatchHandle>;
}
