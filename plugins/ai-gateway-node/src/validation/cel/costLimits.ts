/**
 * The CEL cost limits of kube-apiserver v1.32 for `x-kubernetes-validations`:
 * - when a CRD is written (apiextensions validation.go): each rule's estimated cost (./cost.ts, sizes from the
 *   schema's maxLength × 4 / maxItems / maxProperties, or what fits in a 3 MiB request) times how often the rule can
 *   run (the product of the maxItems / maxProperties above it, or what fits in a request) must stay within
 *   StaticEstimatedCostLimit (10,000,000), and all rules of a schema within StaticEstimatedCRDCostLimit
 *   (100,000,000) — `Forbidden` causes worded as the real server words them;
 * - when a custom resource is validated (schema/cel/validation.go): each rule's cost within PerCallLimit (1,000,000)
 *   and all rules of one object within RuntimeCELCostBudget (10,000,000). The runtime cost is the same estimate
 *   with the actual sizes of the value (an upper bound of what cel-go's tracker counts, see ./cost.ts).
 */
import type { ValidationCause } from '../types';
import { SchemaNode, buildSchemaTree, isPlainObject } from '../schemaTree';
import { parseCached } from './astCache';
import { CostEstimator, ExprNode, Kind, Sized, Sizer, U64 } from './cost';

export const PER_CALL_LIMIT = 1_000_000;
export const RUNTIME_COST_BUDGET = 10_000_000;
export const STATIC_ESTIMATED_COST_LIMIT = 10_000_000;
export const STATIC_ESTIMATED_CRD_COST_LIMIT = 100_000_000;
const MAX_REQUEST_SIZE = 3 * 1024 * 1024;

function kindOf(node: SchemaNode): Kind {
  if (node.intOrString) return 'dyn';
  switch (node.type) {
    case 'string':
      return 'string';
    case 'integer':
      return 'int';
    case 'number':
      return 'double';
    case 'boolean':
      return 'bool';
    case 'array':
      return 'list';
    case 'object':
      if (node.properties) return 'object';
      return node.additional || node.additionalAny ? 'map' : 'object';
    default:
      return 'dyn';
  }
}

/** DeclType.MinSerializedSize: the smallest JSON a value of this schema can be. */
function minSize(node: SchemaNode): number {
  if (node.intOrString) return 1;
  switch (node.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return 4;
    case 'string':
      // as the apiserver's declared types (checked against its TestCostEstimation figures)
      if (node.limits.format === 'duration') return 3;
      if (node.limits.format === 'date') return 12;
      if (node.limits.format === 'date-time') return 21;
      return 2;
    default:
      return 2;
  }
}

/** DeclType.MaxElements (apiserver/pkg/cel/common/schemas.go SchemaDeclType). */
function maxElements(node: SchemaNode): number {
  const l = node.limits;
  if (node.intOrString) return MAX_REQUEST_SIZE - 2;
  switch (kindOf(node)) {
    case 'string':
      // maxLength counts code points, the estimate bytes: up to 4 per code point
      if (l.maxLength !== undefined) return l.maxLength * 4;
      if (l.enumMax !== undefined) return l.enumMax;
      if (l.format === 'duration') return 32;
      if (l.format === 'date') return 12;
      if (l.format === 'date-time') return 64;
      return MAX_REQUEST_SIZE - 2;
    case 'list':
      if (l.maxItems !== undefined) return l.maxItems;
      return Math.floor(
        (MAX_REQUEST_SIZE - 2) / ((node.items ? minSize(node.items) : 2) + 1),
      );
    case 'map':
      if (l.maxProperties !== undefined) return l.maxProperties;
      return Math.floor(
        (MAX_REQUEST_SIZE - 2) /
          ((node.additional ? minSize(node.additional) : 2) + 6),
      );
    default:
      return 0;
  }
}

/** The apiextensions sizeEstimator: walks the rule's schema node along the expression's field path. */
export class SchemaSizer implements Sizer {
  constructor(private readonly root: SchemaNode) {}

  at(path: string[]): Sized | undefined {
    let node: SchemaNode | undefined = this.root;
    for (const name of path.slice(1)) {
      if (name === '@items' || name === '@values')
        node = node.items ?? node.additional;
      else if (name === '@keys')
        return { kind: 'string', size: { min: 0, max: 0 } };
      else node = node.properties?.get(name);
      if (!node) return undefined;
    }
    return { kind: kindOf(node), size: { min: 0, max: maxElements(node) } };
  }

  unknownMax(): number {
    return U64;
  }
}

const valueSize = (v: unknown): number => {
  if (typeof v === 'string') return v.length;
  if (Array.isArray(v)) return v.length;
  if (isPlainObject(v)) return Object.keys(v).length;
  return 1;
};

const valueKind = (v: unknown): Kind => {
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'list';
  if (isPlainObject(v)) return 'object';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  return 'dyn';
};

/** Sizes of the value being validated: the largest value found along a path (every item of a list). */
export class ValueSizer implements Sizer {
  readonly runtime = true;
  private unknown?: number;

  constructor(
    private readonly self: unknown,
    private readonly oldSelf: unknown,
  ) {}

  at(path: string[]): Sized | undefined {
    let values: unknown[] = [path[0] === 'oldSelf' ? this.oldSelf : this.self];
    for (const name of path.slice(1)) {
      values = values.flatMap(v => {
        if (name === '@items' || name === '@values') {
          if (Array.isArray(v)) return v;
          return isPlainObject(v) ? Object.values(v) : [];
        }
        if (name === '@keys') return isPlainObject(v) ? Object.keys(v) : [];
        return isPlainObject(v) && name in v ? [v[name]] : [];
      });
    }
    if (values.length === 0) return undefined;
    const max = Math.max(...values.map(valueSize));
    return { kind: valueKind(values[0]), size: { min: max, max } };
  }

  /** A string or list no path bounds (built by a function): at most as large as the whole value as JSON. */
  unknownMax(): number {
    this.unknown ??= JSON.stringify(this.self ?? null).length;
    return this.unknown;
  }
}

/** Parsed expressions by text (null: does not parse); the disk cache of ./astCache.ts is read once per text. */
const parsed = new Map<string, ExprNode | null>();

/** The estimated cost of one expression against a sizer; undefined when it does not parse. */
export function expressionCost(
  expression: string,
  sizer: Sizer,
): number | undefined {
  let expr = parsed.get(expression);
  if (expr === undefined) {
    try {
      expr = (parseCached(expression).expr as ExprNode | undefined) ?? null;
    } catch {
      expr = null;
    }
    parsed.set(expression, expr);
  }
  return expr ? new CostEstimator(sizer).estimate(expr).max : undefined;
}

/** apiextensions' getCostErrorMessage. */
export function costErrorMessage(
  costName: string,
  cost: number,
  limit: number,
): string {
  const exceed = cost / limit;
  let factor: string;
  if (exceed > 100) factor = 'more than 100x';
  else if (exceed < 1.5) factor = `${exceed.toFixed(6)}x`;
  else factor = `${exceed.toFixed(1)}x`;
  return `${costName} exceeds budget by factor of ${factor} (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)`;
}

const forbidden = (field: string, detail: string): ValidationCause => ({
  reason: 'FieldValueForbidden',
  field,
  message: `Forbidden: ${detail}`,
});

interface Walk {
  causes: ValidationCause[];
  total: number;
  expensive: Array<{ path: string; cost: number }>;
}

function observe(w: Walk, path: string, cost: number): void {
  w.total = Math.min(U64, w.total + cost);
  if (cost < STATIC_ESTIMATED_CRD_COST_LIMIT / 100) return;
  w.expensive.push({ path, cost });
  w.expensive.sort((a, b) => b.cost - a.cost);
  w.expensive.splice(4);
}

function walkSchema(
  raw: Record<string, any>,
  node: SchemaNode,
  path: string,
  cardinality: number | undefined,
  w: Walk,
): void {
  const rules = Array.isArray(raw['x-kubernetes-validations'])
    ? raw['x-kubernetes-validations']
    : [];
  rules.forEach((rule: Record<string, unknown>, i: number) => {
    const base = `${path}.x-kubernetes-validations[${i}]`;
    const sizer = new SchemaSizer(node);
    if (typeof rule?.rule === 'string' && rule.rule.trim()) {
      const maxCost = expressionCost(rule.rule, sizer);
      if (maxCost !== undefined) {
        // unbounded: as many values of this schema as fit in a request (compilation.go maxCardinality)
        const card =
          cardinality ?? Math.floor(MAX_REQUEST_SIZE / (minSize(node) + 1));
        const cost = maxCost === 0 ? 0 : Math.min(U64, maxCost * card);
        if (cost > STATIC_ESTIMATED_COST_LIMIT)
          w.causes.push(
            forbidden(
              `${base}.rule`,
              costErrorMessage(
                'estimated rule cost',
                cost,
                STATIC_ESTIMATED_COST_LIMIT,
              ),
            ),
          );
        observe(w, `${base}.rule`, cost);
      }
    }
    if (typeof rule?.messageExpression === 'string') {
      const cost = expressionCost(rule.messageExpression, sizer);
      if (cost !== undefined) {
        if (cost > STATIC_ESTIMATED_COST_LIMIT)
          w.causes.push(
            forbidden(
              `${base}.messageExpression`,
              costErrorMessage(
                'estimated messageExpression cost',
                cost,
                STATIC_ESTIMATED_COST_LIMIT,
              ),
            ),
          );
        observe(w, `${base}.messageExpression`, cost);
      }
    }
  });
  // children: a property occurs once per parent, an item / map value up to maxItems / maxProperties times
  const times = (n: number | undefined) =>
    cardinality === undefined || n === undefined
      ? undefined
      : Math.min(U64, cardinality * n);
  const props = isPlainObject(raw.properties) ? raw.properties : {};
  for (const key of Object.keys(props).sort()) {
    const child = node.properties?.get(key);
    if (child && isPlainObject(props[key]))
      walkSchema(
        props[key],
        child,
        `${path}.properties[${key}]`,
        cardinality,
        w,
      );
  }
  if (isPlainObject(raw.items) && node.items)
    walkSchema(
      raw.items,
      node.items,
      `${path}.items`,
      times(node.limits.maxItems),
      w,
    );
  if (isPlainObject(raw.additionalProperties) && node.additional)
    walkSchema(
      raw.additionalProperties,
      node.additional,
      `${path}.additionalProperties`,
      times(node.limits.maxProperties),
      w,
    );
}

/** The cost causes of one `openAPIV3Schema` reported under `path`. */
export function schemaCostCauses(
  schema: Record<string, any>,
  path: string,
): ValidationCause[] {
  const w: Walk = { causes: [], total: 0, expensive: [] };
  walkSchema(schema, buildSchemaTree(schema), path, 1, w);
  if (w.total > STATIC_ESTIMATED_CRD_COST_LIMIT) {
    for (const e of w.expensive)
      w.causes.push(
        forbidden(
          e.path,
          'contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema',
        ),
      );
    w.causes.push(
      forbidden(
        path,
        costErrorMessage(
          'x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema',
          w.total,
          STATIC_ESTIMATED_CRD_COST_LIMIT,
        ),
      ),
    );
  }
  return w.causes;
}

/**
 * The cost causes of a CRD as kube-apiserver reports them on create / update. Versions sharing one schema are
 * validated once, under `spec.validation.openAPIV3Schema` (the internal form the apiserver validates hoists a schema
 * all versions share there); otherwise each under `spec.versions[i].schema.openAPIV3Schema`.
 */
export function crdCostCauses(crd: Record<string, any>): ValidationCause[] {
  const versions: Array<{ schema?: { openAPIV3Schema?: unknown } }> =
    Array.isArray(crd?.spec?.versions) ? crd.spec.versions : [];
  const schemas = versions.map(v => v?.schema?.openAPIV3Schema);
  if (schemas.length === 0) return [];
  const first = JSON.stringify(schemas[0]);
  if (
    isPlainObject(schemas[0]) &&
    schemas.every(s => JSON.stringify(s) === first)
  )
    return schemaCostCauses(schemas[0], 'spec.validation.openAPIV3Schema');
  return schemas.flatMap((s, i) =>
    isPlainObject(s)
      ? schemaCostCauses(s, `spec.versions[${i}].schema.openAPIV3Schema`)
      : [],
  );
}
