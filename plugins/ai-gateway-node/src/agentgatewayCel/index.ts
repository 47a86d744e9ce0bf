/** agentgateway's CEL: checking, evaluating and generating policy expressions, and the effective-access evaluator. */
export { checkPolicyExpression } from './check';
export type { CheckPolicyExpressionResult } from './check';
export {
  AGENTGATEWAY_CEL_VARIABLES,
  AGENTGATEWAY_ROOT_VARIABLES,
} from './environment';
export { celStringLiteral, grantAuthorizationExpression } from './grants';
export type { GrantExpressionInput } from './grants';
export { ABSENT, UNKNOWN, evaluatePolicyExpression, partial } from './evaluate';
export type { PolicyActivation, PolicyEvaluation } from './evaluate';
export { evaluateEffectiveAccess } from './effectiveAccess';
export type {
  AuthorizationAction,
  AuthorizationRuleSet,
  EffectiveAccessInput,
  EffectiveAccessResult,
  ToolCandidate,
} from './effectiveAccess';
export { authorizationRuleSets } from './authorizationRules';
export type { AttachedPolicy, ExtractedRuleSets } from './authorizationRules';
export {
  POLICY_CEL_FIELD_PATTERNS,
  POLICY_CEL_FIELDS,
  policyCelExpressions,
} from './policyFields';
export type { PolicyCelExpression } from './policyFields';
