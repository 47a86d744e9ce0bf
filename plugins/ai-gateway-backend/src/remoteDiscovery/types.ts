/** Identifies one AgentgatewayBackend a remote discovery (MCP, A2A) asks. */
export interface BackendKey {
  cluster: string;
  namespace: string;
  backend: string;
}

/** What every remote discovery result says besides its own payload; a failure keeps the last known payload. */
export interface RemoteResult {
  status: 'ok' | 'failed' | 'pending';
  /** ISO time of the last successful discovery */
  discoveredAt?: string;
  /** when and why the last discovery failed */
  error?: { at: string; message: string };
}

/** A result without the fields the shared code fills in: what a kind's fetcher returns and a failure keeps. */
export type Payload<R extends RemoteResult> = Omit<
  R,
  'status' | 'discoveredAt' | 'error'
>;

export interface StoredResult<R extends RemoteResult> extends BackendKey {
  result: R;
  /** ms since epoch of the last write */
  updatedAt: number;
}

/** Persistence of discovery results (the service keeps an in-memory copy). */
export interface ResultStore<R extends RemoteResult> {
  /** every row, or those written after `sinceMs` */
  list(sinceMs?: number): Promise<StoredResult<R>[]>;
  put(key: BackendKey, result: R): Promise<StoredResult<R>>;
  delete(key: BackendKey): Promise<void>;
}
