/**
 * Effective access (pure, no Kubernetes): which models / tools a key may call, given the authorization rules of
 * the policies attached to the route, its Gateway(s) and its backend(s), merged as agentgateway documents:
 * - every match expression is one rule with its policy's action;
 * - `Deny`: one matching rule denies; a Deny rule whose expression errors is skipped (fails OPEN, as upstream warns);
 * - `Require`: every rule must match; one that does not match or errors denies (fails closed);
 * - `Allow`: when at least one is configured, one must match (the expressions of one policy are OR'ed); errors
 *   count as no match.
 * A rule that reads a variable known only per request (`request.*`, `jwt.*`, `source.*`...) is unknown here; when
 * the decision hinges on it the candidate is `conditional` with `dependsOn`.
 * Models are evaluated with `llm.requestModel`; tools with `mcp.tool.name` and `mcp.tool.target`. `traffic` rules
 * apply to models and tools (every MCP call is an HTTP request through the route), `mcp` rules to tools only. For a
 * model `mcp` is absent, for a tool `llm` is: a rule reading them errors (Require / Allow fail closed) — as at the
 * gateway, where an MCP request has no `llm` context.
 */
import type { EffectiveAccessItem } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  ABSENT,
  PolicyActivation,
  PolicyEvaluation,
  UNKNOWN,
  evaluatePolicyExpression,
  partial,
} from './evaluate';

export type AuthorizationAction = 'Allow' | 'Require' | 'Deny';

export interface AuthorizationRuleSet {
  /** `<namespace>/<name>` of the AgentgatewayPolicy */
  policy: string;
  attachedTo: 'route' | 'gateway' | 'backend';
  /** `traffic.authorization` or `backend.mcp.authorization` */
  layer: 'traffic' | 'mcp';
  action: AuthorizationAction;
  matchExpressions: string[];
}

/** A tool offered by an MCP backend; `target` is the federated target (names `<target>_<tool>`) when known. */
export interface ToolCandidate {
  /** the name shown to the client (federated: `<target>_<tool>`) */
  name: string;
  /** the tool's own name at its target (`mcp.tool.name`); defaults to `name` */
  tool?: string;
  /** the target (`mcp.tool.target`); unknown when not given */
  target?: string;
}

export interface EffectiveAccessInput {
  rules: AuthorizationRuleSet[];
  /** the key's metadata (`apiKey.*`), e.g. `{ grant, consumer }`; absent: no key is known (unknown) */
  apiKey?: Record<string, unknown>;
  models?: string[];
  tools?: Array<string | ToolCandidate>;
  /** federated targets: a tool named `<target>_<tool>` with a listed target is split into both */
  federatedTargets?: string[];
}

export interface EffectiveAccessResult {
  models: EffectiveAccessItem[];
  tools: EffectiveAccessItem[];
}

interface Outcome {
  rule: string;
  action: AuthorizationAction;
  result: PolicyEvaluation;
}

function describe(o: Outcome): string {
  const r = o.result;
  if (r.kind === 'unknown')
    return `${o.rule} — depends on ${r.dependsOn.join(', ')}`;
  if (r.kind === 'error')
    return o.action === 'Deny'
      ? `${o.rule} — error (${r.error}); a Deny rule that errors fails open`
      : `${o.rule} — error (${r.error}); fails closed`;
  return `${o.rule} — ${r.value === true ? 'matches' : 'does not match'}`;
}

const is = (o: Outcome, value: boolean) =>
  o.result.kind === 'value' && o.result.value === value;
const unknown = (o: Outcome) => o.result.kind === 'unknown';
/** a non-boolean value is no match (and an error for the reader) */
function normalize(r: PolicyEvaluation): PolicyEvaluation {
  if (r.kind === 'value' && typeof r.value !== 'boolean')
    return {
      kind: 'error',
      error: `evaluated to ${JSON.stringify(r.value)}, not a boolean`,
    };
  return r;
}

function decide(name: string, outcomes: Outcome[]): EffectiveAccessItem {
  const deny = outcomes.filter(o => o.action === 'Deny');
  const require = outcomes.filter(o => o.action === 'Require');
  const allow = outcomes.filter(o => o.action === 'Allow');
  const failOpen = deny.filter(o => o.result.kind === 'error').map(describe);
  const denied = (because: Outcome[]): EffectiveAccessItem => ({
    name,
    decision: 'denied',
    because: [...because.map(describe), ...failOpen],
  });

  const denying = deny.filter(o => is(o, true));
  if (denying.length > 0) return denied(denying);
  const unmet = require.filter(o => is(o, false) || o.result.kind === 'error');
  if (unmet.length > 0) return denied(unmet);
  const allowing = allow.filter(o => is(o, true));
  if (allow.length > 0 && allowing.length === 0 && !allow.some(unknown))
    return {
      ...denied(allow),
      because: ['no Allow rule matches', ...allow.map(describe), ...failOpen],
    };

  const open = [
    ...deny.filter(unknown),
    ...require.filter(unknown),
    ...(allowing.length === 0 ? allow.filter(unknown) : []),
  ];
  if (open.length > 0) {
    const dependsOn = new Set<string>();
    for (const o of open)
      if (o.result.kind === 'unknown')
        o.result.dependsOn.forEach(d => dependsOn.add(d));
    return {
      name,
      decision: 'conditional',
      because: [...open.map(describe), ...failOpen],
      dependsOn: [...dependsOn].sort(),
    };
  }
  const met = [...require, ...allowing];
  return {
    name,
    decision: 'allowed',
    because:
      met.length > 0 || failOpen.length > 0
        ? [...met.map(describe), ...failOpen]
        : ['no authorization rule applies'],
  };
}

function evaluateCandidate(
  name: string,
  rules: AuthorizationRuleSet[],
  activation: PolicyActivation,
): EffectiveAccessItem {
  const outcomes: Outcome[] = rules.flatMap(set =>
    set.matchExpressions.map(expression => ({
      rule: `${set.action} ${set.policy} (${set.attachedTo}): ${expression}`,
      action: set.action,
      result: normalize(evaluatePolicyExpression(expression, activation)),
    })),
  );
  return decide(name, outcomes);
}

function toolCandidate(
  t: string | ToolCandidate,
  targets: readonly string[],
): ToolCandidate {
  if (typeof t !== 'string') return t;
  const target = targets.find(x => t.startsWith(`${x}_`));
  return target
    ? { name: t, tool: t.slice(target.length + 1), target }
    : { name: t };
}

/** Per model and per tool: allowed, denied or conditional, with the rules that decided. */
export function evaluateEffectiveAccess(
  input: EffectiveAccessInput,
): EffectiveAccessResult {
  const apiKey = input.apiKey ?? UNKNOWN;
  const traffic = input.rules.filter(r => r.layer === 'traffic');
  const models = (input.models ?? []).map(model =>
    evaluateCandidate(model, traffic, {
      apiKey,
      llm: partial({ requestModel: model }),
      mcp: ABSENT,
    }),
  );
  const tools = (input.tools ?? []).map(t => {
    const c = toolCandidate(t, input.federatedTargets ?? []);
    return evaluateCandidate(c.name, input.rules, {
      apiKey,
      llm: ABSENT,
      mcp: partial({
        tool: partial(
          c.target === undefined
            ? { name: c.tool ?? c.name }
            : { name: c.tool ?? c.name, target: c.target },
        ),
      }),
    });
  });
  return { models, tools };
}
