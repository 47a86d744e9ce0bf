/**
 * Evaluating an agentgateway policy expression against the variables that are known outside a request (e.g. the
 * `apiKey` metadata of a grant and the `llm.requestModel` / `mcp.tool.name` being asked about).
 *
 * A root variable that the activation does not give is bound to a marker error. CEL's logical operators absorb
 * errors when the other side decides (`x && false` is `false`, `x || true` is `true`), so the result is a value
 * when it does not depend on the missing variables, and otherwise the marker error: the answer is then `unknown`,
 * naming the attribute paths of the missing variables the expression reads (`request.headers`, `jwt.sub`).
 */
import { celError, isCelError } from '@bufbuild/cel';
import { compilePolicyExpression } from './check';
import { celToJs, jsonToCel } from './functions';

export type PolicyEvaluation =
  | { kind: 'value'; value: unknown }
  | { kind: 'unknown'; dependsOn: string[] }
  | { kind: 'error'; error: string };

/** Values of root variables (`apiKey`, `llm`, `mcp`, `request`...) as plain JSON-like objects. */
export type PolicyActivation = Readonly<Record<string, unknown>>;

const MARKER = '\u0000unknown:';

/** The root variables behind the marker errors in `e` (merged errors keep the others in `cause`). */
function unknownRoots(e: unknown, out: Set<string>, depth = 0): void {
  if (depth > 20 || e === null || typeof e !== 'object') return;
  if (Array.isArray(e)) {
    for (const x of e) unknownRoots(x, out, depth + 1);
    return;
  }
  if (e instanceof Error) {
    if (e.message.startsWith(MARKER)) out.add(e.message.slice(MARKER.length));
    unknownRoots((e as Error & { cause?: unknown }).cause, out, depth + 1);
  }
}

export function evaluatePolicyExpression(
  expression: string,
  activation: PolicyActivation,
): PolicyEvaluation {
  const compiled = compilePolicyExpression(expression);
  if (!compiled.ok) return { kind: 'error', error: compiled.error };
  const bindings: Record<string, unknown> = {};
  try {
    for (const root of compiled.roots) {
      const given = Object.prototype.hasOwnProperty.call(activation, root)
        ? activation[root]
        : undefined;
      bindings[root] =
        given === undefined ? celError(`${MARKER}${root}`) : jsonToCel(given);
    }
  } catch (e: unknown) {
    return { kind: 'error', error: `activation: ${(e as Error).message}` };
  }
  let result: unknown;
  try {
    result = compiled.program(bindings);
  } catch (e: unknown) {
    result = e instanceof Error ? e : new Error(String(e));
  }
  if (isCelError(result) || result instanceof Error) {
    const roots = new Set<string>();
    unknownRoots(result, roots);
    if (roots.size > 0) {
      const dependsOn = compiled.variables.filter(p =>
        roots.has(p.split('.')[0]),
      );
      return { kind: 'unknown', dependsOn };
    }
    return { kind: 'error', error: (result as Error).message };
  }
  return { kind: 'value', value: celToJs(result) };
}
