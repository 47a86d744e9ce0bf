/** agentgateway's CEL: checking, evaluating and generating policy expressions, and the effective-access evaluator. */
export { checkPolicyExpression, compilePolicyExpression } from './check';
export type {
  CheckPolicyExpressionResult,
  CompiledPolicyExpression,
} from './check';
export {
  AGENTGATEWAY_CEL_VARIABLES,
  AGENTGATEWAY_ROOT_VARIABLES,
} from './environment';
export { celStringLiteral, grantAuthorizationExpression } from './grants';
export type { GrantExpressionInput } from './grants';
export { evaluatePolicyExpression } from './evaluate';
export type { PolicyActivation, PolicyEvaluation } from './evaluate';
