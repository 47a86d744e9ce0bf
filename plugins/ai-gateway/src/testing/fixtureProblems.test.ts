import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  anthropicBackend,
  gateway,
  openaiBackend,
  policy,
  route,
} from './fixtures';
import { fixtureProblems } from './fixtureProblems';

const secret = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'agentgateway-system' },
});

describe('fixtureProblems', () => {
  it('reports missing references and unused backends like the backend', () => {
    const owned = [
      openaiBackend,
      anthropicBackend,
      route,
      policy,
      secret('openai-secret'),
    ];
    const problems = fixtureProblems(owned, owned);
    expect(
      problems.map(p => `${p.severity} ${p.type} ${p.kind} ${p.name}`).sort(),
    ).toEqual([
      'error MissingParent HTTPRoute openai',
      'error MissingSecret AgentgatewayBackend anthropic',
      'warning UnusedBackend AgentgatewayBackend anthropic',
    ]);
    expect(problems.find(p => p.type === 'MissingParent')?.message).toBe(
      'HTTPRoute openai attaches to Gateway agentgateway-system/agentgateway-proxy, which does not exist',
    );
  });

  it('finds referenced objects anywhere (shared gateways, other entities)', () => {
    const problems = fixtureProblems(
      [openaiBackend, route],
      [openaiBackend, route, gateway, secret('openai-secret')],
    );
    expect(problems).toEqual([]);
  });
});
