/** Every CEL expression and every authorization example of the curated upstream manifests. */
import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AttachedPolicy, authorizationRuleSets } from './authorizationRules';
import { checkPolicyExpression } from './check';
import { evaluateEffectiveAccess } from './effectiveAccess';
import { policyCelExpressions } from './policyFields';

/** a curated AgentgatewayPolicy, with the parts of its spec this test reads */
type PolicyDoc = KubeObject<{ targetRefs: Array<{ kind: string }> }, unknown>;

const dir = path.join(__dirname, '..', '__fixtures__', 'curated');
const policies = fs
  .readdirSync(dir)
  .filter(f => f.endsWith('.yaml'))
  .sort()
  .flatMap(f =>
    parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(d =>
      d.toJS(),
    ),
  )
  .filter(o => o?.kind === 'AgentgatewayPolicy') as PolicyDoc[];

const byName = (name: string) => policies.find(p => p.metadata.name === name)!;
const KINDS: Record<string, AttachedPolicy['attachedTo']> = {
  HTTPRoute: 'route',
  Gateway: 'gateway',
  AgentgatewayBackend: 'backend',
};
const attached = (...names: string[]): AttachedPolicy[] =>
  names.map(n => ({
    policy: byName(n),
    attachedTo: KINDS[byName(n).spec!.targetRefs[0].kind],
  }));

const models = ['gemini-2.5-flash', 'gpt-4o'];
const tools = ['get_me', 'list_issues'];
const apiKey = { grant: 'g1', consumer: 'component:default/agent' };
const access = (...names: string[]) => {
  const { ruleSets, skipped } = authorizationRuleSets(attached(...names));
  expect(skipped).toEqual([]);
  return evaluateEffectiveAccess({ rules: ruleSets, apiKey, models, tools });
};
const summary = (
  items: Array<{ name: string; decision: string; dependsOn?: string[] }>,
) => items.map(i => [i.name, i.decision, i.dependsOn ?? []]);

describe('curated upstream examples', () => {
  const expressions = policies.flatMap(p =>
    policyCelExpressions(p).map(e => ({ ...e, policy: p.metadata.name })),
  );

  it('carry CEL in authorization, rate-limit descriptors and metrics labels', () => {
    const fields = expressions.map(e => e.field.replace(/\[\d+\]/g, '[*]'));
    expect(fields).toEqual(
      expect.arrayContaining([
        'spec.traffic.authorization.policy.matchExpressions[*]',
        'spec.backend.mcp.authorization.policy.matchExpressions[*]',
        'spec.traffic.rateLimit.global.descriptors[*].entries[*].expression',
        'spec.traffic.rateLimit.global.descriptors[*].cost',
        'spec.frontend.metrics.attributes.add[*].expression',
      ]),
    );
    expect(expressions.length).toBeGreaterThanOrEqual(12);
  });

  it.each(expressions.map(e => [`${e.policy} ${e.field}`, e.expression]))(
    '%s compiles',
    (_n, expression) => {
      expect(checkPolicyExpression(expression)).toEqual({
        ok: true,
        variables: expect.any(Array),
      });
    },
  );

  it('extracts the authorization rule sets', () => {
    const { ruleSets } = authorizationRuleSets(
      attached(
        'authz-guide',
        'authz-require',
        'authz-deny',
        'rbac-policy',
        'jwt-rbac',
      ),
    );
    expect(
      ruleSets.map(r => [r.policy, r.attachedTo, r.layer, r.action]),
    ).toEqual([
      ['agentgateway-system/authz-guide', 'gateway', 'traffic', 'Allow'],
      ['agentgateway-system/authz-require', 'gateway', 'traffic', 'Require'],
      ['agentgateway-system/authz-deny', 'gateway', 'traffic', 'Deny'],
      ['agentgateway-system/rbac-policy', 'route', 'traffic', 'Allow'],
      ['agentgateway-system/jwt-rbac', 'backend', 'mcp', 'Allow'],
    ]);
  });

  it("Allow jwt.sub == 'alice' (Gateway): every model and tool depends on the JWT", () => {
    const r = access('authz-guide');
    expect(summary([...r.models, ...r.tools])).toEqual(
      [...models, ...tools].map(n => [n, 'conditional', ['jwt.sub']]),
    );
  });

  it('Require x-internal header: conditional on request.headers', () => {
    const r = access('authz-require');
    expect(summary(r.models)).toEqual(
      models.map(n => [n, 'conditional', ['request.headers']]),
    );
    expect(r.models[0].because[0]).toContain(
      "Require agentgateway-system/authz-require (gateway): request.headers['x-internal'] == 'true'",
    );
  });

  it('Deny /admin paths: conditional on request.path', () => {
    expect(summary(access('authz-deny').tools)).toEqual(
      tools.map(n => [n, 'conditional', ['request.path']]),
    );
  });

  it('LLM RBAC on the x-llm header: conditional on request.headers', () => {
    expect(summary(access('rbac-policy').models)).toEqual(
      models.map(n => [n, 'conditional', ['request.headers']]),
    );
  });

  it('MCP tool RBAC: get_me conditional on jwt.sub, other tools denied, models unaffected', () => {
    const r = access('jwt-rbac');
    expect(summary(r.tools)).toEqual([
      ['get_me', 'conditional', ['jwt.sub']],
      ['list_issues', 'denied', []],
    ]);
    expect(r.tools[1].because[0]).toBe('no Allow rule matches');
    expect(summary(r.models)).toEqual(models.map(n => [n, 'allowed', []]));
  });

  it('all of them merged', () => {
    const r = access(
      'authz-guide',
      'authz-require',
      'authz-deny',
      'rbac-policy',
      'jwt-rbac',
    );
    expect(summary(r.models)).toEqual(
      models.map(n => [
        n,
        'conditional',
        ['jwt.sub', 'request.headers', 'request.path'],
      ]),
    );
    expect(summary(r.tools)).toEqual([
      ['get_me', 'conditional', ['jwt.sub', 'request.headers', 'request.path']],
      [
        'list_issues',
        'conditional',
        ['jwt.sub', 'request.headers', 'request.path'],
      ],
    ]);
  });
});
