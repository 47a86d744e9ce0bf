import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ResponseError } from '@backstage/errors';
import {
  DependencyUnavailableError,
  isTransient,
  withRetry,
} from './resilient';

/** A server that hangs up on the first `resets` requests, then answers 200. */
async function flakyServer(resets: number) {
  let seen = 0;
  const server = http.createServer((req, res) => {
    seen++;
    if (seen <= resets) req.socket.destroy();
    else res.end('ok');
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, seen: () => seen, close: () => server.close() };
}

const responseError = async (status: number, error: object) =>
  ResponseError.fromResponse(
    new Response(JSON.stringify({ error, response: { statusCode: status } }), {
      status,
      headers: { 'content-type': 'application/json' },
    }),
  );

describe('transient failures of other Backstage services', () => {
  it('recognizes connection failures and their 5xx echoes, not ordinary errors', async () => {
    const s = await flakyServer(1);
    const reset = await fetch(s.url).catch(e => e);
    s.close();
    expect(isTransient(reset)).toBe(true); // TypeError: fetch failed, cause: socket closed
    // the catalog's 500 when its own call to the permission backend was reset
    expect(
      isTransient(
        await responseError(500, {
          name: 'FetchError',
          code: 'ECONNRESET',
          message:
            'request to http://127.0.0.1:7007/api/permission/authorize failed, reason: read ECONNRESET',
        }),
      ),
    ).toBe(true);
    expect(
      isTransient(await responseError(503, { name: 'Error', message: 'x' })),
    ).toBe(true);
    expect(
      isTransient(await responseError(500, { name: 'Error', message: 'boom' })),
    ).toBe(false);
    expect(
      isTransient(
        await responseError(404, {
          name: 'NotFoundError',
          message: 'ECONNRESET',
        }),
      ),
    ).toBe(false);
    expect(isTransient(new Error('invalid ref'))).toBe(false);
  });

  it('retries a reset call until it answers', async () => {
    const s = await flakyServer(2);
    try {
      const text = await withRetry('test service', async () =>
        (await fetch(s.url)).text(),
      );
      expect(text).toBe('ok');
      expect(s.seen()).toBe(3);
    } finally {
      s.close();
    }
  });

  it('answers 503 with Retry-After once retries are exhausted, and passes other errors through at once', async () => {
    const s = await flakyServer(100);
    try {
      const e = await withRetry('test service', () => fetch(s.url)).catch(
        x => x,
      );
      expect(e).toBeInstanceOf(DependencyUnavailableError);
      expect(e.name).toBe('ServiceUnavailableError');
      expect(e.retryAfterSeconds).toBe(2);
      expect(s.seen()).toBe(4);
    } finally {
      s.close();
    }
    let calls = 0;
    const other = await withRetry('x', async () => {
      calls++;
      throw new Error('not transient');
    }).catch(x => x);
    expect(other.message).toBe('not transient');
    expect(calls).toBe(1);
  });
});
