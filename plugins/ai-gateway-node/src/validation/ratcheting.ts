/**
 * Validation ratcheting on update (feature gate CRDValidationRatcheting, on by default since v1.30; KEP-4008), as
 * kube-apiserver v1.32 does it: an error of the OpenAPI schema or of a CEL rule (without `oldSelf`) found at a value
 * that is unchanged from the old object is not reported.
 *
 * `Correlation` follows apiserver's `cel/common.CorrelatedObject`: a child is correlated to the old value by its key
 * in an object or a map, by its map keys in a `x-kubernetes-list-type: map` list, and by its index in a list without
 * a list type; items of `set` and `atomic` lists are never correlated (such a list ratchets only as a whole).
 * "Unchanged" is a deep equality that compares correlatable lists item by item through the correlation, so a map
 * list whose items were only reordered is unchanged.
 */
import { SchemaNode, isPlainObject } from './schemaTree';
import { deepEqual } from './listTypes';

export class Correlation {
  private equal?: boolean;
  private readonly children = new Map<string | number, Correlation | null>();

  constructor(
    readonly value: unknown,
    readonly old: unknown,
    readonly node: SchemaNode,
  ) {}

  /** The correlated child at an object's or map's key; null when the key is new, gone, or not in the schema. */
  key(field: string): Correlation | null {
    if (this.children.has(field)) return this.children.get(field)!;
    let child: Correlation | null = null;
    const { value, old } = this;
    if (
      isPlainObject(value) &&
      isPlainObject(old) &&
      field in value &&
      field in old
    ) {
      const sub = this.node.properties?.get(field) ?? this.node.additional;
      if (sub) child = new Correlation(value[field], old[field], sub);
    }
    this.children.set(field, child);
    return child;
  }

  /** The correlated child at a list's index; null when it cannot be correlated (set, atomic, new map key...). */
  index(i: number): Correlation | null {
    if (this.children.has(i)) return this.children.get(i)!;
    let child: Correlation | null = null;
    const old = this.oldItemFor(i);
    if (old !== undefined && this.node.items)
      child = new Correlation(
        (this.value as unknown[])[i],
        old,
        this.node.items,
      );
    this.children.set(i, child);
    return child;
  }

  private oldItemFor(i: number): unknown {
    const { value, old, node } = this;
    if (!Array.isArray(value) || !Array.isArray(old) || i >= value.length)
      return undefined;
    switch (node.listType) {
      case 'map': {
        const keys = node.listMapKeys ?? [];
        const item = value[i];
        if (!isPlainObject(item) || keys.length === 0) return undefined;
        return old.find(
          o => isPlainObject(o) && keys.every(k => deepEqual(o[k], item[k])),
        );
      }
      case 'set':
      case 'atomic':
        return undefined;
      default:
        return i < old.length ? old[i] : undefined;
    }
  }

  /** Whether the value is unchanged from the old one (cached, reusing the children's answers). */
  unchanged(): boolean {
    this.equal ??= this.compare();
    return this.equal;
  }

  private compare(): boolean {
    const { value, old } = this;
    if (
      value === undefined ||
      value === null ||
      old === undefined ||
      old === null
    )
      return (value ?? null) === (old ?? null);
    if (Array.isArray(value) || Array.isArray(old)) {
      if (!Array.isArray(value) || !Array.isArray(old)) return false;
      if (value.length !== old.length) return false;
      for (let i = 0; i < value.length; i++) {
        const child = this.index(i);
        if (!child) {
          // a map list whose item has no old counterpart changed; other lists compare as a whole
          if (this.node.listType === 'map') return false;
          return deepEqual(value, old);
        }
        if (!child.unchanged()) return false;
      }
      return true;
    }
    if (isPlainObject(value) && isPlainObject(old)) {
      const keys = Object.keys(value);
      if (keys.length !== Object.keys(old).length) return false;
      // as CorrelatedObject: a key that cannot be correlated (new, or without a schema, as under
      // x-kubernetes-preserve-unknown-fields) makes the object changed
      return keys.every(k => this.key(k)?.unchanged() ?? false);
    }
    return deepEqual(value, old);
  }
}

/**
 * Whether an error found at `segments` (the path of the value whose schema reported it: for `required`, the object
 * missing the field) is ratcheted: some value on the correlated path from the root down to it is unchanged. At the
 * root, `kind` and `apiVersion` are not correlated (kube-apiserver converts both objects to the same version).
 */
export function isRatcheted(
  root: Correlation | undefined,
  segments: string[],
): boolean {
  let at: Correlation | null = root ?? null;
  for (let i = 0; at; i++) {
    if (at.unchanged()) return true;
    if (i >= segments.length) return false;
    const s = segments[i];
    if (i === 0 && (s === 'kind' || s === 'apiVersion')) return false;
    at = Array.isArray(at.value) ? at.index(Number(s)) : at.key(s);
  }
  return false;
}
