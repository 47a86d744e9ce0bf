import type { IncomingMessage, ServerResponse } from 'node:http';
import { Cluster, WriteOptions } from '../cluster/Cluster';
import { badRequest, unsupportedMediaType } from '../errors/StatusError';
import { Columns, columnsFor } from '../table/columns';
import { KubeObject, ResourceType, apiVersionOf } from '../types';
import { mediaType, parseObject, readBody } from './http';
import { ListOptions } from './listOptions';
import { ResourcePath } from './requestInfo';
import { Body, Representation, sendRepresented } from './representation';

/** One resource request as the handlers see it, and the helpers they share. */
export interface HandlerContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  path: ResourcePath;
  type: ResourceType;
  verb: string;
  /** Decoded for list and watch. */
  options?: ListOptions;
  representation: Representation;
  cluster: Cluster;
  /** The authenticated user's name. */
  user: string;
  bookmarkIntervalMs: number;
  onWatchEnd: () => void;
}

export function isDryRun(url: URL): boolean {
  const values = url.searchParams.getAll('dryRun');
  for (const v of values)
    if (v !== 'All')
      throw badRequest(`Invalid dry run value: ${v}; supported values: All`);
  return values.length > 0;
}

export function fieldManager(ctx: HandlerContext): string {
  const given = ctx.url.searchParams.get('fieldManager');
  if (given) return given;
  return (
    String(ctx.req.headers['user-agent'] ?? 'unknown').split('/')[0] ||
    'unknown'
  );
}

export async function bodyObject(ctx: HandlerContext): Promise<KubeObject> {
  const type = mediaType(ctx.req.headers['content-type']);
  const body = await readBody(ctx.req);
  if (type === '' || type === 'application/json' || type === '*/*')
    return parseObject(body, 'json');
  if (type === 'application/yaml') return parseObject(body, 'yaml');
  throw unsupportedMediaType(type, ['application/json', 'application/yaml']);
}

export const out = (ctx: HandlerContext, o: KubeObject) => ({
  ...o,
  apiVersion: apiVersionOf(ctx.type.group, ctx.path.version),
});

export function writeOptions(
  ctx: HandlerContext,
): WriteOptions & { warnings: string[] } {
  const fv = ctx.url.searchParams.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(fv))
    throw badRequest(
      `fieldValidation must be one of "Ignore", "Warn", or "Strict", got "${fv}"`,
    );
  return {
    manager: fieldManager(ctx),
    dryRun: isDryRun(ctx.url),
    subresource: ctx.path.subresource as 'status' | undefined,
    fieldValidation: fv as WriteOptions['fieldValidation'],
    warnings: [],
    user: ctx.user,
    version: ctx.path.version,
  };
}

/** Answer a write, with its warnings as `Warning: 299 - "..."` headers like kube-apiserver. */
export function sendWritten(
  ctx: HandlerContext,
  code: number,
  opts: { warnings: string[] },
  obj: KubeObject,
): void {
  if (opts.warnings.length > 0)
    ctx.res.setHeader(
      'Warning',
      opts.warnings.map(w => `299 - ${JSON.stringify(w)}`),
    );
  send(ctx, code, { object: out(ctx, obj) });
}

/** The Table columns of the request's kind (a custom kind's from its CRD's version). */
export function columnsOf(ctx: HandlerContext): Columns {
  const { type, cluster } = ctx;
  const crd = type.custom
    ? cluster.store.get(
        'apiextensions.k8s.io/customresourcedefinitions',
        '',
        `${type.plural}.${type.group}`,
      )
    : undefined;
  return columnsFor(type.kind, crd, ctx.path.version);
}

/** An object or list in the negotiated representation (JSON, YAML, Table, PartialObjectMetadata). */
export function send(ctx: HandlerContext, code: number, body: Body): void {
  sendRepresented(
    ctx.res,
    code,
    ctx.representation,
    body,
    () => columnsOf(ctx),
    ctx.url.searchParams.get('includeObject'),
  );
}
