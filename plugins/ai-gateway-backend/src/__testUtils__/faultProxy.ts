import http from 'node:http';
import { AddressInfo, Socket } from 'node:net';

/** A request as the proxy saw it. */
export interface ProxiedRequest {
  method: string;
  url: string;
  watch: boolean;
  /** the status answered (by the fault or the upstream), or 'refused' / 'cut' */
  outcome?: number | 'cut';
}

export type RequestMatch = (req: ProxiedRequest) => boolean;

/** An injected answer: `status` with a Kubernetes Status body, `times` times (default: until cleared). */
export interface FaultAnswer {
  match: RequestMatch;
  status: number;
  reason?: string;
  times?: number;
  /** a body other than a Status (e.g. garbage) */
  body?: string;
  contentType?: string;
}

const isWatch = (url: string) => /[?&]watch=(true|1)\b/.test(url);

export class FaultProxy {
  /** every request seen, in order */
  readonly requests: ProxiedRequest[] = [];
  private server?: http.Server;
  private port = 0;
  private readonly sockets = new Set<Socket>();
  private readonly watches = new Map<http.ServerResponse, ProxiedRequest>();
  private answers: FaultAnswer[] = [];
  private delayMs = 0;
  private delayMatch: RequestMatch = () => true;
  private inFlight = 0;
  /** the most requests in flight at once (for pile-up checks) */
  maxInFlight = 0;

  constructor(private readonly target: URL) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Requests matching `match` (and `since` the given index of {@link requests}). */
  count(match: RequestMatch = () => true, since = 0): number {
    return this.requests.slice(since).filter(match).length;
  }

  /** Open watch responses. */
  get openWatches(): number {
    return this.watches.size;
  }

  /** Open watch responses whose request matches. */
  countOpenWatches(match: RequestMatch): number {
    return [...this.watches.values()].filter(match).length;
  }

  /** Open client connections. */
  get openSockets(): number {
    return this.sockets.size;
  }

  /** Listen (again, on the same port once one was chosen). */
  async up(): Promise<void> {
    if (this.server) return;
    const server = http.createServer((req, res) => this.handle(req, res));
    server.on('connection', s => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stop listening and drop every connection: new connections are refused. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>(resolve => server.close(() => resolve()));
  }

  /** Destroy every open watch connection (the client sees the stream end with an error). */
  cutWatches(): number {
    const n = this.watches.size;
    for (const res of this.watches.keys()) res.socket?.destroy();
    this.watches.clear();
    return n;
  }

  /** Delay matching requests by `ms` before forwarding (0 clears). */
  delay(ms: number, match: RequestMatch = () => true): void {
    this.delayMs = ms;
    this.delayMatch = match;
  }

  /** Answer matching requests with a status instead of forwarding them. */
  answer(fault: FaultAnswer): void {
    this.answers.push({ ...fault });
  }

  clear(): void {
    this.answers = [];
    this.delayMs = 0;
  }

  async close(): Promise<void> {
    this.clear();
    await this.down();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const seen: ProxiedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      watch: isWatch(req.url ?? ''),
    };
    this.requests.push(seen);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on('close', () => {
      this.inFlight--;
      this.watches.delete(res);
      if (!res.writableFinished && seen.outcome === undefined)
        seen.outcome = 'cut';
    });
    if (this.delayMs && this.delayMatch(seen))
      await new Promise(r => setTimeout(r, this.delayMs));
    if (res.destroyed) return;
    const fault = this.answers.find(a => a.match(seen));
    if (fault) {
      if (fault.times !== undefined && --fault.times <= 0)
        this.answers = this.answers.filter(a => a !== fault);
      seen.outcome = fault.status;
      req.resume();
      res.writeHead(fault.status, {
        'Content-Type': fault.contentType ?? 'application/json',
      });
      res.end(
        fault.body ??
          JSON.stringify({
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            code: fault.status,
            reason: fault.reason ?? 'InternalError',
            message: `injected ${fault.status}`,
          }),
      );
      return;
    }
    this.forward(req, res, seen);
  }

  private forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    seen: ProxiedRequest,
  ) {
    const upstream = http.request(
      {
        host: this.target.hostname,
        port: this.target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: this.target.host },
      },
      up => {
        seen.outcome = up.statusCode;
        res.writeHead(up.statusCode ?? 502, up.headers);
        if (seen.watch) this.watches.set(res, seen);
        up.pipe(res);
        res.on('close', () => up.destroy());
      },
    );
    upstream.on('error', () => res.socket?.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }
}

/**
 * A fault-injecting HTTP proxy for tests, put between the backend and kube-local (or Prometheus): it can refuse
 * connections (`down()` / `up()` on the same port), delay requests, cut open watches, and answer chosen requests
 * with a status (410, 429, 500...) or garbage instead of forwarding them. Everything else is forwarded as is.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const proxy = new FaultProxy(new URL(target));
  await proxy.up();
  return proxy;
}
