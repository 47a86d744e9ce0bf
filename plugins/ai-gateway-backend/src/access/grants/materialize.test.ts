/*
 * Approval of a grant against kube-local seeded with the demo cluster: the target resolved from the caches, the
 * Require policy of an llm route and of an mcp route (with the shared api-key policy the route lacked), each
 * accepted by the CRD validator and the API server, audited with the actor; 409 for routes whose auth cannot take
 * grant keys; a failure halfway leaves nothing written.
 */
import { ConflictError } from '@backstage/errors';
import { GRANT_LABELS } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  GrantsEnv,
  eventually,
  startGrantsEnv,
  validator,
} from './__testUtils__/grantsEnv';

jest.setTimeout(120_000);

const src = (ns: string, name: string, kind = 'HTTPRoute') => ({
  cluster: 'local',
  source: `${kind}:${ns}/${name}`,
});
const OWNER = { 'backstage.io/kubernetes-id': 'support-assistant' };
const ACTOR = 'user:default/sam.support';

describe('GrantObjects: target and materialize', () => {
  let env: GrantsEnv;
  let failing: string | undefined;

  beforeAll(async () => {
    env = await startGrantsEnv({ failWrite: (_k, name) => name === failing });
  });
  afterAll(() => env?.close());

  const auditsOf = (grantId: string) =>
    (
      env.audits as Array<{ status: string; meta: Record<string, string> }>
    ).filter(e => e.meta?.grantId === grantId && e.status !== 'initiated');

  it('target: an llm route with its key selector, Gateway, local limits and owner labels', async () => {
    const t = await env.grants.target(src('team-support', 'support-chat'));
    expect(t).toEqual({
      cluster: 'local',
      namespace: 'team-support',
      apiType: 'llm',
      route: { kind: 'HTTPRoute', name: 'support-chat' },
      gateways: ['agentgateway-system/ai-gateway'],
      mcpBackends: [],
      apiKeys: {
        mode: 'selector',
        policy: 'team-support/support-api-keys',
        matchLabels: { 'support-client-keys': 'true' },
      },
      globalRateLimits: [],
      // the route's 60 requests / 50,000 tokens per minute, lower than the Gateway's 5,000 requests
      localLimits: { requestsPerMinute: 60, tokensPerMinute: 50000 },
      ownerLabels: OWNER,
      ownerEntityRef: 'component:default/support-assistant',
    });
    await expect(
      env.grants.target(src('team-support', 'nope')),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(
      env.grants.target({ cluster: 'local', source: 'team-support/x' }),
    ).rejects.toMatchObject({ name: 'InputError', message: /source/ });
  });

  it('materialize llm: a Require rule on the route for the granted models, valid, labelled, audited', async () => {
    const target = await env.grants.target(
      src('team-support', 'support-openai'),
    );
    const result = await env.grants.materialize({
      grantId: 'llm1',
      consumerRef: 'component:default/search-rag',
      scope: { models: ['gpt-4.1-mini'], limits: { requestsPerMinute: 10 } },
      target,
      actor: ACTOR,
    });
    expect(result.objects).toEqual([
      {
        cluster: 'local',
        kind: 'AgentgatewayPolicy',
        namespace: 'team-support',
        name: 'aigw-grant-llm1',
      },
    ]);
    expect(result.unenforcedLimits).toMatch(/^Recorded, not enforced/);
    const policy = await env.admin(
      env.policyPath('team-support', 'aigw-grant-llm1'),
    );
    expect(policy?.metadata.labels).toEqual({
      ...OWNER,
      [GRANT_LABELS.grant]: 'llm1',
      [GRANT_LABELS.apiKeysFor]: 'support-openai',
    });
    expect(policy?.spec).toEqual({
      targetRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'HTTPRoute',
          name: 'support-openai',
        },
      ],
      traffic: {
        authorization: {
          action: 'Require',
          policy: {
            matchExpressions: [
              "!has(apiKey.grant) || apiKey.grant != 'llm1' || llm.requestModel in ['gpt-4.1-mini']",
            ],
          },
        },
      },
    });
    expect(validator.validate(policy!).causes).toEqual([]);
    expect(auditsOf('llm1')).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        meta: expect.objectContaining({
          actor: ACTOR,
          decision: 'approve',
          kind: 'AgentgatewayPolicy',
          name: 'aigw-grant-llm1',
          namespace: 'team-support',
        }),
      }),
    ]);
  });

  it('a failure halfway (the grant policy after the shared one) leaves nothing written', async () => {
    failing = 'aigw-grant-fail1';
    const target = await env.grants.target(
      src('team-support', 'support-kb-mcp'),
    );
    expect(target.apiKeys.mode).toBe('shared');
    await expect(
      env.grants.materialize({
        grantId: 'fail1',
        consumerRef: 'component:default/search-rag',
        scope: { tools: ['search_kb'] },
        target,
        actor: ACTOR,
      }),
    ).rejects.toThrow();
    failing = undefined;
    expect(
      await env.admin(
        env.policyPath('team-support', 'aigw-apikeys-support-kb-mcp'),
      ),
    ).toBeUndefined();
    expect(
      await env.admin(env.policyPath('team-support', 'aigw-grant-fail1')),
    ).toBeUndefined();
    expect(auditsOf('fail1').map(e => e.status)).toEqual(['failed']);
  });

  it('materialize mcp: the shared api-key policy and a Require rule on the MCP backend for the tools', async () => {
    const target = await env.grants.target(
      src('team-support', 'support-kb-mcp'),
    );
    expect(target).toMatchObject({
      apiType: 'mcp-server',
      mcpBackends: ['support-kb-mcp'],
      apiKeys: {
        mode: 'shared',
        policy: 'team-support/aigw-apikeys-support-kb-mcp',
        matchLabels: { [GRANT_LABELS.apiKeysFor]: 'support-kb-mcp' },
      },
    });
    const result = await env.grants.materialize({
      grantId: 'mcp1',
      consumerRef: 'component:default/search-rag',
      scope: { tools: ['search_kb', 'get_article'] },
      target,
      actor: ACTOR,
    });
    expect(result.objects.map(o => o.name)).toEqual([
      'aigw-apikeys-support-kb-mcp',
      'aigw-grant-mcp1',
    ]);
    expect(result.unenforcedLimits).toBeUndefined();
    const shared = await env.admin(
      env.policyPath('team-support', 'aigw-apikeys-support-kb-mcp'),
    );
    expect(shared?.metadata.labels).toEqual({
      ...OWNER,
      [GRANT_LABELS.apiKeysFor]: 'support-kb-mcp',
    });
    expect(shared?.spec?.traffic).toEqual({
      apiKeyAuthentication: {
        mode: 'Strict',
        secretSelector: {
          matchLabels: { [GRANT_LABELS.apiKeysFor]: 'support-kb-mcp' },
        },
      },
    });
    const policy = await env.admin(
      env.policyPath('team-support', 'aigw-grant-mcp1'),
    );
    expect(policy?.spec).toEqual({
      targetRefs: [
        {
          group: 'agentgateway.dev',
          kind: 'AgentgatewayBackend',
          name: 'support-kb-mcp',
        },
      ],
      backend: {
        mcp: {
          authorization: {
            action: 'Require',
            policy: {
              matchExpressions: [
                "!has(apiKey.grant) || apiKey.grant != 'mcp1' || mcp.tool.name in ['search_kb','get_article']",
              ],
            },
          },
        },
      },
    });
    for (const p of [shared!, policy!])
      expect(validator.validate(p).causes).toEqual([]);
    // once the cache shows the shared policy, the route's next grant writes only its own policy
    await eventually(() =>
      expect(
        env.caches.get(
          'local',
          'AgentgatewayPolicy',
          'team-support',
          'aigw-apikeys-support-kb-mcp',
        ),
      ).toBeDefined(),
    );
    await env.grants.materialize({
      grantId: 'mcp2',
      consumerRef: 'component:default/payments-agent',
      scope: { tools: ['search_kb'] },
      target: await env.grants.target(src('team-support', 'support-kb-mcp')),
      actor: ACTOR,
    });
    expect(auditsOf('mcp2').map(e => e.meta.name)).toEqual(['aigw-grant-mcp2']);
  });

  it('409 naming the policy for a single-secretRef route, a JWT route and a model; nothing written', async () => {
    const cases = [
      [
        src('team-payments', 'payments-azure-openai'),
        /payments-api-keys.*secretRef/,
      ],
      [src('team-search', 'search-gemini'), /search-jwt.*jwtAuthentication/],
      [
        src('team-search', 'search-default', 'AgentgatewayModel'),
        /cannot target a model/,
      ],
    ] as const;
    for (const [api, message] of cases) {
      const target = await env.grants.target(api);
      const error = await env.grants
        .materialize({
          grantId: 'no1',
          consumerRef: 'component:default/support-assistant',
          scope: { models: ['gpt-4o'] },
          target,
          actor: ACTOR,
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as Error).message).toMatch(message);
    }
    expect(
      await env.admin(env.policyPath('team-payments', 'aigw-grant-no1')),
    ).toBeUndefined();
    expect(
      await env.admin(env.policyPath('team-search', 'aigw-grant-no1')),
    ).toBeUndefined();
  });
});
