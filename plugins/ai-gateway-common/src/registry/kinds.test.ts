import {
  findKind,
  getKind,
  kindOf,
  kindsForTab,
  RESOURCE_KINDS,
} from './kinds';
import { apiVersionOf } from './types';
import { conditionState } from '../summaries/conditions';

const route = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'openai', namespace: 'team-support' },
  spec: {
    parentRefs: [
      {
        name: 'ai-gateway',
        namespace: 'agentgateway-system',
        sectionName: 'http',
      },
    ],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/support/openai' } }],
        backendRefs: [
          {
            group: 'agentgateway.dev',
            kind: 'AgentgatewayBackend',
            name: 'openai',
            weight: 80,
          },
          {
            group: 'agentgateway.dev',
            kind: 'AgentgatewayBackend',
            name: 'anthropic',
            weight: 20,
          },
        ],
      },
    ],
  },
  status: {
    parents: [
      {
        parentRef: { name: 'ai-gateway', namespace: 'agentgateway-system' },
        controllerName: 'agentgateway.dev/agentgateway',
        conditions: [
          { type: 'Accepted', status: 'True', reason: 'Accepted' },
          {
            type: 'ResolvedRefs',
            status: 'False',
            reason: 'BackendNotFound',
            message: 'backend anthropic not found',
          },
        ],
      },
    ],
  },
};

describe('resource-kind registry', () => {
  it('declares each kind once, with a unique plural per group', () => {
    const keys = RESOURCE_KINDS.map(d => `${d.group}/${d.plural}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(RESOURCE_KINDS.map(d => d.kind)).size).toBe(
      RESOURCE_KINDS.length,
    );
  });

  it('puts kinds on their tabs and keeps GatewayClass read-only', () => {
    expect(kindsForTab('backends').map(d => d.kind)).toEqual([
      'AgentgatewayBackend',
      'AgentgatewayModel',
    ]);
    expect(kindsForTab('routes').map(d => d.kind)).toEqual([
      'HTTPRoute',
      'ReferenceGrant',
    ]);
    expect(getKind('GatewayClass').readOnly).toBe(true);
    expect(findKind('Deployment')).toBeUndefined();
    expect(() => getKind('Deployment')).toThrow(/Unknown resource kind/);
  });

  it('matches objects by apiVersion group as well as kind', () => {
    expect(
      kindOf({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway' })
        ?.kind,
    ).toBe('Gateway');
    expect(kindOf({ apiVersion: 'v1', kind: 'Secret' })?.kind).toBe('Secret');
    expect(
      kindOf({ apiVersion: 'example.com/v1', kind: 'Gateway' }),
    ).toBeUndefined();
    expect(apiVersionOf(getKind('Secret'))).toBe('v1');
    expect(apiVersionOf(getKind('AgentgatewayPolicy'))).toBe(
      'agentgateway.dev/v1alpha1',
    );
  });

  it('summarizes a route, extracts its references and flattens parent conditions', () => {
    const d = getKind('HTTPRoute');
    expect(d.summarize(route)).toEqual({
      gateways: ['agentgateway-system/ai-gateway:http'],
      hostnames: [],
      matches: ['/support/openai'],
      backends: [
        'AgentgatewayBackend openai (80)',
        'AgentgatewayBackend anthropic (20)',
      ],
    });
    expect(d.references(route)).toEqual([
      {
        role: 'parent',
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        namespace: 'agentgateway-system',
        name: 'ai-gateway',
        sectionName: 'http',
      },
      {
        role: 'backend',
        group: 'agentgateway.dev',
        kind: 'AgentgatewayBackend',
        namespace: 'team-support',
        name: 'openai',
        weight: 80,
      },
      {
        role: 'backend',
        group: 'agentgateway.dev',
        kind: 'AgentgatewayBackend',
        namespace: 'team-support',
        name: 'anthropic',
        weight: 20,
      },
    ]);
    const conditions = d.conditions(route);
    expect(conditions).toHaveLength(2);
    expect(conditions[1]).toMatchObject({
      scope: 'Gateway agentgateway-system/ai-gateway',
      reason: 'BackendNotFound',
    });
    expect(conditionState(conditions, 'ResolvedRefs')?.status).toBe('False');
    expect(conditionState(conditions, 'Programmed')).toBeUndefined();
  });

  it('summarizes AI, MCP and static backends and finds their secretRefs', () => {
    const d = getKind('AgentgatewayBackend');
    const ai = {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayBackend',
      metadata: { name: 'openai', namespace: 'team-support' },
      spec: {
        ai: { provider: { openai: { model: 'gpt-4o-mini' } } },
        policies: { auth: { secretRef: { name: 'openai-secret' } } },
      },
    };
    expect(d.summarize(ai)).toEqual({
      type: 'LLM',
      provider: ['openai'],
      model: ['gpt-4o-mini'],
      targets: ['openai gpt-4o-mini'],
    });
    expect(d.references(ai)).toEqual([
      {
        role: 'secret',
        group: '',
        kind: 'Secret',
        namespace: 'team-support',
        name: 'openai-secret',
      },
    ]);

    const failover = {
      ...ai,
      spec: {
        ai: {
          groups: [
            { providers: [{ name: 'a', anthropic: { model: 'claude' } }] },
            { providers: [{ name: 'b', openai: {} }] },
          ],
        },
      },
    };
    expect(d.summarize(failover)).toMatchObject({
      type: 'LLM (failover)',
      provider: ['anthropic', 'openai'],
      model: ['claude'],
    });

    const mcp = {
      ...ai,
      spec: {
        mcp: {
          targets: [
            {
              name: 'fetch',
              static: {
                host: 'fetch.svc',
                port: 80,
                path: '/mcp',
                protocol: 'StreamableHTTP',
              },
            },
            {
              name: 'tools',
              selector: { services: { matchLabels: { app: 'mcp' } } },
            },
          ],
        },
      },
    };
    expect(d.summarize(mcp)).toEqual({
      type: 'MCP (federated)',
      targets: ['fetch: fetch.svc:80/mcp', 'tools: services app=mcp'],
    });
    expect(
      d.summarize({
        ...ai,
        spec: { static: { host: 'rerank.internal', port: 8080 } },
      }),
    ).toEqual({ type: 'Static', targets: ['rerank.internal:8080'] });
  });

  it('summarizes a policy by its targets and sections, and never a secret value', () => {
    const policy = {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayPolicy',
      metadata: { name: 'apikey', namespace: 'team-support' },
      spec: {
        targetRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'HTTPRoute',
            name: 'openai',
          },
        ],
        traffic: {
          apiKeyAuthentication: { mode: 'Strict', secretRef: { name: 'keys' } },
          rateLimit: { local: [] },
        },
      },
    };
    expect(getKind('AgentgatewayPolicy').summarize(policy)).toEqual({
      targets: ['HTTPRoute openai'],
      sections: ['traffic.apiKeyAuthentication', 'traffic.rateLimit'],
    });
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'keys' },
      type: 'Opaque',
      data: { alice: 'c2stYWxpY2U=' },
    };
    expect(JSON.stringify(getKind('Secret').summarize(secret))).not.toContain(
      'c2stYWxpY2U=',
    );
  });
});
