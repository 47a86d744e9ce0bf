import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  /** The source applied `ingest` to every item (page by page, so what it drops is freed early). */
  ingested?: boolean;
}

export type WatchEventType =
  | 'ADDED'
  | 'MODIFIED'
  | 'DELETED'
  | 'BOOKMARK'
  | 'ERROR';

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
    onEvent: (type: WatchEventType, object: any) => void,
    onDone: (err?: unknown) => void,
  ): Promise<WatchHandle>;
}
