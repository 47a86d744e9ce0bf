import { MatrixSeries, VectorSample } from './types';

/** The `data` of a successful Prometheus API answer, as far as this client reads it. */
interface QueryData {
  resultType?: string;
  result?: unknown;
}
interface RawSeries {
  metric?: Record<string, string>;
  value?: [number, string];
  values?: Array<[number, string]>;
}
interface ApiAnswer {
  status?: string;
  data?: QueryData;
  errorType?: string;
  error?: string;
}

export interface PrometheusClientOptions {
  url: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** injectable for tests and the bench (counts queries); defaults to the global fetch */
  fetch?: typeof fetch;
}

/** A small client of Prometheus' HTTP API (`/api/v1/query`, `/api/v1/query_range`) with timeouts. */
export class PrometheusClient {
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  /** queries sent so far (the bench reads it) */
  queryCount = 0;

  constructor(private readonly options: PrometheusClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? fetch;
  }

  async query(promql: string, time?: Date): Promise<VectorSample[]> {
    const params = new URLSearchParams({ query: promql });
    if (time) params.set('time', String(time.getTime() / 1000));
    const data = await this.post('/api/v1/query', params);
    if (data.resultType !== 'vector' || !Array.isArray(data.result))
      throw new Error(
        `Prometheus answered a malformed ${data.resultType}, expected a vector`,
      );
    return (data.result as RawSeries[]).map(r => ({
      metric: r.metric ?? {},
      value: Number(r.value?.[1]),
    }));
  }

  async queryRange(
    promql: string,
    start: Date,
    end: Date,
    stepSeconds: number,
  ): Promise<MatrixSeries[]> {
    const params = new URLSearchParams({
      query: promql,
      start: String(Math.floor(start.getTime() / 1000)),
      end: String(Math.floor(end.getTime() / 1000)),
      step: String(stepSeconds),
    });
    const data = await this.post('/api/v1/query_range', params);
    if (data.resultType !== 'matrix' || !Array.isArray(data.result))
      throw new Error(
        `Prometheus answered a malformed ${data.resultType}, expected a matrix`,
      );
    return (data.result as RawSeries[]).map(r => ({
      metric: r.metric ?? {},
      values: (r.values ?? []).map((v): [number, number] => [
        Number(v[0]),
        Number(v[1]),
      ]),
    }));
  }

  private async post(
    path: string,
    params: URLSearchParams,
  ): Promise<QueryData> {
    this.queryCount++;
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.base}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
          ...this.options.headers,
        },
        body: params.toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (e: unknown) {
      // not always an Error of this realm (AbortSignal.timeout rejects with a DOMException)
      const err = (e ?? {}) as {
        name?: string;
        message?: string;
        cause?: { code?: string };
      };
      const why =
        err.name === 'TimeoutError'
          ? `timed out after ${this.options.timeoutMs ?? 10_000} ms`
          : err.cause?.code ?? err.message ?? String(e);
      throw new Error(`Prometheus at ${this.base} is unreachable: ${why}`);
    }
    const text = await res.text();
    let body: ApiAnswer;
    try {
      body = (JSON.parse(text) ?? {}) as ApiAnswer;
    } catch {
      throw new Error(
        `Prometheus at ${this.base} answered HTTP ${res.status} without JSON`,
      );
    }
    if (!res.ok || body.status !== 'success' || !body.data) {
      throw new Error(
        `Prometheus query failed (HTTP ${res.status}): ${
          body.errorType ?? ''
        } ${body.error ?? ''}`.trim(),
      );
    }
    return body.data;
  }
}
