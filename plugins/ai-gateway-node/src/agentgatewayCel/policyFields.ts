/**
 * Where an AgentgatewayPolicy (agentgateway.dev/v1alpha1) carries CEL — the one table of those fields, read from
 * the CRD's field descriptions ("A Common Expression Language (CEL) expression", "CEL expression that ...";
 * `policyFields.test.ts` checks the table against the bundled CRD) plus the transformation `body`, which
 * agentgateway's transformation docs define as CEL.
 *
 * Notation: `[*]` every list item, `.*` every map value, `{a,b}` alternatives. `conditional[*].policy` repeats its
 * parent's fields. Fields marked "duration or CEL" are checked only when they are not a plain duration (`5m`).
 */

/** CEL fields of an extAuth block (traffic, its conditional policies, backend). */
const EXT_AUTH = [
  'cache.key[*]',
  'cache.ttl',
  'grpc.requestMetadata.*',
  'http.{addRequestHeaders.*,body,path,redirect,responseMetadata.*}',
];
const EXT_PROC = [
  'metadataContext.*.*',
  '{requestAttributes,responseAttributes}.*',
];
const TRANSFORMATION = [
  '{request,response}.{add[*].value,set[*].value,body,metadata.*}',
];
const DIRECT_RESPONSE = ['bodyExpression', 'headers[*].value'];
const RATE_LIMIT = [
  'global.descriptors[*].{entries[*].expression,cost,limitOverride}',
];
const AWS_ASSUME_ROLE =
  'auth.aws.assumeRole.{sessionNameExpression,tags[*].expression}';

/** A block with `conditional[*].{condition, policy}`: its fields, the condition and the conditional policy's fields. */
function withConditional(base: string, fields: string[]): string[] {
  return [
    ...fields.map(f => `${base}.${f}`),
    `${base}.conditional[*].condition`,
    ...fields.map(f => `${base}.conditional[*].policy.${f}`),
  ];
}

/** The CEL-bearing fields of AgentgatewayPolicy (patterns). */
export const POLICY_CEL_FIELD_PATTERNS: readonly string[] = [
  // authorization (evaluated by the effective-access evaluator)
  'spec.traffic.authorization.policy.matchExpressions[*]',
  'spec.backend.mcp.authorization.policy.matchExpressions[*]',
  'spec.frontend.networkAuthorization.policy.matchExpressions[*]',
  // traffic
  'spec.traffic.{apiKeyAuthentication,basicAuthentication,jwtAuthentication}.location.expression',
  'spec.traffic.delay.duration',
  'spec.traffic.retry.{condition,precondition}',
  ...withConditional('spec.traffic.directResponse', DIRECT_RESPONSE),
  ...withConditional('spec.traffic.extAuth', EXT_AUTH),
  ...withConditional('spec.traffic.extProc', EXT_PROC),
  ...withConditional('spec.traffic.rateLimit', RATE_LIMIT),
  ...withConditional('spec.traffic.transformation', TRANSFORMATION),
  // backend
  'spec.backend.ai.{transformations,finalTransformations}[*].expression',
  `spec.backend.ai.promptGuard.{request,response}[*].bedrockGuardrails.policies.${AWS_ASSUME_ROLE}`,
  'spec.backend.ai.promptGuard.{request,response}[*].webhook.headers.*',
  `spec.backend.${AWS_ASSUME_ROLE}`,
  'spec.backend.auth.crossAppAccess.subjectToken.source.expression',
  'spec.backend.auth.oauthTokenExchange.{actorToken,subjectToken}.source.expression',
  'spec.backend.auth.oauthTokenExchange.additionalParams.*',
  ...EXT_AUTH.map(f => `spec.backend.extAuth.${f}`),
  'spec.backend.health.unhealthyCondition',
  'spec.backend.mcp.guardrails.processors[*].remote.metadata.*',
  ...TRANSFORMATION.map(f => `spec.backend.transformation.${f}`),
  // frontend (telemetry)
  'spec.frontend.accessLog.{filter,otlp.filter,attributes.add[*].expression,otlp.attributes.add[*].expression}',
  'spec.frontend.metrics.attributes.add[*].expression',
  'spec.frontend.tracing.{clientSampling,filter,randomSampling,attributes.add[*].expression,resources[*].expression}',
];

/** Fields whose value is a duration string or a CEL expression. */
const DURATION_OR_CEL = /\.(delay\.duration|cache\.ttl)$/;
const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

/** `a.{b,c}.d` → `a.b.d`, `a.c.d` (nested alternatives allowed). */
export function expandAlternatives(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  let depth = 0;
  const parts: string[] = [];
  let start = open + 1;
  for (let i = open; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) {
      parts.push(pattern.slice(start, i));
      const [head, tail] = [pattern.slice(0, open), pattern.slice(i + 1)];
      return parts.flatMap(p => expandAlternatives(`${head}${p}${tail}`));
    } else if (ch === ',' && depth === 1) {
      parts.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  throw new Error(`unbalanced braces in ${pattern}`);
}

/** Every CEL field path of AgentgatewayPolicy, expanded (`spec.traffic.retry.condition`, `...matchExpressions[*]`). */
export const POLICY_CEL_FIELDS: readonly string[] =
  POLICY_CEL_FIELD_PATTERNS.flatMap(expandAlternatives);

type Step = { field: string } | { items: true } | { values: true };

function steps(path: string): Step[] {
  return path.split('.').flatMap((part): Step[] => {
    if (part === '*') return [{ values: true }];
    const list = part.endsWith('[*]');
    const name = list ? part.slice(0, -3) : part;
    return list ? [{ field: name }, { items: true }] : [{ field: name }];
  });
}

const COMPILED = POLICY_CEL_FIELDS.map(p => ({
  steps: steps(p),
  durationOrCel: DURATION_OR_CEL.test(p),
}));

export interface PolicyCelExpression {
  /** Kubernetes field path: `spec.traffic.authorization.policy.matchExpressions[0]`, `spec.x.metadata[key]` */
  field: string;
  expression: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function collect(
  value: unknown,
  rest: Step[],
  path: string,
  out: PolicyCelExpression[],
): void {
  if (value === undefined || value === null) return;
  if (rest.length === 0) {
    if (typeof value === 'string') out.push({ field: path, expression: value });
    return;
  }
  const [step, ...tail] = rest;
  if ('field' in step) {
    if (isObject(value))
      collect(
        value[step.field],
        tail,
        path ? `${path}.${step.field}` : step.field,
        out,
      );
  } else if ('items' in step) {
    if (Array.isArray(value))
      value.forEach((v, i) => collect(v, tail, `${path}[${i}]`, out));
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value))
      collect(v, tail, `${path}[${k}]`, out);
  }
}

/** The CEL expressions of an AgentgatewayPolicy object with their field paths (plain durations left out). */
export function policyCelExpressions(
  policy: Record<string, unknown>,
): PolicyCelExpression[] {
  const out: PolicyCelExpression[] = [];
  for (const c of COMPILED) {
    const found: PolicyCelExpression[] = [];
    collect(policy, c.steps, '', found);
    for (const f of found)
      if (!(c.durationOrCel && GO_DURATION.test(f.expression.trim())))
        out.push(f);
  }
  return out;
}
