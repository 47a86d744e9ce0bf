/**
 * agentgateway's CEL macros, which `@bufbuild/cel` cannot register, as rewrites of the parsed AST into standard
 * comprehensions (the way cel-go expands `cel.bind`):
 * - `x.with(v, e)`: `e` with `v` bound to `x`;
 * - `m.filterKeys(k, p)` / `m.removeKeys(k, p)`: the entries of map `m` whose key does / does not satisfy `p`;
 * - `m.mapValues(v, e)`: the map with every value `v` replaced by `e`;
 * - `has(v)` on a variable (not a field): whether the variable is present;
 * - `default(a, b)`: `b` when `a` cannot be resolved. Here: when the last field (`x.f`) or key (`x[k]`) of `a` is
 *   absent; other errors in `a` are not caught.
 * Names starting with `@` cannot be written in CEL source, so the helper variables cannot clash with the user's.
 */
import { parse } from '@bufbuild/cel';

export type Expr = ReturnType<typeof parse>['expr'];

/** The function `has(variable)` is rewritten to (./functions.ts): true when the variable is bound. */
export const PRESENT = '@present';
type Kind = Expr['exprKind'];

let nextId = 1n << 40n;

function node(exprKind: Kind): Expr {
  return { $typeName: 'cel.expr.Expr', id: nextId++, exprKind };
}

function ident(name: string): Expr {
  return node({
    case: 'identExpr',
    value: { $typeName: 'cel.expr.Expr.Ident', name },
  });
}

function call(fn: string, args: Expr[], target?: Expr): Expr {
  return node({
    case: 'callExpr',
    value: { $typeName: 'cel.expr.Expr.Call', function: fn, args, target },
  });
}

function bool(value: boolean): Expr {
  return node({
    case: 'constExpr',
    value: {
      $typeName: 'cel.expr.Constant',
      constantKind: { case: 'boolValue', value },
    },
  });
}

function emptyList(): Expr {
  return node({
    case: 'listExpr',
    value: {
      $typeName: 'cel.expr.Expr.CreateList',
      elements: [],
      optionalIndices: [],
    },
  });
}

/** `{}` or `{key: value}` */
function mapOf(entry?: [Expr, Expr]): Expr {
  return node({
    case: 'structExpr',
    value: {
      $typeName: 'cel.expr.Expr.CreateStruct',
      messageName: '',
      entries: entry
        ? [
            {
              $typeName: 'cel.expr.Expr.CreateStruct.Entry',
              id: nextId++,
              keyKind: { case: 'mapKey', value: entry[0] },
              value: entry[1],
              optionalEntry: false,
            },
          ]
        : [],
    },
  });
}

function comprehension(
  iterVar: string,
  iterRange: Expr,
  accuVar: string,
  accuInit: Expr,
  loopCondition: Expr,
  loopStep: Expr,
  result: Expr,
): Expr {
  return node({
    case: 'comprehensionExpr',
    value: {
      $typeName: 'cel.expr.Expr.Comprehension',
      iterVar,
      iterVar2: '',
      iterRange,
      accuVar,
      accuInit,
      loopCondition,
      loopStep,
      result,
    },
  });
}

/** `e` evaluated with `name` bound to `value` (cel.bind's expansion). */
function bind(name: string, value: Expr, e: Expr): Expr {
  return comprehension(
    '#unused',
    emptyList(),
    name,
    value,
    bool(false),
    ident(name),
    e,
  );
}

/** The map comprehension over `m`'s keys, folding `step(key, accu)` into `@result`. */
function foldMap(m: Expr, key: string, step: (accu: Expr) => Expr): Expr {
  const accu = ident('@result');
  return comprehension(
    key,
    m,
    '@result',
    mapOf(),
    bool(true),
    step(accu),
    ident('@result'),
  );
}

function expandCall(c: Extract<Kind, { case: 'callExpr' }>['value']): Kind {
  const { function: fn, target, args } = c;
  const v =
    args[0]?.exprKind.case === 'identExpr'
      ? args[0].exprKind.value.name
      : undefined;
  if (target && v && args.length === 2) {
    const body = args[1];
    switch (fn) {
      case 'with':
        return bind(v, target, body).exprKind;
      case 'filterKeys':
      case 'removeKeys':
        return foldMap(target, v, accu => {
          const entry = mapOf([ident(v), call('_[_]', [target, ident(v)])]);
          const add = call('merge', [entry], accu);
          return fn === 'filterKeys'
            ? call('_?_:_', [body, add, accu])
            : call('_?_:_', [body, accu, add]);
        }).exprKind;
      case 'mapValues':
        return foldMap(target, '@key', accu =>
          call(
            'merge',
            [
              mapOf([
                ident('@key'),
                bind(v, call('_[_]', [target, ident('@key')]), body),
              ]),
            ],
            accu,
          ),
        ).exprKind;
      default:
        break;
    }
  }
  // agentgateway accepts `has(variable)`: is the root variable present (e.g. `!has(response)` in log filters)
  if (
    fn === 'has' &&
    !target &&
    args.length === 1 &&
    args[0].exprKind.case === 'identExpr'
  )
    return call(PRESENT, args).exprKind;
  if (fn === 'default' && !target && args.length === 2) {
    const [a, fallback] = args;
    if (a.exprKind.case === 'selectExpr') {
      const present = node({
        case: 'selectExpr',
        value: { ...a.exprKind.value, testOnly: true },
      });
      return call('_?_:_', [present, a, fallback]).exprKind;
    }
    if (
      a.exprKind.case === 'callExpr' &&
      a.exprKind.value.function === '_[_]'
    ) {
      const [container, key] = a.exprKind.value.args;
      return call('_?_:_', [call('@in', [key, container]), a, fallback])
        .exprKind;
    }
    return a.exprKind;
  }
  return { case: 'callExpr', value: c };
}

/** A copy of `expr` with the agentgateway macros expanded (bottom-up, so macros may nest). */
export function expandMacros(expr: Expr | undefined): Expr {
  if (!expr) return node({ case: undefined });
  const k = expr.exprKind;
  switch (k.case) {
    case 'selectExpr':
      return {
        ...expr,
        exprKind: {
          case: k.case,
          value: { ...k.value, operand: expandMacros(k.value.operand) },
        },
      };
    case 'callExpr': {
      const value = {
        ...k.value,
        target: k.value.target ? expandMacros(k.value.target) : undefined,
        args: k.value.args.map(expandMacros),
      };
      return { ...expr, exprKind: expandCall(value) };
    }
    case 'listExpr':
      return {
        ...expr,
        exprKind: {
          case: k.case,
          value: { ...k.value, elements: k.value.elements.map(expandMacros) },
        },
      };
    case 'structExpr':
      return {
        ...expr,
        exprKind: {
          case: k.case,
          value: {
            ...k.value,
            entries: k.value.entries.map(e => ({
              ...e,
              keyKind:
                e.keyKind.case === 'mapKey'
                  ? {
                      case: 'mapKey' as const,
                      value: expandMacros(e.keyKind.value),
                    }
                  : e.keyKind,
              value: expandMacros(e.value),
            })),
          },
        },
      };
    case 'comprehensionExpr': {
      const c = k.value;
      return {
        ...expr,
        exprKind: {
          case: k.case,
          value: {
            ...c,
            iterRange: expandMacros(c.iterRange),
            accuInit: expandMacros(c.accuInit),
            loopCondition: expandMacros(c.loopCondition),
            loopStep: expandMacros(c.loopStep),
            result: expandMacros(c.result),
          },
        },
      };
    }
    default:
      return expr;
  }
}
