import { authorizationRuleSets } from './authorizationRules';

const policy = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayPolicy',
  metadata: { name, namespace: 'team-a' },
  spec,
});

describe('authorizationRuleSets', () => {
  it('reads traffic and MCP authorization, defaulting the action to Allow', () => {
    const r = authorizationRuleSets([
      {
        policy: policy('both', {
          traffic: {
            authorization: { policy: { matchExpressions: ['jwt.sub == "a"'] } },
          },
          backend: {
            mcp: {
              authorization: {
                action: 'Deny',
                policy: { matchExpressions: ['mcp.tool.name == "x"'] },
              },
            },
          },
        }),
        attachedTo: 'route',
      },
      {
        policy: policy('none', { traffic: { timeouts: { request: '5s' } } }),
        attachedTo: 'gateway',
      },
    ]);
    expect(r).toEqual({
      ruleSets: [
        {
          policy: 'team-a/both',
          attachedTo: 'route',
          layer: 'traffic',
          action: 'Allow',
          matchExpressions: ['jwt.sub == "a"'],
        },
        {
          policy: 'team-a/both',
          attachedTo: 'route',
          layer: 'mcp',
          action: 'Deny',
          matchExpressions: ['mcp.tool.name == "x"'],
        },
      ],
      skipped: [],
    });
  });

  it('reports malformed sections instead of guessing', () => {
    const r = authorizationRuleSets([
      {
        policy: policy('bad-action', {
          traffic: {
            authorization: {
              action: 'Maybe',
              policy: { matchExpressions: ['true'] },
            },
          },
        }),
        attachedTo: 'route',
      },
      {
        policy: policy('no-exprs', {
          backend: {
            mcp: { authorization: { action: 'Require', policy: {} } },
          },
        }),
        attachedTo: 'backend',
      },
    ]);
    expect(r.ruleSets).toEqual([]);
    expect(r.skipped).toEqual([
      'team-a/bad-action spec.traffic.authorization: unknown action Maybe',
      'team-a/no-exprs spec.backend.mcp.authorization: no policy.matchExpressions',
    ]);
  });
});
