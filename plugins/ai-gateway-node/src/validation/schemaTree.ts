/**
 * A walkable view of one version's `openAPIV3Schema`: what defaulting, pruning, list-type checks and CEL rules need.
 * Built once per kind (lazily) by the validator.
 */
import type { JSONSchemaProps } from './types';

/** One `x-kubernetes-validations` entry as written in the CRD. */
export interface RawRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: string;
  optionalOldSelf?: boolean;
}

export interface SchemaNode {
  type?: string;
  /** Named properties of an object. */
  properties?: Map<string, SchemaNode>;
  /** Value schema of a map (`additionalProperties: {...}`). */
  additional?: SchemaNode;
  /** `additionalProperties: true`: keep unknown keys, no schema. */
  additionalAny?: boolean;
  items?: SchemaNode;
  preserveUnknown: boolean;
  intOrString: boolean;
  nullable: boolean;
  hasDefault: boolean;
  default?: unknown;
  listType?: string;
  listMapKeys?: string[];
  rules: RawRule[];
  /** True when this node or a descendant has rules (lets the CEL walk skip rule-free subtrees). */
  rulesBelow: boolean;
  /** True when this node or a descendant has a `x-kubernetes-list-type` of set or map. */
  listTypesBelow: boolean;
  /** What CEL cost estimation reads (./cel/costLimits.ts): the size bounds, `format` and the longest enum value. */
  limits: {
    maxLength?: number;
    maxItems?: number;
    maxProperties?: number;
    format?: string;
    enumMax?: number;
  };
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? Math.max(0, v) : undefined;

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every(x => typeof x === 'string') ? v : undefined;

export function buildSchemaTree(raw: JSONSchemaProps | undefined): SchemaNode {
  const s: JSONSchemaProps = raw ?? {};
  const listType = s['x-kubernetes-list-type'];
  const rules = s['x-kubernetes-validations'];
  const node: SchemaNode = {
    type: typeof s.type === 'string' ? s.type : undefined,
    preserveUnknown: s['x-kubernetes-preserve-unknown-fields'] === true,
    intOrString: s['x-kubernetes-int-or-string'] === true,
    nullable: s.nullable === true,
    hasDefault: 'default' in s,
    default: s.default,
    listType: typeof listType === 'string' ? listType : undefined,
    listMapKeys: strings(s['x-kubernetes-list-map-keys']),
    // as written in the CRD (the apiserver checked their shape when the CRD was created)
    rules: Array.isArray(rules) ? (rules as RawRule[]) : [],
    rulesBelow: false,
    listTypesBelow: false,
    limits: {
      maxLength: num(s.maxLength),
      maxItems: num(s.maxItems),
      maxProperties: num(s.maxProperties),
      format: typeof s.format === 'string' ? s.format : undefined,
      enumMax: Array.isArray(s.enum)
        ? Math.max(
            0,
            ...s.enum.map(e => (typeof e === 'string' ? e.length : 0)),
          )
        : undefined,
    },
  };
  if (s.properties && typeof s.properties === 'object') {
    node.properties = new Map();
    for (const [k, v] of Object.entries(s.properties)) {
      node.properties.set(k, buildSchemaTree(v));
    }
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    node.additional = buildSchemaTree(s.additionalProperties);
  } else if (s.additionalProperties === true) {
    node.additionalAny = true;
  }
  if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) {
    node.items = buildSchemaTree(s.items);
  }
  const children = [
    ...(node.properties?.values() ?? []),
    node.additional,
    node.items,
  ].filter((c): c is SchemaNode => !!c);
  node.rulesBelow = node.rules.length > 0 || children.some(c => c.rulesBelow);
  node.listTypesBelow =
    node.listType === 'set' ||
    node.listType === 'map' ||
    children.some(c => c.listTypesBelow);
  return node;
}

/** Every rule of a schema tree with the schema path it sits at (for compile checks and metrics). */
export function collectRules(
  node: SchemaNode,
  path = '',
): Array<{ path: string; rule: RawRule }> {
  const out = node.rules.map(rule => ({ path: path || '<root>', rule }));
  for (const [k, v] of node.properties ?? [])
    out.push(...collectRules(v, path ? `${path}.${k}` : k));
  if (node.additional) out.push(...collectRules(node.additional, `${path}[*]`));
  if (node.items) out.push(...collectRules(node.items, `${path}[*]`));
  return out;
}

export function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function childPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}
