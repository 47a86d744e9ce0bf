import {
  AuthorizationRuleSet,
  evaluateEffectiveAccess,
} from './effectiveAccess';
import { grantAuthorizationExpression } from './grants';

const rule = (
  action: AuthorizationRuleSet['action'],
  matchExpressions: string[],
  layer: AuthorizationRuleSet['layer'] = 'traffic',
  policy = `team-a/${action.toLowerCase()}`,
): AuthorizationRuleSet => ({
  policy,
  attachedTo: layer === 'mcp' ? 'backend' : 'route',
  layer,
  action,
  matchExpressions,
});

const decisions = (items: Array<{ name: string; decision: string }>) =>
  Object.fromEntries(items.map(i => [i.name, i.decision]));

describe('evaluateEffectiveAccess', () => {
  it('allows everything when no rule applies', () => {
    const r = evaluateEffectiveAccess({
      rules: [],
      apiKey: { grant: 'g' },
      models: ['m'],
      tools: ['t'],
    });
    expect(r.models).toEqual([
      {
        name: 'm',
        decision: 'allowed',
        because: ['no authorization rule applies'],
      },
    ]);
    expect(r.tools[0].decision).toBe('allowed');
  });

  it('denies unless an Allow rule matches (expressions of one policy OR-ed)', () => {
    const rules = [
      rule('Allow', ["llm.requestModel == 'a'", "llm.requestModel == 'b'"]),
    ];
    const r = evaluateEffectiveAccess({
      rules,
      apiKey: {},
      models: ['a', 'b', 'c'],
    });
    expect(decisions(r.models)).toEqual({
      a: 'allowed',
      b: 'allowed',
      c: 'denied',
    });
    expect(r.models[2].because[0]).toBe('no Allow rule matches');
  });

  it('requires every Require rule and denies on any matching Deny rule', () => {
    const rules = [
      rule('Require', ["apiKey.team == 'x'"]),
      rule('Require', ["llm.requestModel != 'c'"]),
      rule('Deny', ["llm.requestModel == 'b'"]),
    ];
    const r = evaluateEffectiveAccess({
      rules,
      apiKey: { team: 'x' },
      models: ['a', 'b', 'c'],
    });
    expect(decisions(r.models)).toEqual({
      a: 'allowed',
      b: 'denied',
      c: 'denied',
    });
    expect(r.models[1].because).toEqual([
      "Deny team-a/deny (route): llm.requestModel == 'b' — matches",
    ]);
    expect(r.models[2].because).toEqual([
      "Require team-a/require (route): llm.requestModel != 'c' — does not match",
    ]);
    expect(
      decisions(
        evaluateEffectiveAccess({ rules, apiKey: { team: 'y' }, models: ['a'] })
          .models,
      ),
    ).toEqual({ a: 'denied' });
  });

  it('fails open for a Deny that errors and closed for Require / Allow that error', () => {
    const denyErr = evaluateEffectiveAccess({
      rules: [rule('Deny', ['apiKey.missing == 1'])],
      apiKey: {},
      models: ['a'],
    });
    expect(denyErr.models[0].decision).toBe('allowed');
    expect(denyErr.models[0].because[0]).toMatch(/Deny .*error .*fails open/);
    const requireErr = evaluateEffectiveAccess({
      rules: [rule('Require', ['apiKey.missing == 1'])],
      apiKey: {},
      models: ['a'],
    });
    expect(requireErr.models[0].decision).toBe('denied');
    expect(requireErr.models[0].because[0]).toMatch(/fails closed/);
    const nonBool = evaluateEffectiveAccess({
      rules: [rule('Allow', ['"yes"'])],
      apiKey: {},
      models: ['a'],
    });
    expect(nonBool.models[0].decision).toBe('denied');
  });

  it('is conditional when the decision hinges on a per-request variable', () => {
    const rules = [
      rule('Require', ["request.headers['x-internal'] == 'true'"]),
      rule('Deny', ["llm.requestModel == 'b'"]),
    ];
    const r = evaluateEffectiveAccess({
      rules,
      apiKey: {},
      models: ['a', 'b'],
    });
    expect(r.models[0]).toEqual({
      name: 'a',
      decision: 'conditional',
      because: [
        "Require team-a/require (route): request.headers['x-internal'] == 'true' — depends on request.headers",
      ],
      dependsOn: ['request.headers'],
    });
    expect(r.models[1].decision).toBe('denied'); // the Deny decides whatever the header
    // an Allow that matches makes other unknown Allow rules irrelevant
    const allow = [
      rule('Allow', ["jwt.sub == 'alice'", "llm.requestModel == 'a'"]),
    ];
    expect(
      decisions(
        evaluateEffectiveAccess({
          rules: allow,
          apiKey: {},
          models: ['a', 'b'],
        }).models,
      ),
    ).toEqual({
      a: 'allowed',
      b: 'conditional',
    });
  });

  it('applies mcp rules to tools only and splits federated tool names', () => {
    const rules = [
      rule(
        'Allow',
        ["mcp.tool.target == 'github' && mcp.tool.name == 'get_me'"],
        'mcp',
      ),
    ];
    const r = evaluateEffectiveAccess({
      rules,
      apiKey: {},
      models: ['m'],
      tools: [
        'github_get_me',
        'github_delete_repo',
        'slack_get_me',
        { name: 'get_me' },
      ],
      federatedTargets: ['github', 'slack'],
    });
    expect(decisions(r.models)).toEqual({ m: 'allowed' });
    expect(r.tools.map(t => [t.name, t.decision, t.dependsOn])).toEqual([
      ['github_get_me', 'allowed', undefined],
      ['github_delete_repo', 'denied', undefined],
      ['slack_get_me', 'denied', undefined],
      ['get_me', 'conditional', ['mcp.tool.target']],
    ]);
  });

  it('limits a granted key with generated grant rules and leaves other keys alone', () => {
    const llmRoute = [
      rule(
        'Require',
        [grantAuthorizationExpression({ grantId: 'g1', models: ['gpt-4o'] })],
        'traffic',
        'team-a/aigw-grant-g1',
      ),
    ];
    const mcpBackend = [
      rule(
        'Require',
        [grantAuthorizationExpression({ grantId: 'g2', tools: ['get_me'] })],
        'mcp',
        'team-a/aigw-grant-g2',
      ),
    ];
    const models = (apiKey?: Record<string, unknown>) =>
      decisions(
        evaluateEffectiveAccess({
          rules: llmRoute,
          apiKey,
          models: ['gpt-4o', 'o3'],
        }).models,
      );
    const tools = (apiKey?: Record<string, unknown>) =>
      decisions(
        evaluateEffectiveAccess({
          rules: mcpBackend,
          apiKey,
          tools: ['get_me', 'create_issue'],
        }).tools,
      );
    expect(models({ grant: 'g1', consumer: 'component:default/a' })).toEqual({
      'gpt-4o': 'allowed',
      o3: 'denied',
    });
    expect(models({ grant: 'g2' })).toEqual({
      'gpt-4o': 'allowed',
      o3: 'allowed',
    });
    expect(models({ consumer: 'x' })).toEqual({
      'gpt-4o': 'allowed',
      o3: 'allowed',
    });
    expect(tools({ grant: 'g2' })).toEqual({
      get_me: 'allowed',
      create_issue: 'denied',
    });
    expect(tools({ grant: 'g1' })).toEqual({
      get_me: 'allowed',
      create_issue: 'allowed',
    });
    expect(tools({})).toEqual({ get_me: 'allowed', create_issue: 'allowed' });
    // no key known at all: the grant rule depends on the key's metadata
    const none = evaluateEffectiveAccess({ rules: llmRoute, models: ['o3'] });
    expect(none.models[0]).toMatchObject({
      decision: 'conditional',
      dependsOn: ['apiKey.grant'],
    });
  });

  it('treats llm as absent for tools (a model rule on an MCP route fails closed for the key it names)', () => {
    const rules = [
      rule('Require', [
        grantAuthorizationExpression({ grantId: 'g1', models: ['gpt-4o'] }),
      ]),
    ];
    const r = evaluateEffectiveAccess({
      rules,
      apiKey: { grant: 'g1' },
      tools: ['get_me'],
    });
    expect(r.tools[0].decision).toBe('denied');
    expect(r.tools[0].because[0]).toMatch(/llm is not present.*fails closed/);
    expect(
      evaluateEffectiveAccess({
        rules,
        apiKey: { grant: 'g9' },
        tools: ['get_me'],
      }).tools[0].decision,
    ).toBe('allowed');
  });
});
