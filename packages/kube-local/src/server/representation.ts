/**
 * Content negotiation of resource responses (k8s.io/apiserver endpoints/handlers/negotiation and
 * RequestScope.AllowsMediaTypeTransform): JSON, YAML, `as=Table` and `as=PartialObjectMetadata[List]` of
 * `g=meta.k8s.io;v=v1` (Table also `v1beta1`), tried in the order of the Accept header; nothing kube-local can
 * produce (protobuf only) → 406. On a watch, Table and PartialObjectMetadata convert each event's object
 * (./watchRepresentation.ts).
 */
import type { ServerResponse } from 'node:http';
import { notAcceptable } from '../errors/StatusError';
import { Columns } from '../table/columns';
import { IncludeObject, partialMetadata, toTable } from '../table/table';
import { KubeObject } from '../types';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = (): typeof import('yaml') => require('yaml');

export type Representation =
  | { kind: 'json' | 'yaml' | 'partial' }
  | { kind: 'table'; contentType: string };

interface MediaRange {
  type: string;
  params: Record<string, string>;
  text: string;
}

function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map(part => {
      const [t, ...ps] = part.split(';').map(s => s.trim());
      const params: Record<string, string> = {};
      for (const p of ps) {
        const i = p.indexOf('=');
        if (i > 0) params[p.slice(0, i).trim()] = p.slice(i + 1).trim();
      }
      return { type: t.toLowerCase(), params, text: part.trim() };
    })
    .filter(r => r.type && r.params.q !== '0');
}

const JSONISH = ['application/json', '*/*', 'application/*'];

export function negotiate(
  header: string | undefined,
  verb: string,
): Representation {
  if (!header) return { kind: 'json' };
  for (const r of parseAccept(header)) {
    const { as, g, v } = r.params;
    if (as) {
      if (g !== 'meta.k8s.io') continue;
      if (!['application/json', 'application/yaml'].includes(r.type)) continue;
      if (as === 'Table' && (v === 'v1' || v === 'v1beta1'))
        return {
          kind: 'table',
          contentType: `${r.type};as=Table;v=${v};g=meta.k8s.io`,
        };
      if (
        (as === 'PartialObjectMetadata' ||
          as === 'PartialObjectMetadataList') &&
        v === 'v1'
      )
        return { kind: 'partial' };
      continue;
    }
    if (JSONISH.includes(r.type)) return { kind: 'json' };
    if (r.type === 'application/yaml' && verb !== 'watch')
      return { kind: 'yaml' };
  }
  throw notAcceptable(['application/json', 'application/yaml']);
}

/** What a response holds: one object or a list (items already in the URL's apiVersion). */
export type Body =
  | { object: KubeObject }
  | {
      list: KubeObject;
      items: KubeObject[];
      metadata: Record<string, unknown>;
    };

export function sendRepresented(
  res: ServerResponse,
  code: number,
  rep: Representation,
  body: Body,
  columns: () => Columns,
  includeObject: string | null,
): void {
  let out: unknown;
  let contentType = 'application/json';
  if (rep.kind === 'table') {
    const include: IncludeObject =
      includeObject === 'None' || includeObject === 'Object'
        ? includeObject
        : 'Metadata';
    out =
      'object' in body
        ? toTable(
            columns(),
            [body.object],
            { resourceVersion: body.object.metadata?.resourceVersion },
            include,
          )
        : toTable(columns(), body.items, body.metadata, include);
    contentType = rep.contentType;
  } else if (rep.kind === 'partial') {
    out =
      'object' in body
        ? partialMetadata(body.object)
        : {
            kind: 'PartialObjectMetadataList',
            apiVersion: 'meta.k8s.io/v1',
            metadata: body.metadata,
            items: body.items.map(partialMetadata),
          };
  } else out = 'object' in body ? body.object : body.list;
  const text =
    rep.kind === 'yaml' ? yaml().stringify(out) : JSON.stringify(out);
  if (rep.kind === 'yaml') contentType = 'application/yaml';
  res.writeHead(code, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
