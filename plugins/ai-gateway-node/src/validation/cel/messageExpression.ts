/**
 * A failed rule's message, as kube-apiserver v1.32 builds it (apiextensions schema/cel/validation.go,
 * evalMessageExpression / ruleMessageOrDefault): a `messageExpression` is evaluated with its own cost, charged to the
 * object's RuntimeCELCostBudget and bounded by PerCallLimit like a rule. Passing either stops all further rules with
 * an error at the rule's field; any other failure (an evaluation error, not a string, empty, a line break, longer than
 * 5 KiB) falls back to `message` — and still spends what the evaluation cost.
 */
import type { CelValue } from '@bufbuild/cel';
import type { RawRule } from '../schemaTree';
import { compileCel } from './compile';
import { PER_CALL_LIMIT, ValueSizer, expressionCost } from './costLimits';

/** celconfig.MaxEvaluatedMessageExpressionSizeBytes */
export const MAX_MESSAGE_EXPRESSION_BYTES = 5 * 1024;

/** What is charged for one evaluation costing `cost`: cel-go stops right after passing the per-call limit. */
export const chargedCost = (cost: number): number =>
  Math.min(cost, PER_CALL_LIMIT + 1);

/** ruleErrorString: the trimmed message when one is set, else the trimmed rule. */
export const ruleErrorString = (rule: RawRule): string =>
  rule.message ? rule.message.trim() : rule.rule.trim();

/** ruleMessageOrDefault */
export const ruleMessageOrDefault = (rule: RawRule): string =>
  rule.message ? rule.message.trim() : `failed rule: ${ruleErrorString(rule)}`;

export type MessageResult =
  /** the detail to report (the evaluated message or the fallback) and the budget left */
  | { ok: true; detail: string; remaining: number }
  /** the detail of an Invalid error at the rule's field; no further rule runs */
  | { ok: false; error: string };

/** Go's %q for the expression text in the per-call error. */
const goQuote = (s: string): string => JSON.stringify(s);

export function evaluateMessage(
  rule: RawRule,
  self: CelValue | undefined,
  oldSelf: CelValue | undefined,
  value: unknown,
  old: unknown,
  bindOldSelf: boolean,
  remaining: number,
): MessageResult {
  const fallback = (left: number): MessageResult => ({
    ok: true,
    detail: ruleMessageOrDefault(rule),
    remaining: left,
  });
  const source = rule.messageExpression;
  if (!source) return fallback(remaining);
  const compiled = compileCel(source);
  // a messageExpression that does not compile is refused when the CRD is written; the message stands in for it
  if (!compiled.ok) return fallback(remaining);
  const cost = expressionCost(source, new ValueSizer(value, old)) ?? 0;
  const charged = chargedCost(cost);
  if (charged > remaining)
    return {
      ok: false,
      error:
        'messageExpression evaluation failed due to running out of cost budget, no further validation rules will be run',
    };
  if (cost > PER_CALL_LIMIT)
    return {
      ok: false,
      error: `no further validation rules will be run due to call cost exceeds limit for messageExpression: ${goQuote(
        source,
      )}`,
    };
  const left = remaining - charged;
  const bindings: Record<string, unknown> = { self };
  if (bindOldSelf || compiled.usesOldSelf) bindings.oldSelf = oldSelf;
  let result: unknown;
  try {
    result = compiled.program(bindings);
  } catch {
    return fallback(left);
  }
  if (typeof result !== 'string') return fallback(left);
  const trimmed = result.trim();
  if (
    trimmed === '' ||
    trimmed.includes('\n') ||
    Buffer.byteLength(trimmed, 'utf8') > MAX_MESSAGE_EXPRESSION_BYTES
  )
    return fallback(left);
  return { ok: true, detail: trimmed, remaining: left };
}
