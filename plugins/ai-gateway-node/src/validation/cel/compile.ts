/**
 * Compiling `x-kubernetes-validations` rules with `@bufbuild/cel`: one environment (standard library + strings
 * extension + the Kubernetes libraries), a cache per expression, and a static check that every function a rule
 * calls is bound (so an unsupported function is reported at compile time, not silently at run time).
 */
import { CelEnv, CelResult, celEnv, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { RE2JS } from '@bufbuild/re2';
import { kubernetesLibrary } from './library';
import { parseCached } from './astCache';

/** `matches()` with RE2 semantics (as Kubernetes), each pattern compiled once instead of on every call. */
const regexCache = new Map<string, { test(text: string): boolean }>();
export const cachedRe2 = {
  compile(pattern: string) {
    let re = regexCache.get(pattern);
    if (!re) {
      const compiled = RE2JS.compile(pattern);
      re = { test: (text: string) => compiled.test(text) };
      regexCache.set(pattern, re);
    }
    return re;
  },
};

export const celEnvironment: CelEnv = celEnv({
  funcs: [...strings, ...kubernetesLibrary],
  re2: cachedRe2,
});

export type CelProgram = (bindings: Record<string, unknown>) => CelResult;

export type Compiled =
  | { ok: true; program: CelProgram; usesOldSelf: boolean }
  | { ok: false; error: string };

const cache = new Map<string, Compiled>();

/** A node of a parsed expression (the parser's protobuf `Expr`). */
type Expr = NonNullable<ReturnType<typeof parse>['expr']>;

/** Calls the planner evaluates itself (no function binding needed). */
const SPECIAL_FORMS = new Set([
  '_[_]',
  '_[?_]',
  '_?._',
  '_?_:_',
  '_&&_',
  '_||_',
  '@not_strictly_false',
  '__not_strictly_false__',
]);

/** Names of the functions and variables an expression refers to. */
function references(
  expr: Expr | undefined,
  calls: Set<string>,
  idents: Set<string>,
): void {
  if (!expr?.exprKind) return;
  const { case: kind, value } = expr.exprKind;
  switch (kind) {
    case 'identExpr':
      idents.add(value.name);
      break;
    case 'selectExpr':
      references(value.operand, calls, idents);
      break;
    case 'callExpr':
      calls.add(value.function);
      references(value.target, calls, idents);
      for (const a of value.args) references(a, calls, idents);
      break;
    case 'listExpr':
      for (const e of value.elements) references(e, calls, idents);
      break;
    case 'structExpr':
      for (const e of value.entries) {
        if (e.keyKind?.case === 'mapKey')
          references(e.keyKind.value, calls, idents);
        references(e.value, calls, idents);
      }
      break;
    case 'comprehensionExpr':
      for (const part of [
        'iterRange',
        'accuInit',
        'loopCondition',
        'loopStep',
        'result',
      ] as const) {
        references(value[part], calls, idents);
      }
      break;
    default:
      break;
  }
}

/** Compiles an expression once (cached). Never throws: failures come back as `{ ok: false, error }`. */
export function compileCel(expression: string): Compiled {
  let hit = cache.get(expression);
  if (!hit) {
    hit = compileUncached(expression);
    cache.set(expression, hit);
  }
  return hit;
}

function compileUncached(expression: string): Compiled {
  try {
    const parsed = parseCached(expression);
    const calls = new Set<string>();
    const idents = new Set<string>();
    references(parsed.expr, calls, idents);
    const unbound = [...calls].filter(
      name => !SPECIAL_FORMS.has(name) && !celEnvironment.funcs.find(name),
    );
    if (unbound.length > 0)
      return {
        ok: false,
        error: `undeclared reference to function(s) ${unbound.join(', ')}`,
      };
    const program = plan(celEnvironment, parsed) as CelProgram;
    return { ok: true, program, usesOldSelf: idents.has('oldSelf') };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
