import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError, badRequest, notAcceptable } from '../errors/StatusError';

/** yaml is loaded on first use (it is a noticeable part of a cold start). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = (): typeof import('yaml') => require('yaml');

const MAX_BODY = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY)
      throw new StatusError(
        413,
        'RequestEntityTooLarge',
        'Request entity too large: limit is 3145728', // apimachinery NewRequestEntityTooLargeError: no details
      );
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The media type of a Content-Type header without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** Parse a JSON or YAML body; 400 BadRequest when it is not an object. */
export function parseObject(
  body: Buffer,
  type: 'json' | 'yaml',
): Record<string, any> {
  const text = body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = type === 'json' ? JSON.parse(text) : yaml().parse(text);
  } catch (e) {
    throw badRequest(
      `the object provided is unrecognized (${
        type === 'json' ? 'json' : 'yaml'
      }): ${(e as Error).message}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest(
      'the object provided is unrecognized: expected a JSON object',
    );
  }
  return parsed as Record<string, any>;
}

/** 406 unless the client accepts JSON (kube-local answers JSON only). */
export function checkAccept(header: string | undefined): void {
  if (!header) return;
  const ok = header.split(',').some(part => {
    const t = mediaType(part);
    return (
      t === 'application/json' ||
      t === '*/*' ||
      t === 'application/*' ||
      t === ''
    );
  });
  if (!ok) throw notAcceptable(['application/json']);
}

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: StatusError): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (err.plainText) {
    const text = `${err.message}\n`;
    res.writeHead(err.code, {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
    return;
  }
  sendJson(res, err.code, err.toStatus());
}
