import { isMap, isNode, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { parsePath } from './objectPath';

/** The object as the YAML editor shows it. */
export function toYaml(obj: KubeObject): string {
  return stringify(obj, { lineWidth: 0 });
}

export type ParsedYaml =
  | { ok: true; object: KubeObject }
  | { ok: false; error: string; line?: number };

/** Parses the editor's text; it must be one mapping with apiVersion, kind and metadata. */
export function parseYaml(text: string): ParsedYaml {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return {
      ok: false,
      error: e.message.split('\n')[0],
      line: e.linePos?.[0]?.line,
    };
  }
  const value = doc.toJS();
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: 'The YAML must be a single object (a mapping)' };
  }
  for (const field of ['apiVersion', 'kind']) {
    if (typeof value[field] !== 'string')
      return { ok: false, error: `${field} is required` };
  }
  if (!value.metadata || typeof value.metadata !== 'object')
    return { ok: false, error: 'metadata is required' };
  return { ok: true, object: value as KubeObject };
}

/**
 * The 1-based line of a field path in the text: the line of its key, or of the deepest ancestor present
 * (a missing required field is marked at its parent).
 */
export function lineOfPath(text: string, path: string): number | undefined {
  const doc = parseDocument(text);
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  let node: unknown = doc.contents;
  const start = (n: unknown) =>
    isNode(n) && n.range ? lineOf(n.range[0]) : undefined;
  let line = start(node);
  for (const seg of parsePath(path)) {
    if (isMap(node)) {
      const pair = node.items.find(
        p => String(isScalar(p.key) ? p.key.value : p.key) === String(seg),
      );
      if (!pair) break;
      line = start(pair.key) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item: unknown = node.items[seg];
      if (!item) break;
      line = start(item) ?? line;
      node = item;
    } else break;
  }
  return line;
}
