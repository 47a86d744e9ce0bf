/**
 * The CrdValidator's check of an AgentgatewayPolicy's CEL (./policyFields.ts): every expression must compile in
 * agentgateway's environment; each one that does not is a `FieldValueInvalid` cause naming its field.
 */
import type { ValidationCause } from '../validation/types';
import { quote } from '../validation/fieldPath';
import { checkPolicyExpression } from './check';
import { policyCelExpressions } from './policyFields';

export function isAgentgatewayPolicy(
  apiVersion: unknown,
  kind: unknown,
): boolean {
  return (
    typeof apiVersion === 'string' &&
    apiVersion.startsWith('agentgateway.dev/') &&
    kind === 'AgentgatewayPolicy'
  );
}

/** `oldPolicy` on update: expressions unchanged at the same field are not checked again (ratcheting). */
export function policyExpressionCauses(
  policy: Record<string, unknown>,
  oldPolicy?: Record<string, unknown>,
): ValidationCause[] {
  const causes: ValidationCause[] = [];
  const before = new Map(
    (oldPolicy ? policyCelExpressions(oldPolicy) : []).map(e => [
      e.field,
      e.expression,
    ]),
  );
  for (const { field, expression } of policyCelExpressions(policy)) {
    if (before.get(field) === expression) continue;
    const r = checkPolicyExpression(expression);
    if (!r.ok)
      causes.push({
        reason: 'FieldValueInvalid',
        field,
        message: `Invalid value: ${quote(
          expression,
        )}: not a valid agentgateway CEL expression: ${r.error}`,
      });
  }
  return causes;
}
