/**
 * Compiling agentgateway policy expressions: parse (through the shared on-disk AST cache), expand agentgateway's
 * macros, and check that every free identifier is a root variable of agentgateway's CEL context and every function
 * is known to the environment. Compiled programs are cached per expression.
 */
import { CelResult, plan } from '@bufbuild/cel';
import { parseCached } from '../validation/cel/astCache';
import {
  AGENTGATEWAY_ROOT_VARIABLES,
  agentgatewayCelEnv,
  isKnownFunction,
} from './environment';
import { Expr, expandMacros } from './macros';

export type CheckPolicyExpressionResult =
  | {
      ok: true;
      /** attribute paths read, as far as they are static: `request.headers`, `jwt.sub`, `llm.requestModel` */
      variables: string[];
    }
  | { ok: false; error: string };

export type PolicyProgram = (bindings: Record<string, unknown>) => CelResult;

export type CompiledPolicyExpression =
  | {
      ok: true;
      variables: string[];
      roots: string[];
      program: PolicyProgram;
      /** expression id → `a.b.c` of every field selection on a variable (to name a missing field) */
      selects: ReadonlyMap<bigint, string>;
    }
  | { ok: false; error: string };

interface Refs {
  paths: Set<string>;
  selects: Map<bigint, string>;
  unknownVariables: Set<string>;
  unknownFunctions: Set<string>;
}

/** `a.b.c` as `['a','b','c']` when `e` is an identifier followed by field selections only. */
function selectChain(e: Expr | undefined): string[] | undefined {
  const k = e?.exprKind;
  if (k?.case === 'identExpr') return [k.value.name];
  if (k?.case === 'selectExpr') {
    const head = selectChain(k.value.operand);
    return head ? [...head, k.value.field] : undefined;
  }
  return undefined;
}

function readVariable(chain: string[], refs: Refs): void {
  if (AGENTGATEWAY_ROOT_VARIABLES.has(chain[0]))
    refs.paths.add(chain.join('.'));
  else refs.unknownVariables.add(chain[0]);
}

function walk(e: Expr | undefined, scope: ReadonlySet<string>, refs: Refs) {
  const k = e?.exprKind;
  if (!k) return;
  switch (k.case) {
    case 'identExpr':
    case 'selectExpr': {
      const chain = selectChain(e);
      if (chain && !scope.has(chain[0])) {
        readVariable(chain, refs);
        let s: Expr | undefined = e;
        for (let n = chain.length; s?.exprKind.case === 'selectExpr'; n--) {
          refs.selects.set(s.id, chain.slice(0, n).join('.'));
          s = s.exprKind.value.operand;
        }
      } else if (k.case === 'selectExpr') walk(k.value.operand, scope, refs);
      break;
    }
    case 'callExpr': {
      const { target, args } = k.value;
      const chain = selectChain(target);
      const qualified = chain && `${chain.join('.')}.${k.value.function}`;
      const isQualified =
        chain !== undefined &&
        !scope.has(chain[0]) &&
        !AGENTGATEWAY_ROOT_VARIABLES.has(chain[0]) &&
        isKnownFunction(qualified!);
      if (!isQualified) {
        if (!isKnownFunction(k.value.function))
          refs.unknownFunctions.add(k.value.function);
        walk(target, scope, refs);
      }
      for (const a of args) walk(a, scope, refs);
      break;
    }
    case 'listExpr':
      for (const x of k.value.elements) walk(x, scope, refs);
      break;
    case 'structExpr':
      for (const x of k.value.entries) {
        if (x.keyKind.case === 'mapKey') walk(x.keyKind.value, scope, refs);
        walk(x.value, scope, refs);
      }
      break;
    case 'comprehensionExpr': {
      const c = k.value;
      walk(c.iterRange, scope, refs);
      walk(c.accuInit, scope, refs);
      const inner = new Set([...scope, c.iterVar, c.accuVar]);
      for (const x of [c.loopCondition, c.loopStep, c.result])
        walk(x, inner, refs);
      break;
    }
    default:
      break;
  }
}

const MAX_CACHED = 10_000;
const cache = new Map<string, CompiledPolicyExpression>();

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function compileUncached(expression: string): CompiledPolicyExpression {
  if (typeof expression !== 'string')
    return { ok: false, error: 'the expression must be a string' };
  if (expression.trim() === '') return { ok: false, error: 'empty expression' };
  let expr: Expr;
  try {
    expr = expandMacros(parseCached(expression).expr);
  } catch (e: unknown) {
    return { ok: false, error: `syntax error: ${message(e)}` };
  }
  const refs: Refs = {
    paths: new Set(),
    selects: new Map(),
    unknownVariables: new Set(),
    unknownFunctions: new Set(),
  };
  walk(expr, new Set(), refs);
  const problems: string[] = [];
  if (refs.unknownVariables.size > 0)
    problems.push(
      `undeclared reference to variable(s) ${[...refs.unknownVariables].join(
        ', ',
      )} (agentgateway knows ${[...AGENTGATEWAY_ROOT_VARIABLES].join(', ')})`,
    );
  if (refs.unknownFunctions.size > 0)
    problems.push(
      `undeclared reference to function(s) ${[...refs.unknownFunctions].join(
        ', ',
      )}`,
    );
  if (problems.length > 0) return { ok: false, error: problems.join('; ') };
  try {
    const program = plan(agentgatewayCelEnv, expr) as PolicyProgram;
    const variables = [...refs.paths].sort();
    const roots = [...new Set(variables.map(p => p.split('.')[0]))];
    return { ok: true, variables, roots, program, selects: refs.selects };
  } catch (e: unknown) {
    return { ok: false, error: message(e) };
  }
}

/** Compiles an agentgateway policy expression once (cached). Never throws. */
export function compilePolicyExpression(
  expression: string,
): CompiledPolicyExpression {
  let hit = cache.get(expression);
  if (!hit) {
    hit = compileUncached(expression);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(expression, hit);
  }
  return hit;
}

/**
 * Checks an agentgateway policy expression: it parses, every variable is a root of agentgateway's CEL context
 * (`request`, `jwt`, `apiKey`, `llm`, `mcp`, ...) and every function is known. Never throws.
 */
export function checkPolicyExpression(
  expression: string,
): CheckPolicyExpressionResult {
  const c = compilePolicyExpression(expression);
  return c.ok
    ? { ok: true, variables: c.variables }
    : { ok: false, error: c.error };
}
