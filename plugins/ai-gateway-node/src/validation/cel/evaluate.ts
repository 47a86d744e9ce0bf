/**
 * Evaluating `x-kubernetes-validations` at every schema node of an object (every item of a list, every value of a
 * map), with `self` bound to the node and `oldSelf` to the correlated old value on update.
 */
import { isCelError } from '@bufbuild/cel';
import type { CelValue } from '@bufbuild/cel';
import type { ValidationCause } from '../types';
import { RawRule, SchemaNode, childPath, isPlainObject } from '../schemaTree';
import { compileCel } from './compile';
import { celChild, toCel } from './values';
import { deepEqual } from '../listTypes';
import type { Correlation } from '../ratcheting';
import {
  PER_CALL_LIMIT,
  RUNTIME_COST_BUDGET,
  ValueSizer,
  expressionCost,
} from './costLimits';
import {
  chargedCost,
  evaluateMessage,
  ruleErrorString,
} from './messageExpression';

interface Ctx {
  causes: ValidationCause[];
  /** What is left of the object's RuntimeCELCostBudget; rules stop running once it is spent. */
  remaining: number;
  stopped: boolean;
  /** Where the errors of ratcheted rules go (kube-apiserver sends them as `Warning` headers). */
  warnings: string[];
}

/** On update: the correlation of the new object with the old one, for ratcheting (../ratcheting.ts). */
export interface RatchetingOptions {
  correlation?: Correlation;
  /** Receives `<field>: <message>` of each ratcheted rule failure. */
  warnings?: string[];
}

/** Evaluates all rules of `node` and below against `value` (and `old` on update); appends causes. */
export function evaluateRules(
  value: unknown,
  node: SchemaNode,
  old: unknown,
  causes: ValidationCause[],
  ratcheting: RatchetingOptions = {},
): void {
  walk(
    {
      causes,
      remaining: RUNTIME_COST_BUDGET,
      stopped: false,
      warnings: ratcheting.warnings ?? [],
    },
    value,
    toCel(value, node),
    old,
    old === undefined ? undefined : toCel(old, node),
    node,
    '',
    ratcheting.correlation ?? null,
  );
}

function walk(
  ctx: Ctx,
  value: unknown,
  cel: CelValue | undefined,
  old: unknown,
  oldCel: CelValue | undefined,
  node: SchemaNode,
  path: string,
  corr: Correlation | null,
): void {
  if (ctx.stopped || !node.rulesBelow || value === null || value === undefined)
    return;
  if (node.rules.length > 0) {
    for (const rule of node.rules) {
      if (ctx.stopped) return;
      evaluateRule(ctx, rule, node, value, cel, old, oldCel, corr, path);
    }
  }
  if (Array.isArray(value) && node.items) {
    const items = node.items;
    const oldList = Array.isArray(old) ? old : undefined;
    value.forEach((item, i) => {
      const oldIndex =
        oldList && node.listType === 'map'
          ? findByKeys(oldList, item, node.listMapKeys ?? [])
          : -1;
      walk(
        ctx,
        item,
        celChild(cel, i),
        oldIndex >= 0 ? oldList![oldIndex] : undefined,
        oldIndex >= 0 ? celChild(oldCel, oldIndex) : undefined,
        items,
        `${path}[${i}]`,
        corr?.index(i) ?? null,
      );
    });
  } else if (isPlainObject(value)) {
    const oldObj = isPlainObject(old) ? old : undefined;
    for (const key of Object.keys(value)) {
      const child = node.properties?.get(key);
      const sub = child ?? node.additional;
      if (!sub) continue;
      const hasOld = oldObj !== undefined && key in oldObj;
      walk(
        ctx,
        value[key],
        celChild(cel, key),
        hasOld ? oldObj![key] : undefined,
        hasOld ? celChild(oldCel, key) : undefined,
        sub,
        child ? childPath(path, key) : `${path}[${key}]`,
        corr?.key(key) ?? null,
      );
    }
  }
}

/** Appends a rule's relative `fieldPath` (`.spec.x`, `.x['key']`, `.list[0]`) to the node's path. */
export function joinFieldPath(path: string, fieldPath: string): string {
  const rel = fieldPath.replace(/\[['"]([^'"]*)['"]\]/g, '[$1]');
  const joined = rel.startsWith('[')
    ? `${path}${rel}`
    : `${path}${rel.startsWith('.') ? '' : '.'}${rel}`;
  return joined.replace(/^\./, '');
}

function findByKeys(list: unknown[], item: unknown, keys: string[]): number {
  if (!isPlainObject(item) || keys.length === 0) return -1;
  return list.findIndex(
    o => isPlainObject(o) && keys.every(k => deepEqual(o[k], item[k])),
  );
}

function typeOf(node: SchemaNode, value: unknown): string {
  if (node.type) return node.type;
  if (Array.isArray(value)) return 'array';
  if (isPlainObject(value)) return 'object';
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function evaluateRule(
  ctx: Ctx,
  rule: RawRule,
  node: SchemaNode,
  value: unknown,
  cel: unknown,
  old: unknown,
  oldCel: unknown,
  corr: Correlation | null,
  path: string,
): void {
  const field = rule.fieldPath ? joinFieldPath(path, rule.fieldPath) : path;
  const compiled = compileCel(rule.rule);
  if (!compiled.ok) {
    ctx.causes.push(
      internal(field, rule, `rule compile error: ${compiled.error}`),
    );
    return;
  }
  if (compiled.usesOldSelf && old === undefined) return; // transition rule: only on update with an old value
  if (!withinCostLimits(ctx, rule, node, value, old, path)) return;
  const bindings: Record<string, unknown> = { self: cel };
  if (compiled.usesOldSelf) bindings.oldSelf = oldCel;
  let result: unknown;
  try {
    result = compiled.program(bindings);
  } catch (e) {
    result = e;
  }
  if (result === true) return;
  if (result !== false) {
    const msg =
      isCelError(result) || result instanceof Error
        ? (result as Error).message
        : `non-boolean result ${String(result)}`;
    ctx.causes.push(internal(field, rule, msg));
    return;
  }
  // Ratcheting (schema/cel/validation.go addErr): a false rule without oldSelf at an unchanged value is a warning.
  // It was still evaluated and charged; evaluation errors and cost limits above are never ratcheted.
  const ratchet = !compiled.usesOldSelf && corr !== null && corr.unchanged();
  const add = (cause: ValidationCause) => {
    if (ratchet) ctx.warnings.push(`${cause.field}: ${cause.message}`);
    else ctx.causes.push(cause);
  };
  const message = evaluateMessage(
    rule,
    cel as CelValue | undefined,
    oldCel as CelValue | undefined,
    value,
    old,
    compiled.usesOldSelf,
    ctx.remaining,
  );
  if (!message.ok) {
    ctx.stopped = true;
    add({
      reason: 'FieldValueInvalid',
      field,
      message: `${errorPrefix('FieldValueInvalid', typeOf(node, value))}: ${
        message.error
      }`,
    });
    return;
  }
  ctx.remaining = message.remaining;
  const reason = rule.reason || 'FieldValueInvalid';
  add({
    reason,
    field,
    message: `${errorPrefix(reason, typeOf(node, value))}: ${message.detail}`,
  });
}

/**
 * The runtime cost limits (schema/cel/validation.go): a rule costing more than PerCallLimit is cancelled, a rule
 * costing more than what is left of the object's budget is not run; either way no further rule runs. The cost is
 * ./cel/cost.ts's estimate with the value's actual sizes; a cancelled call is charged the limit + 1, as cel-go stops
 * right after passing it.
 */
function withinCostLimits(
  ctx: Ctx,
  rule: RawRule,
  node: SchemaNode,
  value: unknown,
  old: unknown,
  path: string,
): boolean {
  const cost = expressionCost(rule.rule, new ValueSizer(value, old)) ?? 0;
  const charged = chargedCost(cost);
  let detail: string | undefined;
  if (charged > ctx.remaining)
    detail =
      'validation failed due to running out of cost budget, no further validation rules will be run';
  else if (cost > PER_CALL_LIMIT)
    detail = `'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: ${ruleErrorString(
      rule,
    )}`;
  if (!detail) {
    ctx.remaining -= charged;
    return true;
  }
  ctx.stopped = true;
  ctx.causes.push({
    reason: 'FieldValueInvalid',
    field: path,
    message: `${errorPrefix(
      'FieldValueInvalid',
      typeOf(node, value),
    )}: ${detail}`,
  });
  return false;
}

/** How the apiserver prints a field error of this reason before its detail. */
function errorPrefix(reason: string, type: string): string {
  switch (reason) {
    case 'FieldValueRequired':
      return 'Required value';
    case 'FieldValueForbidden':
      return 'Forbidden';
    case 'FieldValueDuplicate':
      return `Duplicate value: "${type}"`;
    default:
      return `Invalid value: "${type}"`;
  }
}

function internal(
  field: string,
  rule: RawRule,
  error: string,
): ValidationCause {
  return {
    reason: 'InternalError',
    field,
    message: `Internal error: rule ${JSON.stringify(
      rule.rule.trim(),
    )} could not be evaluated: ${error}`,
  };
}
