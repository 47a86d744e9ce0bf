import { badRequest } from '../errors/StatusError';

export interface FieldRequirement {
  field: 'metadata.name' | 'metadata.namespace';
  op: '=' | '!=';
  value: string;
}

const SUPPORTED = ['metadata.name', 'metadata.namespace'];

/** Parse a field selector; only `metadata.name` and `metadata.namespace` are supported (like CRDs). */
export function parseFieldSelector(
  selector: string | undefined | null,
): FieldRequirement[] {
  if (!selector) return [];
  return selector
    .split(',')
    .map(t => t.trim())
    .filter(Boolean)
    .map(term => {
      const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
      if (!m)
        throw badRequest(
          `invalid selector: '${selector}'; can't understand '${term}'`,
        );
      const field = m[1].trim();
      if (!SUPPORTED.includes(field))
        throw badRequest(`field label not supported: ${field}`);
      return {
        field: field as FieldRequirement['field'],
        op: m[2] === '!=' ? '!=' : '=',
        value: m[3].trim(),
      };
    });
}

export function matchesFields(
  sel: FieldRequirement[],
  obj: { metadata?: Record<string, any> },
): boolean {
  return sel.every(r => {
    const actual =
      r.field === 'metadata.name'
        ? obj.metadata?.name ?? ''
        : obj.metadata?.namespace ?? '';
    return r.op === '=' ? actual === r.value : actual !== r.value;
  });
}
