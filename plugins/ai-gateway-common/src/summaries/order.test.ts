import { summarizeBackend } from './backend';
import {
  summarizeParameters,
  summarizeSecret,
  summarizeModel,
} from './gateway';
import { summarizePolicy } from './policy';

/** A deep copy with every map's keys in reverse order (what another server's serializer may send). */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    ) as T;
  return value;
}

const meta = { name: 'x', namespace: 'team-a' };

describe('summary lists do not depend on the JSON key order', () => {
  it('policy sections and target selectors are sorted by key', () => {
    const policy = {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayPolicy' as const,
      metadata: meta,
      spec: {
        targetSelectors: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'HTTPRoute',
            matchLabels: { tier: 'gold', app: 'chat' },
          },
        ],
        traffic: { timeouts: { request: '10s' }, rateLimit: { local: [] } },
        backend: { mcp: {}, ai: {} },
      },
    };
    const s = summarizePolicy(policy as never);
    expect(s.sections).toEqual([
      'traffic.rateLimit',
      'traffic.timeouts',
      'backend.ai',
      'backend.mcp',
    ]);
    expect(s.targets).toEqual(['HTTPRoute with app=chat,tier=gold']);
    expect(summarizePolicy(reversedKeys(policy) as never)).toEqual(s);
  });

  it('parameters overrides, secret keys and virtual models are sorted', () => {
    const params = {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayParameters' as const,
      metadata: meta,
      spec: { resources: {}, image: { tag: 'v1' }, env: [], deployment: {} },
    };
    expect(summarizeParameters(params as never).overrides).toEqual([
      'deployment',
      'env',
      'resources',
    ]);
    expect(summarizeParameters(reversedKeys(params) as never)).toEqual(
      summarizeParameters(params as never),
    );

    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta,
      type: 'Opaque',
      data: { 'tls.key': 'a2V5', 'ca.crt': 'Y2E=', 'tls.crt': 'Y3J0' },
    };
    expect(summarizeSecret(secret).keys).toEqual([
      'ca.crt',
      'tls.crt',
      'tls.key',
    ]);
    expect(summarizeSecret(reversedKeys(secret))).toEqual(
      summarizeSecret(secret),
    );

    const model = {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayModel' as const,
      metadata: meta,
      spec: { virtualModel: { failover: { models: [] } } },
    };
    expect(summarizeModel(model as never).provider).toBe('virtual (failover)');
  });

  it('MCP selector targets list their labels sorted by key', () => {
    const backend = {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayBackend' as const,
      metadata: meta,
      spec: {
        mcp: {
          targets: [
            {
              name: 'tools',
              selector: {
                services: { matchLabels: { team: 'a', app: 'mcp' } },
              },
            },
          ],
        },
      },
    };
    const s = summarizeBackend(backend as never);
    expect(s.targets).toEqual(['tools: services app=mcp, team=a']);
    expect(summarizeBackend(reversedKeys(backend) as never)).toEqual(s);
  });
});
