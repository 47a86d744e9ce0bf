/**
 * CEL cost estimation as cel-go's checker does it (checker/cost.go, with Kubernetes' library CostEstimator from
 * k8s.io/apiserver/pkg/cel/library/cost.go), over the parsed expression of `@bufbuild/cel` (which has no cost
 * tracking of its own). Sizes of strings, lists and maps come from a `Sizer`: the schema's maxLength / maxItems /
 * maxProperties when a CRD is written (./costLimits.ts), the actual value when a rule runs.
 *
 * What is reproduced: the base costs (identifier and field selection 1, constants 0, list literal 10, map literal
 * 30, `has()` 0 — its operand at run time), comprehensions (range + init + result + size of the range × (condition + step), which prices the
 * `all` / `exists` / `exists_one` / `map` / `filter` macros), `&&` / `||` (both sides), `?:` (condition + dearer
 * branch), string / list `+`, `==` / `!=` / ordering on strings (0.1 per character of the shorter side), `in` on
 * lists, `startsWith` / `endsWith` / `contains` / `matches`, the Kubernetes string and list library (`lowerAscii`,
 * `upperAscii`, `trim`, `substring`, `replace`, `split`, `join`, `find`, `findAll`, `indexOf`, `lastIndexOf`,
 * `isSorted`, `sum`, `min`, `max`, `url`, `quantity`), every other function 1. What is not: the type checker (types
 * are inferred from the schema, literals and function names, so an overload cel-go would pick by type may be priced
 * as the default 1), and the runtime tracker counts only evaluated branches while this sums both sides of `&&`.
 */

export interface Size {
  min: number;
  max: number;
}

export interface Cost {
  min: number;
  max: number;
}

export type Kind =
  | 'string'
  | 'bytes'
  | 'list'
  | 'map'
  | 'object'
  | 'int'
  | 'double'
  | 'bool'
  | 'null'
  | 'dyn';

/** What a sizer knows about the value at a path rooted at `self` / `oldSelf` (`['self', 'spec', '@items', 'name']`). */
export interface Sized {
  kind: Kind;
  size?: Size;
}

export interface Sizer {
  /** Sizes of an actual value (the runtime cost) rather than of a schema (the estimate). */
  runtime?: boolean;
  at(path: string[]): Sized | undefined;
  /** The size of a string / list nobody bounds (cel-go: math.MaxUint64). */
  unknownMax(): number;
}

export const U64 = 18446744073709551615;
const sat = (n: number) => (n > U64 ? U64 : n);
const add = (a: Cost, b: Cost): Cost => ({
  min: sat(a.min + b.min),
  max: sat(a.max + b.max),
});
const union = (a: Cost, b: Cost): Cost => ({
  min: Math.min(a.min, b.min),
  max: Math.max(a.max, b.max),
});
const mul = (a: Size, b: Size): Cost => ({
  min: sat(a.min * b.min),
  max: sat(a.max * b.max),
});
const factor = (s: Size, f: number): Cost => ({
  min: sat(Math.ceil(s.min * f)),
  max: sat(Math.ceil(s.max * f)),
});
const ONE: Cost = { min: 1, max: 1 };
const ZERO: Cost = { min: 0, max: 0 };
const TRAVERSAL = 0.1; // common.StringTraversalCostFactor
const REGEX = 0.25; // common.RegexStringLengthCostFactor

interface Info {
  kind: Kind;
  path?: string[];
  /** cel-go's computed size (literals, results of size-tracking calls). */
  size?: Size;
  /** Element info of a list (the iteration variable of a comprehension over it). */
  elem?: Info;
  /** The value of an integer literal (split's limit). */
  literal?: number;
}

/** A node of a parsed expression (the parser's protobuf `Expr`), typed loosely to stay independent of its version. */
export interface ExprNode {
  exprKind?: { case?: string; value?: ExprFields };
}

/** The fields of the expression kinds (ident, select, call, list, struct, comprehension, constant) this estimator reads. */
interface ExprFields {
  name?: string;
  operand?: ExprNode;
  field?: string;
  testOnly?: boolean;
  function?: string;
  target?: ExprNode;
  args?: ExprNode[];
  elements?: ExprNode[];
  messageName?: string;
  entries?: Array<{
    keyKind?: { case?: string; value?: ExprNode | string };
    value?: ExprNode;
  }>;
  iterVar?: string;
  accuVar?: string;
  iterRange?: ExprNode;
  accuInit?: ExprNode;
  loopCondition?: ExprNode;
  loopStep?: ExprNode;
  result?: ExprNode;
  constantKind?: { case?: string; value?: unknown };
}

type Scope = Map<string, Info>;

const STRING_RESULT = new Set([
  'lowerAscii',
  'upperAscii',
  'trim',
  'substring',
  'replace',
  'join',
  'string',
  'format',
  'charAt',
  'quote',
  'reverse',
]);
const BOOL_RESULT = new Set([
  'startsWith',
  'endsWith',
  'contains',
  'matches',
  'isSorted',
  'isURL',
  'isQuantity',
  'isIP',
  'isCIDR',
  '!_',
  '@not_strictly_false',
  '@in',
  '_==_',
  '_!=_',
  '_<_',
  '_<=_',
  '_>_',
  '_>=_',
]);

/** Functions whose results cel-go counts as scalars (size 1): doubles, durations, timestamps. */
const SCALAR_RESULT = new Set([
  'double',
  'duration',
  'timestamp',
  'getSeconds',
  'getMilliseconds',
  'getMinutes',
  'getHours',
]);

const RESERVED = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);

/** The property name of an escaped CEL field (apiserver/pkg/cel/escaping.go: `__namespace__`, `a__dash__b`). */
export function unescapeField(field: string): string {
  const m = /^__(.+)__$/.exec(field);
  if (m && RESERVED.has(m[1])) return m[1];
  return field.replace(
    /__(underscores|dot|dash|slash)__/g,
    (_, w: string) =>
      ({ underscores: '__', dot: '.', dash: '-', slash: '/' }[w] ?? w),
  );
}

export class CostEstimator {
  constructor(private readonly sizer: Sizer) {}

  /** The estimated cost of an expression. */
  estimate(expr: ExprNode | undefined): Cost {
    return this.walk(expr, new Map()).cost;
  }

  private sizeOf(info: Info): Size {
    if (info.size) return info.size;
    if (info.path) {
      const s = this.sizer.at(info.path)?.size;
      if (s) return s;
    }
    if (['int', 'double', 'bool', 'null'].includes(info.kind))
      return { min: 1, max: 1 };
    return { min: 0, max: this.sizer.unknownMax() };
  }

  private pathInfo(path: string[]): Info {
    const known = this.sizer.at(path);
    return { kind: known?.kind ?? 'dyn', path };
  }

  private walk(
    expr: ExprNode | undefined,
    scope: Scope,
  ): { cost: Cost; info: Info } {
    const kind = expr?.exprKind?.case;
    const v: ExprFields = expr?.exprKind?.value ?? {};
    switch (kind) {
      case 'constExpr':
        return { cost: ZERO, info: constInfo(v) };
      case 'identExpr': {
        const known = scope.get(v.name ?? '');
        if (known) return { cost: ONE, info: known };
        if (v.name === 'self' || v.name === 'oldSelf')
          return { cost: ONE, info: this.pathInfo([v.name]) };
        return { cost: ONE, info: { kind: 'dyn' } };
      }
      case 'selectExpr': {
        const operand = this.walk(v.operand, scope);
        // has(): free in the estimate; at run time the operand's selections are counted
        if (v.testOnly)
          return {
            cost: this.sizer.runtime ? operand.cost : ZERO,
            info: { kind: 'bool' },
          };
        const selectable = ['map', 'object', 'dyn'].includes(operand.info.kind);
        const info: Info = operand.info.path
          ? this.pathInfo([...operand.info.path, unescapeField(v.field ?? '')])
          : { kind: 'dyn' };
        return {
          cost: selectable ? add(operand.cost, ONE) : operand.cost,
          info,
        };
      }
      case 'listExpr': {
        let cost: Cost = { min: 10, max: 10 };
        let elem: Info | undefined;
        for (const e of v.elements ?? []) {
          const w = this.walk(e, scope);
          cost = add(cost, w.cost);
          elem = elem ?? w.info;
        }
        const n = (v.elements ?? []).length;
        return { cost, info: { kind: 'list', size: { min: n, max: n }, elem } };
      }
      case 'structExpr': {
        let cost: Cost = v.messageName
          ? { min: 40, max: 40 }
          : { min: 30, max: 30 };
        for (const e of v.entries ?? []) {
          const key = e.keyKind?.value;
          if (e.keyKind?.case === 'mapKey' && typeof key === 'object')
            cost = add(cost, this.walk(key, scope).cost);
          cost = add(cost, this.walk(e.value, scope).cost);
        }
        const n = (v.entries ?? []).length;
        return {
          cost,
          info: {
            kind: v.messageName ? 'object' : 'map',
            size: { min: n, max: n },
          },
        };
      }
      case 'comprehensionExpr':
        return this.comprehension(v, scope);
      case 'callExpr':
        return this.call(v, scope);
      default:
        return { cost: ZERO, info: { kind: 'dyn' } };
    }
  }

  private comprehension(
    v: ExprFields,
    scope: Scope,
  ): { cost: Cost; info: Info } {
    const range = this.walk(v.iterRange, scope);
    const init = this.walk(v.accuInit, scope);
    const inner: Scope = new Map(scope);
    const rangeIsMap = ['map', 'object'].includes(range.info.kind);
    inner.set(
      v.iterVar ?? '',
      range.info.path
        ? this.pathInfo([...range.info.path, rangeIsMap ? '@keys' : '@items'])
        : range.info.elem ?? { kind: rangeIsMap ? 'string' : 'dyn' },
    );
    inner.set(v.accuVar ?? '', init.info);
    const condition = this.walk(v.loopCondition, inner);
    const step = this.walk(v.loopStep, inner);
    const result = this.walk(v.result, inner);
    const count = this.sizeOf(range.info);
    let cost = add(add(range.cost, init.cost), result.cost);
    const perStep = add(step.cost, condition.cost);
    cost = add(cost, {
      min: sat(count.min * perStep.min),
      max: sat(count.max * perStep.max),
    });
    const info: Info =
      result.info.kind === 'list' ? { kind: 'list', size: count } : result.info;
    return { cost, info };
  }

  private call(v: ExprFields, scope: Scope): { cost: Cost; info: Info } {
    const fn: string = v.function ?? '';
    const args = (v.args ?? []).map((a: ExprNode) => this.walk(a, scope));
    const target = v.target ? this.walk(v.target, scope) : undefined;
    const argSum = args.reduce(
      (s: Cost, a: { cost: Cost }) => add(s, a.cost),
      ZERO,
    );
    const base = target ? target.cost : ZERO;
    const result = (cost: Cost, info: Info) => ({
      cost: add(base, cost),
      info,
    });
    const kindOf = (k: Kind): Info => ({ kind: k });
    switch (fn) {
      case '_&&_':
      case '_||_':
        return result(
          {
            min: args[0].cost.min,
            max: sat(args[0].cost.max + args[1].cost.max),
          },
          kindOf('bool'),
        );
      case '_?_:_': {
        const t = this.sizeOf(args[1].info);
        const f = this.sizeOf(args[2].info);
        return result(add(args[0].cost, union(args[1].cost, args[2].cost)), {
          kind: args[1].info.kind,
          size: { min: Math.min(t.min, f.min), max: Math.max(t.max, f.max) },
        });
      }
      case '_[_]': {
        // an index keeps the field path (`@items` of a list, `@values` of a map), so the schema sizes the result
        const from = args[0].info;
        const info: Info = from.path
          ? this.pathInfo([
              ...from.path,
              from.kind === 'list' ? '@items' : '@values',
            ])
          : from.elem ?? kindOf('dyn');
        return result(add(ONE, argSum), info);
      }
      case '@in':
        if (args[1].info.kind === 'list')
          return result(
            add(factor(this.sizeOf(args[1].info), 1), argSum),
            kindOf('bool'),
          );
        break;
      case '_+_': {
        const l = this.sizeOf(args[0].info);
        const r = this.sizeOf(args[1].info);
        const size = { min: sat(l.min + r.min), max: sat(l.max + r.max) };
        const k = args[0].info.kind;
        if (k === 'list' || args[1].info.kind === 'list')
          return result(add(ONE, argSum), {
            kind: 'list',
            size,
            elem: args[0].info.elem ?? args[1].info.elem,
          });
        if (k === 'string' || k === 'bytes')
          return result(add(factor(size, TRAVERSAL), argSum), {
            kind: k,
            size,
          });
        break;
      }
      case '_==_':
      case '_!=_':
        return result(
          add(this.comparison(args[0].info, args[1].info), argSum),
          kindOf('bool'),
        );
      case '_<_':
      case '_<=_':
      case '_>_':
      case '_>=_':
        if (['string', 'bytes'].includes(args[0].info.kind))
          return result(
            add(this.comparison(args[0].info, args[1].info), argSum),
            kindOf('bool'),
          );
        break;
      default: {
        const special = this.library(fn, target?.info, args);
        if (special)
          return result(
            add(special.cost, argSum),
            special.info ?? kindOf('dyn'),
          );
      }
    }
    let info: Info = kindOf('dyn');
    if (fn === 'size' || fn === 'int' || fn === 'uint') info = kindOf('int');
    else if (SCALAR_RESULT.has(fn)) info = kindOf('double');
    else if (BOOL_RESULT.has(fn)) info = kindOf('bool');
    else if (STRING_RESULT.has(fn)) info = kindOf('string');
    return result(add(ONE, argSum), info);
  }

  /** `==` and ordering: 0.1 per element of the smaller side (cel-go: equality of scalars costs what their size says). */
  private comparison(l: Info, r: Info): Cost {
    const smallest = Math.min(this.sizeOf(l).max, this.sizeOf(r).max);
    return factor({ min: smallest > 0 ? 1 : 0, max: smallest }, TRAVERSAL);
  }

  /**
   * cel-go's O(n) string functions (member forms) and Kubernetes' library CostEstimator.EstimateCallCost, which
   * prices most functions only in their member form (`s.lowerAscii()`, not `quantity(s)`); argument costs excluded.
   */
  private library(
    fn: string,
    target: Info | undefined,
    args: Array<{ info: Info }>,
  ): { cost: Cost; info?: Info } | undefined {
    const arg = (i: number) =>
      args[i] ? this.sizeOf(args[i].info) : { min: 0, max: 0 };
    if (fn === 'url' && !target && args.length === 1)
      return { cost: factor(arg(0), TRAVERSAL) };
    if (!target) return undefined;
    const sz = this.sizeOf(target);
    const isList = target.kind === 'list';
    switch (fn) {
      case 'startsWith':
      case 'endsWith':
        return isList ? undefined : { cost: factor(arg(0), TRAVERSAL) };
      case 'contains':
        return isList
          ? undefined
          : { cost: mul(factor(sz, TRAVERSAL), factor(arg(0), TRAVERSAL)) };
      case 'matches':
      case 'find':
      case 'findAll': {
        const str = factor(
          { min: sz.min + 1, max: sat(sz.max + 1) },
          TRAVERSAL,
        );
        const re = factor(arg(0), REGEX);
        let info: Info = { kind: 'bool' };
        if (fn !== 'matches')
          info = {
            kind: fn === 'find' ? 'string' : 'list',
            size: { min: 0, max: sz.max },
          };
        return { cost: mul(str, re), info };
      }
      case 'lowerAscii':
      case 'upperAscii':
      case 'substring':
      case 'trim':
        return {
          cost: factor(sz, TRAVERSAL),
          info: { kind: 'string', size: sz },
        };
      case 'replace': {
        if (args.length < 2) return undefined;
        const from = arg(0);
        const to = arg(1);
        let count = 0;
        let retained = sz.max;
        if (from.min === 0) count = sz.max < U64 ? sz.max + 1 : sz.max;
        else if (to.max > from.min) {
          count = Math.ceil(sz.max / from.min);
          retained = 0;
        }
        const max = sat(count * to.max + retained);
        return {
          cost: factor(sz, 2 * TRAVERSAL),
          info: { kind: 'string', size: { min: 0, max } },
        };
      }
      case 'split': {
        const limit = args[1]?.info.kind === 'int' ? args[1] : undefined;
        const max = limit?.info.literal ?? sz.max;
        return {
          cost: factor(sz, 2 * TRAVERSAL),
          info: { kind: 'list', size: { min: 0, max } },
        };
      }
      case 'join': {
        const elemInfo = target.path
          ? this.pathInfo([...target.path, '@items'])
          : target.elem;
        let joined: Size = elemInfo
          ? mul(sz, this.sizeOf(elemInfo))
          : { min: 0, max: 0 };
        if (args.length > 0) {
          const sep = arg(0);
          joined = {
            min: sat(joined.min + sep.min * Math.max(0, sz.min - 1)),
            max: sat(joined.max + sep.max * Math.max(0, sz.max - 1)),
          };
        }
        return {
          cost: factor(joined, TRAVERSAL),
          info: { kind: 'string', size: joined },
        };
      }
      case 'isSorted':
      case 'sum':
      case 'max':
      case 'min':
      case 'indexOf':
      case 'lastIndexOf': {
        if (!isList)
          return { cost: factor(sz, TRAVERSAL), info: { kind: 'int' } };
        const elemInfo = target.path
          ? this.pathInfo([...target.path, '@items'])
          : target.elem;
        let elemCost: Cost = ONE;
        if (elemInfo && ['string', 'bytes'].includes(elemInfo.kind))
          elemCost = add(elemCost, factor(this.sizeOf(elemInfo), TRAVERSAL));
        return {
          cost: {
            min: sat(sz.min * elemCost.min),
            max: sat(sz.max * elemCost.max),
          },
        };
      }
      case 'quantity':
      case 'isQuantity':
      case 'cidr':
      case 'isIP':
      case 'isCIDR':
        return args.length ? { cost: factor(arg(0), TRAVERSAL) } : undefined;
      default:
        return undefined;
    }
  }
}

function constInfo(v: ExprFields): Info {
  const c = v?.constantKind;
  switch (c?.case) {
    case 'stringValue': {
      const n = [...String(c.value)].length;
      return { kind: 'string', size: { min: n, max: n } };
    }
    case 'bytesValue': {
      const n = (c.value as Uint8Array).length;
      return { kind: 'bytes', size: { min: n, max: n } };
    }
    case 'int64Value':
    case 'uint64Value':
      return { kind: 'int', literal: Math.max(0, Number(c.value)) };
    case 'doubleValue':
      return { kind: 'double' };
    case 'boolValue':
      return { kind: 'bool' };
    case 'nullValue':
      return { kind: 'null' };
    default:
      return { kind: 'dyn' };
  }
}
