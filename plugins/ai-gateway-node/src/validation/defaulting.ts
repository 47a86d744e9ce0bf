/**
 * Pruning of unknown fields and defaulting, as kube-apiserver does for structural CRD schemas:
 * - fields not declared in `properties` are dropped, unless the node has `x-kubernetes-preserve-unknown-fields`
 *   or declares `additionalProperties` (a map);
 * - `null` in a non-nullable field is dropped (replaced by its default when it has one);
 * - a missing field with a `default` gets a copy of it; defaulting recurses into defaulted values.
 * The object is changed in place; callers pass a copy. With `pruned`, the path of every dropped unknown field is
 * collected as kube-apiserver reports it for `fieldValidation` (`spec.burts`, `spec.items[0].x`).
 */
import { SchemaNode, isPlainObject } from './schemaTree';

/** Root fields the apiserver handles itself (ObjectMeta is never pruned by the CRD schema). */
const ROOT_KEEP = new Set(['apiVersion', 'kind', 'metadata']);

/** Collects the paths of pruned fields (only built when asked for: paths cost on the hot path). */
export interface PruneReport {
  pruned: string[];
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

export function pruneAndDefault(
  value: unknown,
  node: SchemaNode,
  isRoot = false,
  report?: PruneReport,
  path = '',
): unknown {
  if (Array.isArray(value)) {
    if (node.items) {
      for (let i = 0; i < value.length; i++) {
        value[i] = pruneAndDefault(
          value[i],
          node.items,
          false,
          report,
          report ? `${path}[${i}]` : '',
        );
      }
    }
    return value;
  }
  if (!isPlainObject(value)) return value;

  if (node.properties) {
    for (const key of Object.keys(value)) {
      if (isRoot && ROOT_KEEP.has(key)) continue;
      const child = node.properties.get(key);
      if (!child) {
        if (!node.preserveUnknown && !node.additional && !node.additionalAny) {
          delete value[key];
          report?.pruned.push(join(path, key));
        }
        continue;
      }
      if (value[key] === null && !child.nullable) {
        if (child.hasDefault) value[key] = clone(child.default);
        else delete value[key];
      }
    }
    for (const [key, child] of node.properties) {
      if (isRoot && ROOT_KEEP.has(key)) continue;
      if (!(key in value) && child.hasDefault && child.default !== undefined) {
        value[key] = clone(child.default);
      }
      if (key in value)
        value[key] = pruneAndDefault(
          value[key],
          child,
          false,
          report,
          report ? join(path, key) : '',
        );
    }
  } else if (node.additional) {
    for (const key of Object.keys(value)) {
      if (value[key] === null && !node.additional.nullable) {
        if (node.additional.hasDefault)
          value[key] = clone(node.additional.default);
        else delete value[key];
        continue;
      }
      value[key] = pruneAndDefault(
        value[key],
        node.additional,
        false,
        report,
        report ? join(path, key) : '',
      );
    }
  } else if (
    !node.preserveUnknown &&
    !node.additionalAny &&
    node.type === 'object' &&
    !isRoot
  ) {
    // `type: object` without properties and without preserve-unknown-fields keeps nothing.
    for (const key of Object.keys(value)) {
      delete value[key];
      report?.pruned.push(join(path, key));
    }
  }
  return value;
}

export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}
