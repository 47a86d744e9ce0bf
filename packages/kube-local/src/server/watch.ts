import type { IncomingMessage, ServerResponse } from 'node:http';
import { selectorPredicate } from '../cluster/listing';
import { expired } from '../errors/StatusError';
import { ObjectStore, StoreEvent } from '../store/ObjectStore';
import { KubeObject, ResourceType, apiVersionOf, typeKey } from '../types';

/** The annotation of the bookmark that ends the initial events of a `sendInitialEvents=true` watch. */
export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

export interface WatchParams {
  type: ResourceType;
  version: string;
  namespace?: string;
  resourceVersion?: string | null;
  labelSelector?: string | null;
  fieldSelector?: string | null;
  allowWatchBookmarks: boolean;
  /** `sendInitialEvents` (with resourceVersionMatch=NotOlderThan, checked by ./listOptions.ts); undefined when absent. */
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
  bookmarkIntervalMs: number;
  /** The negotiated representation of each event's object (Table, PartialObjectMetadata); JSON when absent. */
  represent?: { contentType: string; object: (o: KubeObject) => unknown };
}

/**
 * Stream newline-delimited watch events. Replays history after `resourceVersion` (or the current state as ADDED
 * events when it is unset / "0"), then follows live changes. Replay and subscription happen synchronously, so no
 * event is lost or duplicated. A resourceVersion older than the kept history gets an ERROR event with a 410 Expired.
 */
export function serveWatch(
  req: IncomingMessage,
  res: ServerResponse,
  store: ObjectStore,
  p: WatchParams,
  onEnd: () => void,
): void {
  const key = typeKey(p.type.group, p.type.plural);
  const apiVersion = apiVersionOf(p.type.group, p.version);
  const match = selectorPredicate(p);
  const inScope = (o: KubeObject | undefined) =>
    !!o &&
    (p.namespace === undefined || o.metadata?.namespace === p.namespace) &&
    match(o);
  const represent = p.represent?.object ?? (o => o);
  const out = (o: KubeObject) => represent({ ...o, apiVersion });

  res.writeHead(200, {
    'Content-Type': p.represent?.contentType ?? 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  const send = (type: string, object: unknown) =>
    res.write(`${JSON.stringify({ type, object })}\n`);

  /** Label-selector transitions like the watch cache: an object leaving the selection is DELETED, entering it ADDED. */
  const deliver = (e: StoreEvent) => {
    if (e.key !== key) return;
    const now = e.type !== 'DELETED' && inScope(e.object);
    const before = e.type !== 'ADDED' && inScope(e.prev);
    if (e.type === 'DELETED') {
      if (before) send('DELETED', out(e.object));
    } else if (now && before) send('MODIFIED', out(e.object));
    else if (now) send('ADDED', out(e.object));
    else if (before) send('DELETED', out(e.object));
  };

  let ended = false;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe = () => {};
  const end = () => {
    if (ended) return;
    ended = true;
    unsubscribe();
    timers.forEach(t => clearTimeout(t));
    res.end();
    onEnd();
  };
  req.on('close', end);
  res.on('close', end);

  const bookmark = (annotations?: Record<string, string>) =>
    send(
      'BOOKMARK',
      out({
        kind: p.type.kind,
        apiVersion,
        metadata: {
          resourceVersion: String(store.resourceVersion),
          ...(annotations ? { annotations } : {}),
        },
      }),
    );
  const rv = p.resourceVersion;
  const initialState = () => {
    for (const o of store.list(key, p.namespace))
      if (match(o)) send('ADDED', out(o));
  };
  if (p.sendInitialEvents === true) {
    // the watch-list protocol: the state as ADDED events (at the newest resourceVersion, which is never older than
    // the one asked for), then one bookmark that marks the end of the initial events
    initialState();
    if (p.allowWatchBookmarks) bookmark({ [INITIAL_EVENTS_END]: 'true' });
  } else if (!rv || rv === '0') {
    // sendInitialEvents=false without a resourceVersion starts at the newest state with no initial events
    if (p.sendInitialEvents === undefined) initialState();
  } else {
    const n = Number(rv);
    const events = Number.isInteger(n) ? store.eventsSince(n) : 'expired';
    if (events === 'expired') {
      const status = expired(
        `too old resource version: ${rv} (${store.oldestResumableRv})`,
      ).toStatus();
      send('ERROR', status);
      end();
      return;
    }
    events.forEach(deliver);
  }
  unsubscribe = store.subscribe(deliver);

  if (p.allowWatchBookmarks)
    timers.push(setInterval(() => bookmark(), p.bookmarkIntervalMs));
  const timeout =
    p.timeoutSeconds && p.timeoutSeconds > 0 ? p.timeoutSeconds : 1800;
  timers.push(setTimeout(end, timeout * 1000));
}
