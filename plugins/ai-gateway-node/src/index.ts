/**
 * Node library of the AI Gateway plugin pair: the bundled agentgateway + Gateway API CRDs and the one CRD
 * schema / CEL validator shared by the backend and the local Kubernetes API server.
 *
 * @packageDocumentation
 */
export {
  loadBundledCrds,
  parseCrdYaml,
  crdKey,
  bundledCrdDirectory,
} from './crds';
export { createCrdValidator } from './validation/CrdValidator';
export { compileCel } from './validation/cel/compile';
export {
  crdCostCauses,
  PER_CALL_LIMIT,
  RUNTIME_COST_BUDGET,
  STATIC_ESTIMATED_COST_LIMIT,
  STATIC_ESTIMATED_CRD_COST_LIMIT,
} from './validation/cel/costLimits';
export { buildSchemaTree, collectRules } from './validation/schemaTree';
export type { RawRule, SchemaNode } from './validation/schemaTree';
export type {
  CrdValidator,
  CustomResourceDefinition,
  ValidateOptions,
  ValidationCause,
  ValidationResult,
} from './validation/types';
export {
  ABSENT,
  AGENTGATEWAY_CEL_VARIABLES,
  AGENTGATEWAY_ROOT_VARIABLES,
  POLICY_CEL_FIELD_PATTERNS,
  POLICY_CEL_FIELDS,
  UNKNOWN,
  authorizationRuleSets,
  celStringLiteral,
  checkPolicyExpression,
  evaluateEffectiveAccess,
  evaluatePolicyExpression,
  grantAuthorizationExpression,
  partial,
  policyCelExpressions,
} from './agentgatewayCel';
export type {
  AttachedPolicy,
  AuthorizationAction,
  AuthorizationRuleSet,
  CheckPolicyExpressionResult,
  EffectiveAccessInput,
  EffectiveAccessResult,
  ExtractedRuleSets,
  GrantExpressionInput,
  PolicyActivation,
  PolicyCelExpression,
  PolicyEvaluation,
  ToolCandidate,
} from './agentgatewayCel';
