import { REFERENCE_FIELDS } from '../generated/referenceFields';
import type { FoundReference, ReferenceField } from './types';

interface Node {
  /** property name → child; `[]` → array items */
  children: Map<string, Node>;
  /** fields whose path ends here */
  fields: ReferenceField[];
}

const ITEMS = '[]';

/** `spec.rules[].backendRefs[]` → `['spec', 'rules', '[]', 'backendRefs', '[]']` */
function segments(path: string): string[] {
  return path.split('.').flatMap(part => {
    const [name, ...items] = part.split(ITEMS);
    return [name, ...items.map(() => ITEMS)].filter(s => s !== '');
  });
}

function trieOf(fields: readonly ReferenceField[]): Node {
  const root: Node = { children: new Map(), fields: [] };
  for (const field of fields) {
    let node = root;
    for (const seg of segments(field.path)) {
      let next = node.children.get(seg);
      if (!next) {
        next = { children: new Map(), fields: [] };
        node.children.set(seg, next);
      }
      node = next;
    }
    node.fields.push(field);
  }
  return root;
}

const tries = new Map<string, Node>();

function trieFor(kind: string): Node | undefined {
  let trie = tries.get(kind);
  if (!trie) {
    const fields = REFERENCE_FIELDS[kind];
    if (!fields) return undefined;
    trie = trieOf(fields);
    tries.set(kind, trie);
  }
  return trie;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The reference fields the generator found in the kind's CRD schema (empty for kinds without a bundled CRD). */
export function referenceFieldsOf(kind: string): readonly ReferenceField[] {
  return REFERENCE_FIELDS[kind] ?? [];
}

function toReference(
  value: unknown,
  fieldPath: string,
  field: ReferenceField,
): FoundReference | undefined {
  if (!isRecord(value) || typeof value.name !== 'string') return undefined;
  const str = (k: string) => {
    const v = value[k];
    return typeof v === 'string' ? v : undefined;
  };
  const num = (k: string) => {
    const v = value[k];
    return typeof v === 'number' ? v : undefined;
  };
  const namespace = str('namespace');
  const sectionName = str('sectionName');
  const weight = num('weight');
  const port = num('port');
  return {
    fieldPath,
    field: field.path,
    group: str('group') ?? field.group ?? '',
    kind: str('kind') ?? field.kind ?? '',
    name: value.name,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(sectionName !== undefined ? { sectionName } : {}),
    ...(weight !== undefined ? { weight } : {}),
    ...(port !== undefined ? { port } : {}),
  };
}

/**
 * Every reference `object` (of `kind`) makes, at every reference field of the kind's CRD schema, in document
 * order, with its concrete field path (`spec.rules[0].backendRefs[1]`). The group / kind default to what the
 * field implies when the reference omits them; `namespace` is only set when the reference names one.
 * Iterative, and it only follows the schema's reference paths: however deep the object is nested, nothing
 * recurses and nothing else is visited.
 */
export function listReferences(
  kind: string,
  object: unknown,
): FoundReference[] {
  const trie = trieFor(kind);
  if (!trie) return [];
  const found: FoundReference[] = [];
  const stack: Array<{ value: unknown; node: Node; path: string }> = [
    { value: object, node: trie, path: '' },
  ];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { value, node, path } = top;
    for (const field of node.fields) {
      const ref = toReference(value, path, field);
      if (ref) found.push(ref);
    }
    const next: Array<{ value: unknown; node: Node; path: string }> = [];
    if (Array.isArray(value)) {
      const items = node.children.get(ITEMS);
      if (items) {
        value.forEach((item, i) =>
          next.push({ value: item, node: items, path: `${path}[${i}]` }),
        );
      }
    } else if (isRecord(value)) {
      for (const [key, child] of node.children) {
        if (key === ITEMS || !(key in value)) continue;
        next.push({
          value: value[key],
          node: child,
          path: path ? `${path}.${key}` : key,
        });
      }
    }
    // in document order: the first child on top of the stack
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
  }
  return found;
}
