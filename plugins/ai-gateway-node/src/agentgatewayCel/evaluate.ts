/**
 * Evaluating an agentgateway policy expression against the variables that are known outside a request (e.g. the
 * `apiKey` metadata of a grant and the `llm.requestModel` / `mcp.tool.name` being asked about).
 *
 * A root variable that the activation does not give is bound to a marker error. CEL's logical operators absorb
 * errors when the other side decides (`x && false` is `false`, `x || true` is `true`), so the result is a value
 * when it does not depend on the missing variables, and otherwise the marker error: the answer is then `unknown`,
 * naming the attribute paths of the missing variables the expression reads (`request.headers`, `jwt.sub`).
 */
import { CelInput, celError, celList, celMap, isCelError } from '@bufbuild/cel';
import { compilePolicyExpression } from './check';
import { celToJs, jsonToCel } from './functions';

export type PolicyEvaluation =
  | { kind: 'value'; value: unknown }
  | { kind: 'unknown'; dependsOn: string[] }
  | { kind: 'error'; error: string };

/**
 * Values of root variables (`apiKey`, `llm`, `mcp`, `request`...) as plain JSON-like objects. A root that is not
 * given is unknown; so is a nested value set to `UNKNOWN` (`{ mcp: { tool: { name: 'x', target: UNKNOWN } } }`)
 * and any field missing from an object marked with `partial()`.
 */
export type PolicyActivation = Readonly<Record<string, unknown>>;

/** Marks an activation value as absent: a root variable that does not exist for this request (e.g. `llm` on an MCP call). */
export const ABSENT: unique symbol = Symbol('agentgateway CEL absent value');

/** Marks an activation value as unknown (known only per request). */
export const UNKNOWN: unique symbol = Symbol('agentgateway CEL unknown value');

const MARKER = '@@agentgateway-unknown:';
const MARKER_RE = /@@agentgateway-unknown:(\S+)/g;
const MISSING_FIELD = /^(field not found|no such key)/;

const partialObjects = new WeakSet<object>();

/**
 * Marks an activation object as partly known: fields it does not have are unknown rather than absent, e.g.
 * `partial({ requestModel: 'gpt-4o' })` for `llm` when only the model is known. (`has()` on such a field is false.)
 */
export function partial<T extends object>(known: T): T {
  partialObjects.add(known);
  return known;
}

interface Conversion {
  /** paths of the objects whose missing fields are unknown */
  partialPaths: Set<string>;
}

/** Activation value → CEL input (objects → maps, integers → int); records the partial objects' paths. */
function toCelInput(value: unknown, path: string, c: Conversion): CelInput {
  if (Array.isArray(value))
    return celList(value.map((v, i) => toCelInput(v, `${path}[${i}]`, c)));
  if (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Uint8Array)
  ) {
    if (partialObjects.has(value)) c.partialPaths.add(path);
    const out = new Map<string, CelInput>();
    for (const [k, v] of Object.entries(value)) {
      if (v === UNKNOWN) c.partialPaths.add(path);
      else if (v !== undefined && v !== ABSENT)
        out.set(k, toCelInput(v, `${path}.${k}`, c));
    }
    return celMap(out);
  }
  return jsonToCel(value);
}

/** The unknown paths behind an error: marker errors (unknown roots) and missing fields of partial objects. */
function unknownPaths(
  e: unknown,
  selects: ReadonlyMap<bigint, string>,
  c: Conversion,
  out: Set<string>,
  depth = 0,
): void {
  if (depth > 20 || e === null || typeof e !== 'object') return;
  if (Array.isArray(e)) {
    for (const x of e) unknownPaths(x, selects, c, out, depth + 1);
    return;
  }
  if (!(e instanceof Error)) return;
  for (const m of e.message.matchAll(MARKER_RE)) out.add(m[1]);
  const id = isCelError(e) ? e.exprId : undefined;
  const selected = id === undefined ? undefined : selects.get(id);
  if (selected && MISSING_FIELD.test(e.message)) {
    const parent = selected.slice(0, selected.lastIndexOf('.'));
    if (c.partialPaths.has(parent)) out.add(selected);
  }
  unknownPaths((e as { cause?: unknown }).cause, selects, c, out, depth + 1);
}

/** The attribute paths read by the expression that the unknown `paths` cover (most specific ones). */
function dependsOn(variables: string[], paths: Set<string>): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const read = variables.filter(v => v === p || v.startsWith(`${p}.`));
    for (const v of read.length > 0 ? read : [p]) out.add(v);
  }
  const all = [...out];
  return all.filter(p => !all.some(q => q.startsWith(`${p}.`))).sort();
}

export function evaluatePolicyExpression(
  expression: string,
  activation: PolicyActivation,
): PolicyEvaluation {
  const compiled = compilePolicyExpression(expression);
  if (!compiled.ok) return { kind: 'error', error: compiled.error };
  const bindings: Record<string, unknown> = {};
  const conversion: Conversion = { partialPaths: new Set() };
  try {
    for (const root of compiled.roots) {
      const given = Object.prototype.hasOwnProperty.call(activation, root)
        ? activation[root]
        : undefined;
      if (given === ABSENT)
        bindings[root] = celError(`no such attribute: ${root} is not present`);
      else
        bindings[root] =
          given === undefined || given === UNKNOWN
            ? celError(`${MARKER}${root}`)
            : toCelInput(given, root, conversion);
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
    const paths = new Set<string>();
    unknownPaths(result, compiled.selects, conversion, paths);
    if (paths.size > 0)
      return {
        kind: 'unknown',
        dependsOn: dependsOn(compiled.variables, paths),
      };
    return { kind: 'error', error: (result as Error).message };
  }
  return { kind: 'value', value: celToJs(result) };
}
